/// Writes ``ExportRow``s as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas,
/// quotes or line breaks quoted, quotes doubled). Columns: `id`, `text`, `label`, `label_source`,
/// `reviewers`, `agreement`, one `soft_<label>` per label, `group`, `split`, and `scores`, `meta` and
/// `turns` (a conversation's `[{speaker, text}]`, `[]` otherwise) as compact JSON text.
public struct CSVRowWriter: Sendable {
    public var labelNames: [String]
    /// Whether rows end with a `media` column (the images as compact JSON text): set for a queue with images.
    public var includesMedia = false

    public init(labelNames: [String]) {
        self.labelNames = labelNames
    }

    /// The header line.
    public func header() -> String {
        let columns = ["id", "text", "label", "label_source", "reviewers", "agreement"]
            + labelNames.map { "soft_" + $0 } + ["group", "split", "scores", "meta", "turns"] + (includesMedia ? ["media"] : [])
        return columns.map(Self.field).joined(separator: ",") + "\r\n"
    }

    /// Appends `row` as one record to `out`.
    public func write(_ row: ExportRow, to out: inout [UInt8]) {
        var json = JSONWriter(capacity: 64)
        func number(_ value: Double) -> String {
            json.removeAll()
            JSONLRowWriter.writeShare(value, to: &json)
            return String(decoding: json.bytes, as: UTF8.self)
        }
        var fields: [String] = [row.id, row.text, row.label ?? "", row.labelSource, String(row.reviewers), number(row.agreement)]
        for i in labelNames.indices { fields.append(number(i < row.softLabel.count ? row.softLabel[i] : 0)) }
        fields.append(row.group ?? "")
        fields.append(row.split)
        fields.append(row.scoresJSON)
        fields.append(row.metaJSON)
        json.removeAll()
        Turn.write(row.turns, to: &json)
        fields.append(String(decoding: json.bytes, as: UTF8.self))
        if includesMedia { fields.append(JSONWriter.string(MediaCoding.json(row.media))) }
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Self.field(field).utf8)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// One field, quoted when RFC 4180 requires it (or when it starts with a space, which some readers trim).
    static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            if character == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(character)
        }
        quoted.unicodeScalars.append("\"")
        return quoted
    }
}
