import DocketCore
import Foundation

/// Random hostile import input, reproducible from one seed (the property test reports the seed of a
/// failing case): valid records, then byte-level mutations, invalid UTF-8, NUL bytes, huge fields,
/// deep nesting and every Unicode control and format character.
struct HostileInput {
    /// DocketCore's SplitMix64: the same sequence for the same seed on every platform.
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }

    /// Every scalar whose general category is control (Cc) or format (Cf): C0, DEL, C1, bidi controls,
    /// zero-width characters, the BOM, tag characters...
    static let controlAndFormat: [Unicode.Scalar] = (0...0x10FFFF).compactMap { value -> Unicode.Scalar? in
        guard let scalar = Unicode.Scalar(value) else { return nil }
        switch scalar.properties.generalCategory {
        case .control, .format: return scalar
        default: return nil
        }
    }

    /// Text a reviewer might meet: scripts, emoji, combining marks, and hostile scalars.
    mutating func text(maxLength: Int = 40) -> String {
        var out = String.UnicodeScalarView()
        let pieces: [String] = ["a", "Z", " ", "é", "中", "🙂", "\u{301}", "ש", "ع", "\"", "\\", "/", "{", "}", ",", ":"]
        for _ in 0..<below(maxLength + 1) {
            if chance(30) {
                out.append(pick(Self.controlAndFormat))
            } else {
                out.append(contentsOf: pick(pieces).unicodeScalars)
            }
        }
        return String(out)
    }

    /// A JSON value with hostile strings, nested up to `depth` levels.
    mutating func json(depth: Int) -> JSONValue {
        switch below(depth > 0 ? 7 : 4) {
        case 0: return .string(text())
        case 1: return .number(pick(["0", "-1", "3.25", "1e308", "-0.0", "123456789012345678901234567890"]))
        case 2: return .bool(chance(50))
        case 3: return .null
        case 4, 5:
            // Distinct member names: a repeated one is refused by the parser (issue 17, item 11).
            var members: [(String, JSONValue)] = []
            for _ in 0..<below(4) {
                let name = text(maxLength: 8)
                if !members.contains(where: { $0.0 == name }) { members.append((name, json(depth: depth - 1))) }
            }
            return .object(members)
        default: return .array((0..<below(4)).map { _ in json(depth: depth - 1) })
        }
    }

    /// A valid import record as one JSONL line, with id `id`.
    mutating func validRecord(id: String) -> String {
        let text = self.text(maxLength: 60)
        var members: [(String, JSONValue)] = [("id", .string(id)), ("text", .string(text))]
        if chance(50) { members.append(("meta", .object([("k", json(depth: 3)), ("author", .string(self.text(maxLength: 10)))]))) }
        if chance(50) {
            members.append(("scores", .array([.object([("model", .string("m")), ("category", .string("bad")),
                                                       ("score", .number(String(Double(below(101)) / 100)))])])))
        }
        let length = text.unicodeScalars.count
        if chance(30), length > 1 {
            let start = below(length - 1)
            members.append(("explanations", .array([.object([
                ("model", .string("m")), ("text", .string(self.text(maxLength: 20).replacingOccurrences(of: "\0", with: ""))),
                ("spans", .array([.object([("start", .number(String(start))), ("end", .number(String(start + 1 + below(length - start - 1))))])])),
            ])])))
        }
        if chance(20) { members.append(("reports", .number(String(below(50))))) }
        return JSONWriter.string(.object(members))
    }

    /// Bytes that break UTF-8: stray continuation bytes, overlong forms, truncated sequences, surrogates.
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE]]

    /// `line` mutated at the byte level: flips, insertions of hostile bytes, deletions, duplications.
    mutating func mutate(_ line: [UInt8]) -> [UInt8] {
        var bytes = line
        for _ in 0..<(1 + below(4)) {
            let at = below(bytes.count + 1)
            switch below(9) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << below(8))
            case 1: bytes.insert(contentsOf: pick(Self.invalidUTF8), at: at)
            case 2: bytes.insert(0, at: at)  // a raw NUL byte
            case 3: bytes.insert(contentsOf: Array("\\u0000".utf8), at: at)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + below(10))
                bytes.removeSubrange(min(at, bytes.count - 1)..<end)
            case 5 where !bytes.isEmpty:
                let end = min(bytes.count, at + below(20))
                bytes.insert(contentsOf: Array(bytes[min(at, bytes.count)..<end]), at: at)
            case 6: bytes.insert(pick(Array("{}[]\",:\\".utf8)), at: at)
            case 7: bytes.insert(contentsOf: Array(String(pick(Self.controlAndFormat)).utf8), at: at)
            default: bytes.insert(UInt8(below(256)), at: at)
            }
        }
        // A newline inside would split the line; the line structure is the input's, not the mutation's.
        return bytes.map { $0 == 0x0A ? 0x20 : $0 }
    }

    /// A line nested `depth` levels deep (objects and arrays mixed) inside a record's metadata.
    mutating func deeplyNested(id: String, depth: Int) -> [UInt8] {
        var open = ""
        var close = ""
        for level in 0..<depth {
            if chance(50) || level == 0 {
                open += "{\"k\(level)\":"
                close = "}" + close
            } else {
                open += "["
                close = "]" + close
            }
        }
        return Array("{\"id\":\"\(id)\",\"text\":\"deep\",\"meta\":\(open)1\(close)}".utf8)
    }

    /// A record with one huge field (up to `megabytes`).
    mutating func huge(id: String, megabytes: Int) -> [UInt8] {
        let unit = pick(["x", "é", "🙂", "\\u0000", "\\u202e", "\\\\"])
        let repeats = (megabytes * 1_000_000) / unit.utf8.count
        return Array("{\"id\":\"\(id)\",\"text\":\"\(String(repeating: unit, count: repeats))\"}".utf8)
    }

    /// An import file's lines: mostly mutated valid records, some deep, some huge, some untouched.
    mutating func jsonlLines(count: Int, idPrefix: String, allowHuge: Bool) -> [[UInt8]] {
        (0..<count).map { index in
            let id = "\(idPrefix)-\(index)"
            switch below(20) {
            case 0: return deeplyNested(id: id, depth: 1 + below(200))
            case 1 where allowHuge: return huge(id: id, megabytes: 1 + below(2))
            case 2, 3, 4: return Array(validRecord(id: id).utf8)
            case 5: return (0..<below(200)).map { _ in UInt8(below(256)) }.map { $0 == 0x0A ? 0x20 : $0 }
            default: return mutate(Array(validRecord(id: id).utf8))
            }
        }
    }

    /// CSV rows (after a fixed header `id,text,group,reports,score.m.bad`), mutated like JSONL lines.
    mutating func csvRows(count: Int, idPrefix: String) -> [[UInt8]] {
        (0..<count).map { index in
            let text = self.text(maxLength: 30).replacingOccurrences(of: "\"", with: "\"\"")
            let row = "\(idPrefix)-\(index),\"\(text)\",g\(below(5)),\(below(10)),0.\(below(10))"
            return chance(60) ? mutate(Array(row.utf8)) : Array(row.utf8)
        }
    }
}
