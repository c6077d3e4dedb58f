/// Converts HateXplain (`post_id` -> post): the text is the tokens joined by spaces, the three annotators
/// become decisions (reviewer = annotator id), and each rationale vector becomes an explanation whose spans
/// are the runs of marked tokens, in Unicode code points of that text.
enum HateXplainDataset {
    static func records(files: [String], toxicBinary: Bool, from input: any InputFiles) throws(InputError) -> [PublicDataset.Entry] {
        var entries: [PublicDataset.Entry] = []
        for file in files {
            let bytes = try input.contents(of: file)
            let root: JSONValue
            do { root = try JSONParser.parse(bytes) } catch { throw error.located(file: file, line: nil) }
            guard let members = root.objectValue else { throw InputError(file: file, line: 1, "must be one JSON object (post id -> post)") }
            let lines = PublicDataset.topLevelKeyLines(bytes)
            for (postID, post) in members {
                let line = lines[postID] ?? 1
                do {
                    entries.append(PublicDataset.Entry(file: file, line: line,
                                                       record: try record(postID: postID, post: post, toxicBinary: toxicBinary)))
                } catch { throw error.located(file: file, line: line) }
            }
        }
        return entries
    }

    static func record(postID: String, post: JSONValue, toxicBinary: Bool) throws(InputError) -> ImportRecord {
        guard let tokens = post["post_tokens"]?.arrayValue?.compactMap(\.stringValue), !tokens.isEmpty else {
            throw InputError(field: "\(postID).post_tokens", "must be a non-empty list of strings")
        }
        let text = tokens.joined(separator: " ")
        var starts: [Int] = []
        var offset = 0
        for token in tokens {
            starts.append(offset)
            offset += token.unicodeScalars.count + 1
        }
        var decisions: [ImportRecord.ImportedDecision] = []
        for (index, annotator) in (post["annotators"]?.arrayValue ?? []).enumerated() {
            guard let label = annotator["label"]?.stringValue, let id = annotator["annotator_id"] else {
                throw InputError(field: "\(postID).annotators[\(index)]", "needs label and annotator_id")
            }
            let reviewer = id.stringValue ?? (id.doubleValue.map { String(Int($0)) } ?? "")
            let targets = annotator["target"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let chosen = toxicBinary ? (label == "normal" ? "0" : "1") : label
            decisions.append(.init(reviewer: reviewer, label: chosen,
                                   note: targets.isEmpty ? nil : "targets: " + targets.joined(separator: ", ")))
        }
        var explanations: [Explanation] = []
        for (index, vector) in (post["rationales"]?.arrayValue ?? []).enumerated() {
            let marks = vector.arrayValue?.map { ($0.doubleValue ?? 0) != 0 } ?? []
            guard marks.count == tokens.count else {
                throw InputError(field: "\(postID).rationales[\(index)]", "has \(marks.count) values for \(tokens.count) tokens")
            }
            var spans: [Span] = []
            var token = 0
            while token < tokens.count {
                guard marks[token] else { token += 1; continue }
                var last = token
                while last + 1 < tokens.count, marks[last + 1] { last += 1 }
                spans.append(Span(start: starts[token], end: starts[last] + tokens[last].unicodeScalars.count, label: "rationale"))
                token = last + 1
            }
            explanations.append(Explanation(model: "hatexplain-rationale-\(index + 1)",
                                            text: "Human rationale \(index + 1) of \(post["rationales"]!.arrayValue!.count) (anonymous in the source)",
                                            spans: spans))
        }
        let meta = JSONValue.object([("dataset", .string("hatexplain")), ("post_id", .string(postID)),
                                     ("platform", .string(postID.hasSuffix("_gab") ? "gab" : postID.hasSuffix("_twitter") ? "twitter" : "other"))])
        return ImportRecord(id: postID, text: text, meta: meta, explanations: explanations, decisions: decisions, source: "hatexplain")
    }
}
