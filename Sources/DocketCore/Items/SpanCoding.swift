/// The stored form of explanation spans: a compact JSON list `[{start, end, label, weight}]`.
public enum SpanCoding {
    public static func encode(_ spans: [Span]) -> String {
        var writer = JSONWriter(capacity: 64)
        write(spans, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Appends the stored form of `spans` to `writer`: the same bytes as writing ``json(_:)``, without
    /// building the JSON values first (the import writes one list per explanation).
    public static func write(_ spans: [Span], to writer: inout JSONWriter) {
        writer.writeRaw("[")
        for (index, span) in spans.enumerated() {
            writer.writeRaw(index == 0 ? "{" : ",{")
            writer.writeKey("start", first: true)
            writer.writeRaw(String(span.start))
            writer.writeKey("end")
            writer.writeRaw(String(span.end))
            if let label = span.label {
                writer.writeKey("label")
                writer.writeString(label)
            }
            if let weight = span.weight {
                writer.writeKey("weight")
                writer.writeRaw(String(weight))
            }
            if let media = span.media {
                writer.writeKey("media")
                writer.writeRaw(String(media))
            }
            writer.writeRaw("}")
        }
        writer.writeRaw("]")
    }

    /// The spans as a JSON value (for `next --json` and exports).
    public static func json(_ spans: [Span]) -> JSONValue {
        .array(spans.map { span in
            var members: [(String, JSONValue)] = [("start", .number(String(span.start))), ("end", .number(String(span.end)))]
            if let label = span.label { members.append(("label", .string(label))) }
            if let weight = span.weight { members.append(("weight", .number(String(weight)))) }
            if let media = span.media { members.append(("media", .number(String(media)))) }
            return .object(members)
        })
    }

    /// Reads spans back; anything malformed is dropped rather than shown wrongly.
    public static func decode(_ text: String) -> [Span] {
        guard let value = try? JSONParser.parse(text) else { return [] }
        return spans(value)
    }

    /// The spans of a parsed stored list.
    static func spans(_ value: JSONValue) -> [Span] {
        guard let list = value.arrayValue else { return [] }
        return list.compactMap { entry in
            guard let start = entry["start"]?.doubleValue, let end = entry["end"]?.doubleValue else { return nil }
            return Span(start: Int(start), end: Int(end), label: entry["label"]?.stringValue, weight: entry["weight"]?.doubleValue,
                        media: entry["media"]?.doubleValue.map { Int($0) })
        }
    }
}
