/// One record of an import file, validated: what `docket import` stores for an item.
/// See `Docs/import-format.md` and `Docs/import-record.schema.json`.
public struct ImportRecord: Equatable, Sendable {
    /// A label made outside Docket, imported with the item (for auditing existing data sets).
    public struct ImportedDecision: Equatable, Sendable {
        public var reviewer: String
        public var label: String
        public var tags: [String]
        public var severity: String?
        public var note: String?
        /// Seconds since 1970, when given.
        public var at: Double?

        public init(reviewer: String, label: String, tags: [String] = [], severity: String? = nil,
                    note: String? = nil, at: Double? = nil) {
            self.reviewer = reviewer
            self.label = label
            self.tags = tags
            self.severity = severity
            self.note = note
            self.at = at
        }
    }

    public var id: String
    public var text: String
    public var kind: ContentKind
    public var turns: [Turn]
    public var group: String?
    /// A JSON object (empty when absent).
    public var meta: JSONValue
    public var scores: [ModelScore]
    public var explanations: [Explanation]
    public var decisions: [ImportedDecision]
    /// The known answer for a gold (known-answer) item.
    public var gold: String?
    public var reports: Int
    public var createdAt: Double?
    public var source: String?
    /// The item's images (see ``MediaReference``); paths as written, resolved and hashed by the store.
    public var media: [MediaReference] = []

    public init(id: String, text: String, kind: ContentKind = .text, turns: [Turn] = [], group: String? = nil,
                meta: JSONValue = .object([]), scores: [ModelScore] = [], explanations: [Explanation] = [],
                decisions: [ImportedDecision] = [], gold: String? = nil, reports: Int = 0,
                createdAt: Double? = nil, source: String? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.turns = turns
        self.group = group
        self.meta = meta
        self.scores = scores
        self.explanations = explanations
        self.decisions = decisions
        self.gold = gold
        self.reports = reports
        self.createdAt = createdAt
        self.source = source
    }

    static let knownFields: Set<String> = [
        "id", "text", "kind", "turns", "group", "meta", "scores", "explanations", "decisions", "gold",
        "reports", "created_at", "source", "media",
    ]

    /// The members of a record object, by field.
    private struct Fields {
        var id, text, kind, turns, group, meta, scores, explanations, decisions, gold, reports, createdAt, source, media: JSONValue?
    }

    /// Validates one parsed JSON record. Errors name the field (`scores[1].score`); the caller adds file and line.
    public static func from(_ value: JSONValue) throws(InputError) -> ImportRecord {
        guard case .object(let members) = value else {
            throw InputError("a record must be a JSON object, not \(value.typeDescription)")
        }
        // One pass files each member under its field (a repeated key: the last one wins, as lookups do);
        // looking each field up by name scanned every member a dozen times per record.
        var fields = Fields()
        for (key, member) in members {
            switch key {
            case "id": fields.id = member
            case "text": fields.text = member
            case "kind": fields.kind = member
            case "turns": fields.turns = member
            case "group": fields.group = member
            case "meta": fields.meta = member
            case "scores": fields.scores = member
            case "explanations": fields.explanations = member
            case "decisions": fields.decisions = member
            case "gold": fields.gold = member
            case "reports": fields.reports = member
            case "created_at": fields.createdAt = member
            case "source": fields.source = member
            case "media": fields.media = member
            default:
                throw InputError(field: key, "unknown field (known fields: \(knownFields.sorted().joined(separator: ", ")))")
            }
        }
        let id = try identifier(fields.id, field: "id", required: true)!
        guard let textValue = fields.text, !textValue.isNull else { throw InputError(field: "text", "is required") }
        guard case .string(let text) = textValue else { throw InputError(field: "text", "must be a string, not \(textValue.typeDescription)") }

        var record = ImportRecord(id: id, text: text)
        if let kind = try optionalString(fields.kind, field: "kind") {
            guard let parsed = ContentKind(rawValue: kind) else {
                throw InputError(field: "kind", "must be one of text, conversation, url (not '\(kind)')")
            }
            record.kind = parsed
        }
        if let turns = try optionalArray(fields.turns, field: "turns") {
            record.turns = try turns.enumerated().map { (index, turn) throws(InputError) -> Turn in
                func field() -> String { "turns[\(index)]" }
                guard case .object = turn else { throw InputError(field: field(), "must be an object {speaker, text}") }
                let speaker = try optionalString(turn["speaker"], field: field() + ".speaker") ?? ""
                guard let turnText = try optionalString(turn["text"], field: field() + ".text", allowNUL: true) else {
                    throw InputError(field: field() + ".text", "is required")
                }
                return Turn(speaker: speaker, text: turnText)
            }
            if record.kind == .text, !record.turns.isEmpty { record.kind = .conversation }
        }
        record.group = try identifier(fields.group, field: "group", required: false)
        if let meta = fields.meta, !meta.isNull {
            guard case .object = meta else { throw InputError(field: "meta", "must be an object, not \(meta.typeDescription)") }
            record.meta = meta
        }
        if let scores = try optionalArray(fields.scores, field: "scores") {
            record.scores = try scores.enumerated().map { (index, score) throws(InputError) in
                try parseScore(score, field: "scores[\(index)]")
            }
        }
        // Before the explanations: their spans may point into an image's alt text.
        if let media = try optionalArray(fields.media, field: "media") { record.media = try parseMedia(media) }
        if let explanations = try optionalArray(fields.explanations, field: "explanations") {
            let codePoints = codePointCount(text)
            let altLengths = record.media.map { codePointCount($0.alt ?? "") }
            record.explanations = try explanations.enumerated().map { (index, explanation) throws(InputError) in
                try parseExplanation(explanation, field: "explanations[\(index)]", textLength: codePoints, altLengths: altLengths)
            }
        }
        if let decisions = try optionalArray(fields.decisions, field: "decisions") {
            record.decisions = try decisions.enumerated().map { (index, decision) throws(InputError) in
                try parseDecision(decision, field: "decisions[\(index)]")
            }
        }
        record.gold = try identifier(fields.gold, field: "gold", required: false)
        if let reports = fields.reports, !reports.isNull {
            guard let count = reports.doubleValue, count >= 0, count == count.rounded(), count < 1e12 else {
                throw InputError(field: "reports", "must be a whole number of reports, 0 or more")
            }
            record.reports = Int(count)
        }
        if let created = fields.createdAt, !created.isNull {
            record.createdAt = try time(created, field: "created_at")
        }
        record.source = try optionalString(fields.source, field: "source")
        return record
    }

    private static func identifier(_ value: JSONValue?, field: @autoclosure () -> String, required: Bool) throws(InputError) -> String? {
        guard let value, !value.isNull else {
            if required { throw InputError(field: field(), "is required") }
            return nil
        }
        switch value {
        case .string(let s):
            if s.isEmpty { throw InputError(field: field(), "must not be empty") }
            try rejectNUL(s, field: field())
            return s
        case .number(let n): return n
        default: throw InputError(field: field(), "must be a string or a number, not \(value.typeDescription)")
        }
    }

    /// `allowNUL`: only for text stored in a way that keeps NULs (the content, conversation turns).
    static func optionalString(_ value: JSONValue?, field: @autoclosure () -> String, allowNUL: Bool = false) throws(InputError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let s) = value else { throw InputError(field: field(), "must be a string, not \(value.typeDescription)") }
        if !allowNUL { try rejectNUL(s, field: field()) }
        return s
    }

    /// Names, ids and notes are stored as SQLite text, which ends at a NUL: refuse rather than cut them
    /// silently (two ids differing after a NUL would become one item).
    static func rejectNUL(_ text: String, field: @autoclosure () -> String) throws(InputError) {
        var copy = text
        if copy.withUTF8({ $0.contains(0) }) { throw InputError(field: field(), "must not contain a NUL character (\\u0000)") }
    }

    /// The number of Unicode code points of `text` (as Python counts a string's length): its UTF-8
    /// bytes that start a scalar, counted over the contiguous bytes rather than by decoding.
    static func codePointCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            var continuation = 0
            for byte in bytes where byte & 0xC0 == 0x80 { continuation += 1 }
            return bytes.count - continuation
        }
    }

    static func optionalArray(_ value: JSONValue?, field: @autoclosure () -> String) throws(InputError) -> [JSONValue]? {
        guard let value, !value.isNull else { return nil }
        guard case .array(let a) = value else { throw InputError(field: field(), "must be a list, not \(value.typeDescription)") }
        return a
    }

    static func number(_ value: JSONValue?, field: @autoclosure () -> String) throws(InputError) -> Double? {
        guard let value, !value.isNull else { return nil }
        guard let n = value.doubleValue, n.isFinite else {
            throw InputError(field: field(), "must be a number, not \(value.typeDescription)")
        }
        return n
    }

    private static func time(_ value: JSONValue, field: @autoclosure () -> String) throws(InputError) -> Double {
        if let seconds = value.doubleValue { return seconds }
        if let text = value.stringValue, let seconds = Timestamp.parse(text) { return seconds }
        throw InputError(field: field(), "must be an ISO 8601 time such as 2024-05-01T12:00:00Z or seconds since 1970")
    }

    private static func parseScore(_ value: JSONValue, field: @autoclosure () -> String) throws(InputError) -> ModelScore {
        guard case .object(let members) = value else { throw InputError(field: field(), "must be an object {model, category, score, threshold}") }
        var modelValue, categoryValue, scoreValue, thresholdValue, versionValue: JSONValue?
        for (key, member) in members {
            switch key {
            case "model": modelValue = member
            case "category": categoryValue = member
            case "score": scoreValue = member
            case "threshold": thresholdValue = member
            case "version": versionValue = member
            default: break
            }
        }
        guard let model = try optionalString(modelValue, field: field() + ".model"), !model.isEmpty else {
            throw InputError(field: field() + ".model", "is required")
        }
        guard let category = try optionalString(categoryValue, field: field() + ".category"), !category.isEmpty else {
            throw InputError(field: field() + ".category", "is required")
        }
        guard let score = try number(scoreValue, field: field() + ".score") else {
            throw InputError(field: field() + ".score", "is required")
        }
        guard (0...1).contains(score) else { throw InputError(field: field() + ".score", "must be between 0 and 1, not \(score)") }
        let threshold = try number(thresholdValue, field: field() + ".threshold")
        if let threshold, !(0...1).contains(threshold) {
            throw InputError(field: field() + ".threshold", "must be between 0 and 1, not \(threshold)")
        }
        var name = model
        if let version = try optionalString(versionValue, field: field() + ".version"), !version.isEmpty {
            name += "@" + version
        }
        return ModelScore(model: name, category: category, score: score, threshold: threshold)
    }

    private static func parseExplanation(_ value: JSONValue, field: @autoclosure () -> String, textLength: Int, altLengths: [Int]) throws(InputError) -> Explanation {
        guard case .object = value else { throw InputError(field: field(), "must be an object {model, text, spans}") }
        let model = try optionalString(value["model"], field: field() + ".model") ?? ""
        let text = try optionalString(value["text"], field: field() + ".text") ?? ""
        var spans: [Span] = []
        if let list = try optionalArray(value["spans"], field: field() + ".spans") {
            spans = try list.enumerated().map { (index, span) throws(InputError) -> Span in
                func spanField() -> String { "\(field()).spans[\(index)]" }
                guard case .object(let members) = span else { throw InputError(field: spanField(), "must be an object {start, end, label, weight}") }
                var startValue, endValue, labelValue, weightValue, mediaValue: JSONValue?
                for (key, member) in members {
                    switch key {
                    case "start": startValue = member
                    case "end": endValue = member
                    case "label": labelValue = member
                    case "weight": weightValue = member
                    case "media": mediaValue = member
                    default: break
                    }
                }
                guard let start = try number(startValue, field: spanField() + ".start"),
                      let end = try number(endValue, field: spanField() + ".end") else {
                    throw InputError(field: spanField(), "needs start and end")
                }
                guard start == start.rounded(), end == end.rounded(), start >= 0, end > start else {
                    throw InputError(field: spanField(), "start and end must be whole numbers with 0 <= start < end")
                }
                let media = try spanMedia(mediaValue, field: spanField() + ".media", count: altLengths.count)
                let length = media.map { altLengths[$0] } ?? textLength
                guard end <= Double(length) else {
                    let target = media.map { "the alt text of media[\($0)]" } ?? "the text"
                    throw InputError(field: spanField() + ".end", "is \(Int(end)), past the end of \(target) (\(length) code points)")
                }
                let label = try optionalString(labelValue, field: spanField() + ".label")
                let weight = try number(weightValue, field: spanField() + ".weight")
                return Span(start: Int(start), end: Int(end), label: label, weight: weight, media: media)
            }
        }
        return Explanation(model: model, text: text, spans: spans)
    }

    private static func parseDecision(_ value: JSONValue, field: @autoclosure () -> String) throws(InputError) -> ImportedDecision {
        guard case .object = value else { throw InputError(field: field(), "must be an object {reviewer, label, ...}") }
        guard let reviewer = try identifier(value["reviewer"], field: field() + ".reviewer", required: true),
              let label = try identifier(value["label"], field: field() + ".label", required: true) else {
            throw InputError(field: field(), "needs reviewer and label")
        }
        var tags: [String] = []
        if let list = try optionalArray(value["tags"], field: field() + ".tags") {
            tags = try list.enumerated().map { (index, tag) throws(InputError) -> String in
                guard let s = tag.stringValue else { throw InputError(field: "\(field()).tags[\(index)]", "must be a string") }
                return s
            }
        }
        let severity = try identifier(value["severity"], field: field() + ".severity", required: false)
        let note = try optionalString(value["note"], field: field() + ".note")
        var at: Double?
        if let time = value["at"], !time.isNull { at = try Self.time(time, field: field() + ".at") }
        return ImportedDecision(reviewer: reviewer, label: label, tags: tags, severity: severity, note: note, at: at)
    }
}
