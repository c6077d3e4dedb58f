/// The stored form of an item's model scores: one compact JSON list per item,
/// `[{"model":…,"category":…,"score":…,"threshold":…|null}]`, sorted by model then category (UTF-8 byte
/// order, as SQLite's BINARY collation sorts) with one entry per model and category (the last given wins).
///
/// One column per item instead of a row per score: the import writes one row per item, and the export
/// copies these bytes into its rows as they are (the export's `scores` field has this very shape).
public enum ScoreCoding {
    /// The scores as stored: sorted, one per model and category.
    public static func normalised(_ scores: [ModelScore]) -> [ModelScore] {
        if scores.count < 2 { return scores }
        // An insertion sort (stable, and in place: an item has a handful of scores, and this runs for every
        // imported record), then equal keys, now adjacent in input order, keep the last of each run.
        var sorted = scores
        for next in 1..<sorted.count {
            var index = next
            while index > 0, compare(sorted[index], sorted[index - 1]) == true {
                sorted.swapAt(index, index - 1)
                index -= 1
            }
        }
        var kept = 0
        for index in sorted.indices {
            if kept > 0, compare(sorted[kept - 1], sorted[index]) == nil {
                sorted[kept - 1] = sorted[index]
            } else {
                if kept != index { sorted[kept] = sorted[index] }
                kept += 1
            }
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }

    /// nil when both have the same model and category, else whether `a` sorts first.
    private static func compare(_ a: ModelScore, _ b: ModelScore) -> Bool? {
        if a.model != b.model { return a.model.utf8.lexicographicallyPrecedes(b.model.utf8) }
        if a.category != b.category { return a.category.utf8.lexicographicallyPrecedes(b.category.utf8) }
        return nil
    }

    /// Appends the stored form of `scores` (normalised here) to `writer`.
    public static func write(_ scores: [ModelScore], to writer: inout JSONWriter) {
        writer.writeRaw("[")
        for (index, score) in normalised(scores).enumerated() {
            writer.writeRaw(index == 0 ? #"{"model":"# : #",{"model":"#)
            writer.writeString(score.model)
            writer.writeRaw(#","category":"#)
            writer.writeString(score.category)
            writer.writeRaw(#","score":"#)
            writeFloat(score.score, to: &writer)
            writer.writeRaw(#","threshold":"#)
            if let threshold = score.threshold { writeFloat(threshold, to: &writer) } else { writer.writeRaw("null") }
            writer.writeRaw("}")
        }
        writer.writeRaw("]")
    }

    /// Writes the shortest spelling that reads back to the same double, always as a float (`1.0`, not `1`):
    /// exported rows carry these bytes, and a column whose numbers are all floats loads as one type.
    private static func writeFloat(_ value: Double, to writer: inout JSONWriter) {
        guard value.isFinite else { writer.writeRaw("null"); return }
        writer.writeRaw(value.description)
    }

    /// The stored form of `scores` as text.
    public static func string(_ scores: [ModelScore]) -> String {
        var writer = JSONWriter(capacity: 64 * max(1, scores.count))
        write(scores, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Reads a stored list back; entries that are not scores are dropped rather than shown wrongly.
    public static func decode(_ text: String) -> [ModelScore] {
        var copy = text
        return copy.withUTF8 { decode(bytes: $0) }
    }

    /// ``decode(_:)`` of the UTF-8 bytes of a stored list.
    public static func decode(bytes: UnsafeBufferPointer<UInt8>) -> [ModelScore] {
        var scores: [ModelScore] = []
        forEach(bytes: bytes) { model, category, score, threshold in
            scores.append(ModelScore(model: String(decoding: model, as: UTF8.self),
                                     category: String(decoding: category, as: UTF8.self), score: score, threshold: threshold))
        }
        return scores
    }

    /// Calls `body` with each score of a stored list, in stored order, without making strings: the agreement
    /// report reads five scores per item for a million items. Lists in the exact form ``write(_:to:)`` gives
    /// are scanned in place; anything else (a list edited by hand through SQL) goes through the JSON parser.
    public static func forEach(bytes: UnsafeBufferPointer<UInt8>,
                               _ body: (_ model: UnsafeBufferPointer<UInt8>, _ category: UnsafeBufferPointer<UInt8>,
                                        _ score: Double, _ threshold: Double?) -> Void) {
        var scanner = Scanner(bytes: bytes)
        if scanner.scan() {
            for entry in scanner.entries {
                body(UnsafeBufferPointer(rebasing: bytes[entry.model]), UnsafeBufferPointer(rebasing: bytes[entry.category]),
                     entry.score, entry.threshold)
            }
            return
        }
        guard let value = try? JSONParser.parse(bytes), let list = value.arrayValue else { return }
        for entry in list {
            guard var model = entry["model"]?.stringValue, var category = entry["category"]?.stringValue,
                  let score = entry["score"]?.doubleValue else { continue }
            let threshold = entry["threshold"]?.doubleValue
            model.withUTF8 { m in category.withUTF8 { c in body(m, c, score, threshold) } }
        }
    }

    /// Reads the exact form ``write(_:to:)`` gives: fixed keys in a fixed order, no spaces, strings without escapes.
    private struct Scanner {
        struct Entry {
            var model: Range<Int>
            var category: Range<Int>
            var score: Double
            var threshold: Double?
        }

        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var entries: [Entry] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            entries.reserveCapacity(8)
        }

        /// Whether the whole list is in the exact form (`entries` then holds it).
        mutating func scan() -> Bool {
            guard take("[") else { return false }
            if take("]") { return index == bytes.count }
            repeat {
                guard take(#"{"model":""#), let model = string(), take(#","category":""#), let category = string(),
                      take(#","score":"#), let score = number(), take(#","threshold":"#) else { return false }
                var threshold: Double?
                if !take("null") {
                    guard let value = number() else { return false }
                    threshold = value
                }
                guard take("}") else { return false }
                entries.append(Entry(model: model, category: category, score: score, threshold: threshold))
            } while take(",")
            return take("]") && index == bytes.count
        }

        /// Consumes `literal` when the bytes continue with it.
        mutating func take(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            let start = literal.utf8Start
            for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
            index += count
            return true
        }

        /// The bytes of a string whose opening quote was consumed, up to the closing quote (consumed); nil at an escape.
        mutating func string() -> Range<Int>? {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<(index - 1)
                }
                if byte == UInt8(ascii: "\\") { return nil }
                index += 1
            }
            return nil
        }

        /// A JSON number up to the next `,` or `}`; nil for anything else.
        mutating func number() -> Double? {
            let start = index
            var plain = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") { break }
                if byte &- UInt8(ascii: "0") >= 10 && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
                    // Only an exponent may add to digits, point and sign (Double(_:) would also take "inf" or "nan").
                    guard byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") else { return nil }
                    plain = false
                }
                index += 1
            }
            guard index < bytes.count, index > start else { return nil }
            if plain, let value = JSONValue.simpleDecimal(bytes: UnsafeBufferPointer(rebasing: bytes[start..<index])) {
                return value
            }
            // Shortest round-trip spellings of most doubles have 16 or 17 digits: the standard library's
            // conversion (correctly rounded, and independent of the locale the terminal set).
            guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)),
                  value.isFinite else { return nil }
            return value
        }
    }
}
