/// The stored form of an item's model explanations: one compact JSON list per item,
/// `[{"model":…,"text":…,"spans":[{start, end, label, weight}]}]`, sorted by model (UTF-8 byte order) with one
/// entry per model (the last given wins). Spans are in ``SpanCoding``'s form.
public enum ExplanationCoding {
    /// Appends the stored form of `explanations` to `writer`.
    public static func write(_ explanations: [Explanation], to writer: inout JSONWriter) {
        writer.writeRaw("[")
        for (index, explanation) in normalised(explanations).enumerated() {
            writer.writeRaw(index == 0 ? #"{"model":"# : #",{"model":"#)
            writer.writeString(explanation.model)
            writer.writeRaw(#","text":"#)
            writer.writeString(explanation.text)
            writer.writeRaw(#","spans":"#)
            SpanCoding.write(explanation.spans, to: &writer)
            writer.writeRaw("}")
        }
        writer.writeRaw("]")
    }

    /// The stored form of `explanations` as text.
    public static func string(_ explanations: [Explanation]) -> String {
        var writer = JSONWriter(capacity: 128)
        write(explanations, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The explanations as stored: sorted by model, one per model.
    public static func normalised(_ explanations: [Explanation]) -> [Explanation] {
        StoredListOrder.sortedKeepingLast(explanations) { a, b in
            a.model == b.model ? nil : a.model.utf8.lexicographicallyPrecedes(b.model.utf8)
        }
    }

    /// Reads a stored list back; entries that are not explanations are dropped rather than shown wrongly.
    public static func decode(_ text: String) -> [Explanation] {
        guard let value = try? JSONParser.parse(text), let list = value.arrayValue else { return [] }
        return list.compactMap { entry in
            guard let model = entry["model"]?.stringValue else { return nil }
            var spans: [Span] = []
            if let value = entry["spans"] { spans = SpanCoding.spans(value) }
            return Explanation(model: model, text: entry["text"]?.stringValue ?? "", spans: spans)
        }
    }
}
