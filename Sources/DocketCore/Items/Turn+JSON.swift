/// A conversation's turns as stored and exported: a JSON array of `{speaker, text}` objects.
extension Turn {
    /// The turns of a stored JSON array (entries that are not objects are skipped; missing fields read as "").
    public static func list(fromJSON text: String) -> [Turn] {
        guard let value = try? JSONParser.parse(text), let list = value.arrayValue else { return [] }
        return list.compactMap { entry in
            guard case .object = entry else { return nil }
            return Turn(speaker: entry["speaker"]?.stringValue ?? "", text: entry["text"]?.stringValue ?? "")
        }
    }

    /// Appends `turns` as a compact JSON array of `{"speaker":..,"text":..}` (`[]` when empty).
    public static func write(_ turns: [Turn], to out: inout JSONWriter) {
        out.writeRaw("[")
        for (index, turn) in turns.enumerated() {
            out.writeRaw(index == 0 ? "{\"speaker\":" : ",{\"speaker\":")
            out.writeString(turn.speaker)
            out.writeRaw(",\"text\":")
            out.writeString(turn.text)
            out.writeRaw("}")
        }
        out.writeRaw("]")
    }
}
