/// The stored form of an item's model scores: one compact JSON list per item,
/// `[{"model":…,"category":…,"score":…,"threshold":…|null}]`, sorted by model then category (UTF-8 byte
/// order, as SQLite's BINARY collation sorts) with one entry per model and category (the last given wins).
///
/// One column per item instead of a row per score: the import writes one row per item, and the export
/// copies these bytes into its rows as they are (the export's `scores` field has this very shape).
public enum ScoreCoding {
    /// The scores as stored: sorted, one per model and category.
    public static func normalised(_ scores: [ModelScore]) -> [ModelScore] {
        StoredListOrder.sortedKeepingLast(scores, compare: compare)
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
        // Checked whole first, then read: a list is never half handed out before turning out malformed,
        // and no array is made per list.
        var check = Scanner(bytes: bytes)
        if check.scan(emit: false, body) {
            var read = Scanner(bytes: bytes)
            _ = read.scan(emit: true, body)
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

    /// Reads the exact form ``write(_:to:)`` gives: fixed keys in a fixed order, no spaces, strings without
    /// escapes, numbers as JSON spells them.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Whether the whole list is in the exact form; with `emit`, hands each score to `body` on the way (only
        /// on a list that passed without: its numbers are then known to be well formed).
        mutating func scan(emit: Bool, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, Double, Double?) -> Void) -> Bool {
            guard take("[") else { return false }
            if take("]") { return index == bytes.count }
            repeat {
                guard take(#"{"model":""#), let model = string(), take(#","category":""#), let category = string(),
                      take(#","score":"#), let score = number(), take(#","threshold":"#) else { return false }
                var threshold: Range<Int>?
                if !take("null") {
                    guard let value = number() else { return false }
                    threshold = value
                }
                guard take("}") else { return false }
                if emit {
                    body(slice(model), slice(category), Self.value(slice(score)), threshold.map { Self.value(slice($0)) })
                }
            } while take(",")
            return take("]") && index == bytes.count
        }

        func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }

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

        /// The bytes of a number as JSON spells it (`-? int frac? exp?`); nil for anything else.
        mutating func number() -> Range<Int>? {
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                return index - first
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integer = digits()
            guard integer > 0, integer == 1 || bytes[index - integer] != UInt8(ascii: "0") else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return nil }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return nil }
            }
            return start..<index
        }

        /// The value of a well-formed JSON number: exact, as `Double(text)` reads it (infinity past the range,
        /// as the JSON parser's reading gives too).
        static func value(_ number: UnsafeBufferPointer<UInt8>) -> Double {
            if let value = JSONValue.simpleDecimal(bytes: number) { return value }
            return Double(String(decoding: number, as: UTF8.self)) ?? .nan
        }
    }
}
