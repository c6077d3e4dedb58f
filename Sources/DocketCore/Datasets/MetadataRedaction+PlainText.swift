extension MetadataRedaction {
    /// Redacts compact metadata text without building a ``JSONValue`` tree, or returns nil when the text
    /// needs the full parser. Export redacts every row, and parsing, hashing and re-writing a tree per row
    /// cost more than the rest of the row.
    ///
    /// "Plain" text is compact JSON (no white space outside strings) whose bytes are all printable ASCII
    /// without backslashes. For such text, parsing and writing again gives back the same bytes (numbers are
    /// kept as written, strings need no escaping), so copying members through and hashing a value's own
    /// bytes gives exactly what ``apply(_:)`` gives. Anything else (escapes, non-ASCII, white space,
    /// invalid JSON, deep nesting) answers nil and goes through the parser.
    func applyPlain(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        for byte in text where byte < 0x21 || byte >= 0x7F || byte == UInt8(ascii: "\\") {
            // A space is allowed only inside strings; the scanner below rejects it elsewhere.
            if byte != 0x20 { return nil }
        }
        var scanner = PlainJSONScanner(text: text)
        guard let members = scanner.topLevelMembers() else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 80)
        out.append(UInt8(ascii: "{"))
        var salted = SHA256()
        var saltReady = false
        for member in members {
            let key = UnsafeBufferPointer(rebasing: text[member.key])
            let value = UnsafeBufferPointer(rebasing: text[member.value])
            let personal = fields.contains { field in field.utf8.elementsEqual(key) }
            if personal && action == .drop { continue }
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: key)
            out.append(contentsOf: #"":"#.utf8)
            let isNull = value.count == 4 && value.elementsEqual("null".utf8)
            guard personal, !isNull else {
                out.append(contentsOf: value)
                continue
            }
            if !saltReady {
                salted.update(salt.utf8)
                let separator: UInt8 = 0x1F
                withUnsafeBytes(of: separator) { salted.update(raw: $0.baseAddress!, count: 1) }
                saltReady = true
            }
            var hasher = salted
            hasher.update(bytes: value)
            out.append(contentsOf: #""sha256:"#.utf8)
            hasher.appendHexDigest(to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

/// Finds the members of a plain (compact, printable ASCII, backslash-free) JSON object and checks that
/// every value is valid JSON, so that the fast redaction path never accepts text the parser would reject.
private struct PlainJSONScanner {
    let text: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Deeper documents go to the parser (which knows its own depth limit).
    private let maxDepth = 16

    init(text: UnsafeBufferPointer<UInt8>) { self.text = text }

    /// The byte ranges of each top-level member's key (inside the quotes) and value; nil when the text is
    /// not one plain object.
    mutating func topLevelMembers() -> [(key: Range<Int>, value: Range<Int>)]? {
        guard peek == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [(key: Range<Int>, value: Range<Int>)] = []
        if peek == UInt8(ascii: "}") {
            index += 1
            return index == text.count ? members : nil
        }
        while true {
            guard let key = string() else { return nil }
            guard peek == UInt8(ascii: ":") else { return nil }
            index += 1
            let start = index
            guard value(depth: 1) else { return nil }
            members.append((key.lowerBound + 1..<key.upperBound - 1, start..<index))
            if peek == UInt8(ascii: ",") { index += 1; continue }
            guard peek == UInt8(ascii: "}") else { return nil }
            index += 1
            return index == text.count ? members : nil
        }
    }

    private var peek: UInt8 { index < text.count ? text[index] : 0 }

    /// Skips a quoted string (no escapes in plain text) and returns its range with the quotes.
    private mutating func string() -> Range<Int>? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = index
        index += 1
        while index < text.count && text[index] != UInt8(ascii: "\"") { index += 1 }
        guard index < text.count else { return nil }
        index += 1
        return start..<index
    }

    private mutating func value(depth: Int) -> Bool {
        guard depth <= maxDepth else { return false }
        switch peek {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"):
            index += 1
            if peek == UInt8(ascii: "}") { index += 1; return true }
            while true {
                guard string() != nil, peek == UInt8(ascii: ":") else { return false }
                index += 1
                guard value(depth: depth + 1) else { return false }
                if peek == UInt8(ascii: ",") { index += 1; continue }
                guard peek == UInt8(ascii: "}") else { return false }
                index += 1
                return true
            }
        case UInt8(ascii: "["):
            index += 1
            if peek == UInt8(ascii: "]") { index += 1; return true }
            while true {
                guard value(depth: depth + 1) else { return false }
                if peek == UInt8(ascii: ",") { index += 1; continue }
                guard peek == UInt8(ascii: "]") else { return false }
                index += 1
                return true
            }
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"): return word("null")
        default: return number()
        }
    }

    private mutating func word(_ expected: StaticString) -> Bool {
        let count = expected.utf8CodeUnitCount
        guard index + count <= text.count else { return false }
        for i in 0..<count where text[index + i] != expected.utf8Start[i] { return false }
        index += count
        return true
    }

    /// Skips a number in JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() -> Bool {
        if peek == UInt8(ascii: "-") { index += 1 }
        guard isDigit(peek) else { return false }
        if peek == UInt8(ascii: "0") { index += 1 } else { while isDigit(peek) { index += 1 } }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard isDigit(peek) else { return false }
            while isDigit(peek) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek) else { return false }
            while isDigit(peek) { index += 1 }
        }
        return true
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
