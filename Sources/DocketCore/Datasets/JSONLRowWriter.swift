/// Writes ``ExportRow``s as JSON Lines: one object per item with the keys `id`, `text`, `label`,
/// `label_source`, `soft_label`, `reviewers`, `agreement`, `scores`, `meta`, `group`, `split`, `turns`.
///
/// The `datasets` folder uses the same writer with `forDatasets` set: `label` then holds the label's
/// index (a `ClassLabel`, -1 without a label), `soft_label` is a list aligned with the label names, and
/// `meta` is a JSON string, because `datasets` needs one schema for every row and metadata varies.
public struct JSONLRowWriter: Sendable {
    /// The queue's label names, in order (the order of `soft_label`).
    public var labelNames: [String] {
        didSet { softLabelKeys = Self.encodedKeys(labelNames) }
    }
    public var forDatasets: Bool
    /// Whether rows carry the item's images: `media` (a list, or for `datasets` a JSON string) and, for
    /// `datasets`, `image` (the first image as an `Image` feature: `{path, bytes: null}`). Set for a queue with images.
    public var includesMedia = false
    /// For `datasets`: the folder the export ends up in, so an `image` path of a copied file is absolute
    /// (`datasets` opens a relative path from the working folder, not from the data file).
    public var mediaFolder: String?
    /// `{"name":` then `,"name":` for each label, encoded once (keys are the same on every row).
    private var softLabelKeys: [[UInt8]]

    public init(labelNames: [String], forDatasets: Bool = false) {
        self.labelNames = labelNames
        self.forDatasets = forDatasets
        softLabelKeys = Self.encodedKeys(labelNames)
    }

    private static func encodedKeys(_ names: [String]) -> [[UInt8]] {
        names.enumerated().map { index, name in
            var key = JSONWriter(capacity: name.utf8.count + 4)
            key.writeKey(name, first: index == 0)
            return key.bytes
        }
    }

    /// Appends `row` and a newline to `out`. Member names are fixed ASCII, so they are written as raw text.
    public func write(_ row: ExportRow, to out: inout JSONWriter) {
        out.writeRaw(#"{"id":"#)
        out.writeString(row.id)
        out.writeRaw(#","text":"#)
        out.writeString(row.text)
        out.writeRaw(#","label":"#)
        if forDatasets {
            out.writeInt(row.label.flatMap { labelNames.firstIndex(of: $0) } ?? -1)
        } else if let label = row.label {
            out.writeString(label)
        } else {
            out.writeRaw("null")
        }
        out.writeRaw(#","label_source":"#)
        out.writeString(row.labelSource)
        out.writeRaw(#","soft_label":"#)
        if forDatasets {
            out.writeRaw("[")
            for (i, share) in row.softLabel.enumerated() {
                if i > 0 { out.writeRaw(",") }
                Self.writeShare(share, to: &out)
            }
            out.writeRaw("]")
        } else {
            out.writeRaw("{")
            for i in softLabelKeys.indices {
                softLabelKeys[i].withUnsafeBufferPointer { out.writeRaw(bytes: $0) }
                Self.writeShare(i < row.softLabel.count ? row.softLabel[i] : 0, to: &out)
            }
            out.writeRaw("}")
        }
        out.writeRaw(#","reviewers":"#)
        out.writeInt(row.reviewers)
        out.writeRaw(#","agreement":"#)
        Self.writeShare(row.agreement, to: &out)
        out.writeRaw(#","scores":"#)
        out.writeRaw(row.scoresJSON)
        out.writeRaw(#","meta":"#)
        if forDatasets {
            out.writeString(row.metaJSON)
        } else {
            out.writeRaw(row.metaJSON)
        }
        out.writeRaw(#","group":"#)
        if let group = row.group { out.writeString(group) } else { out.writeRaw("null") }
        out.writeRaw(#","split":"#)
        out.writeString(row.split)
        out.writeRaw(#","turns":"#)
        Turn.write(row.turns, to: &out)
        if includesMedia { writeMedia(row.media, to: &out) }
        out.writeRaw("}\n")
    }

    /// Writes a share or score as a JSON number that is always a float (`1.0`, `0.6667`), so that
    /// readers infer one float type for the whole column. Six decimals keep files short and stable.
    static func writeShare(_ value: Double, to out: inout JSONWriter) {
        guard value.isFinite else { out.writeRaw("null"); return }
        let scaled = (value * 1_000_000).rounded()
        let whole = Int64(scaled) / 1_000_000
        var fraction = abs(Int64(scaled) % 1_000_000)
        if scaled < 0 && whole == 0 { out.writeRaw("-") }
        out.writeInt64(whole)
        out.writeRaw(".")
        guard fraction != 0 else { out.writeRaw("0"); return }
        var digits = 6
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        out.writeDigits(UInt64(fraction), minimumCount: digits)
    }
}
