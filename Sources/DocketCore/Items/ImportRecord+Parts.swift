extension ImportRecord {
    // The objects inside a record: scores, explanations with their spans, and decisions made elsewhere.
    // Each refuses fields it does not know, with the field's path (`scores[0].treshold`).

    static func parseScore(_ value: JSONValue, field: @autoclosure () -> String) throws(InputError) -> ModelScore {
        let member = try fieldValues(value, of: ["model", "category", "score", "threshold", "version"], field: field(),
                                     shape: "{model, category, score, threshold}")
        guard let model = try optionalString(member[0], field: field() + ".model"), !model.isEmpty else {
            throw InputError(field: field() + ".model", "is required")
        }
        guard let category = try optionalString(member[1], field: field() + ".category"), !category.isEmpty else {
            throw InputError(field: field() + ".category", "is required")
        }
        guard let score = try number(member[2], field: field() + ".score") else {
            throw InputError(field: field() + ".score", "is required")
        }
        guard (0...1).contains(score) else { throw InputError(field: field() + ".score", "must be between 0 and 1, not \(score)") }
        let threshold = try number(member[3], field: field() + ".threshold")
        if let threshold, !(0...1).contains(threshold) {
            throw InputError(field: field() + ".threshold", "must be between 0 and 1, not \(threshold)")
        }
        var name = model
        if let version = try optionalString(member[4], field: field() + ".version"), !version.isEmpty {
            name += "@" + version
        }
        return ModelScore(model: name, category: category, score: score, threshold: threshold)
    }

    static func parseExplanation(_ value: JSONValue, field: @autoclosure () -> String, textLength: Int,
                                 altLengths: [Int] = []) throws(InputError) -> Explanation {
        let member = try fieldValues(value, of: ["model", "text", "spans"], field: field(), shape: "{model, text, spans}")
        let model = try optionalString(member[0], field: field() + ".model") ?? ""
        let text = try optionalString(member[1], field: field() + ".text") ?? ""
        var spans: [Span] = []
        if let list = try optionalArray(member[2], field: field() + ".spans", limit: ImportLimits.spans) {
            spans = try list.enumerated().map { (index, span) throws(InputError) -> Span in
                try parseSpan(span, field: "\(field()).spans[\(index)]", textLength: textLength, altLengths: altLengths)
            }
        }
        return Explanation(model: model, text: text, spans: spans)
    }

    /// A span of the record's text, in code points: whole offsets with 0 <= start < end <= the text's length;
    /// with `media: N`, of the alt text of the record's image N instead (`altLengths` holds their lengths).
    static func parseSpan(_ value: JSONValue, field: @autoclosure () -> String, textLength: Int,
                          altLengths: [Int] = []) throws(InputError) -> Span {
        let member = try fieldValues(value, of: ["start", "end", "label", "weight", "media"], field: field(),
                                     shape: "{start, end, label, weight, media}")
        let media = try spanMedia(member[4], field: field() + ".media", count: altLengths.count)
        let textLength = media.map { altLengths[$0] } ?? textLength
        let target = media.map { "the alt text of media[\($0)]" } ?? "the text"
        guard member[0] != nil, member[1] != nil else { throw InputError(field: field(), "needs start and end") }
        // Offsets are checked against the text before any conversion: 1e19 is "past the end", not a trap.
        guard let start = try wholeNumber(member[0], field: field() + ".start", in: 0...Int.max),
              let end = try wholeNumber(member[1], field: field() + ".end", in: 0...Int.max) else {
            throw InputError(field: field(), "needs start and end")
        }
        for (name, offset) in [("start", start), ("end", end)] where offset > textLength {
            throw InputError(field: field() + "." + name, "is \(offset), past the end of \(target) (\(textLength) code points)")
        }
        guard end > start else { throw InputError(field: field() + ".end", "is \(end); it must be after start (\(start)): 0 <= start < end") }
        let label = try optionalString(member[2], field: field() + ".label")
        let weight = try number(member[3], field: field() + ".weight")
        return Span(start: start, end: end, label: label, weight: weight, media: media)
    }

    static func parseDecision(_ value: JSONValue, field: @autoclosure () -> String) throws(InputError) -> ImportedDecision {
        let member = try fieldValues(value, of: ["reviewer", "label", "tags", "severity", "note", "at", "seconds"],
                                     field: field(), shape: "{reviewer, label, ...}")
        guard let reviewer = try identifier(member[0], field: field() + ".reviewer", required: true),
              let label = try identifier(member[1], field: field() + ".label", required: true) else {
            throw InputError(field: field(), "needs reviewer and label")
        }
        var tags: [String] = []
        if let list = try optionalArray(member[2], field: field() + ".tags", limit: ImportLimits.labels) {
            tags = try list.enumerated().map { (index, tag) throws(InputError) -> String in
                guard let s = tag.stringValue else { throw InputError(field: "\(field()).tags[\(index)]", "must be a string") }
                return s
            }
        }
        let severity = try identifier(member[3], field: field() + ".severity", required: false)
        let note = try optionalString(member[4], field: field() + ".note")
        var at: Double?
        if let time = member[5], !time.isNull { at = try Self.time(time, field: field() + ".at") }
        let seconds = try number(member[6], field: field() + ".seconds")
        if let seconds, !(0...ImportLimits.decisionSeconds).contains(seconds) {
            throw InputError(field: field() + ".seconds", "must be between 0 and \(Int(ImportLimits.decisionSeconds)) seconds, not \(seconds)")
        }
        return ImportedDecision(reviewer: reviewer, label: label, tags: tags, severity: severity, note: note, at: at, seconds: seconds)
    }
}
