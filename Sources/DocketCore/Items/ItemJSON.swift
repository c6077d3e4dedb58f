/// The JSON form of an item, as `docket next --json` prints it (field names follow the import format).
public enum ItemJSON {
    public static func value(_ item: Item) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(item.externalID)),
            ("queue", .string(item.queue)),
            ("kind", .string(item.kind.rawValue)),
            ("text", .string(item.text)),
        ]
        if !item.turns.isEmpty {
            members.append(("turns", .array(item.turns.map { .object([("speaker", .string($0.speaker)), ("text", .string($0.text))]) })))
        }
        members.append(("group", item.group.map { .string($0) } ?? .null))
        members.append(("meta", item.meta))
        members.append(("scores", .array(item.scores.map(score))))
        members.append(("explanations", .array(item.explanations.map { explanation in
            .object([("model", .string(explanation.model)), ("text", .string(explanation.text)),
                     ("spans", SpanCoding.json(explanation.spans))])
        })))
        if !item.media.isEmpty { members.append(("media", MediaCoding.json(item.media))) }
        members.append(("reports", .number(String(item.reports))))
        members.append(("created_at", .string(Timestamp.format(item.createdAt))))
        return .object(members)
    }

    public static func score(_ score: ModelScore) -> JSONValue {
        .object([("model", .string(score.model)), ("category", .string(score.category)),
                 ("score", .number(String(score.score))),
                 ("threshold", score.threshold.map { .number(String($0)) } ?? .null)])
    }
}
