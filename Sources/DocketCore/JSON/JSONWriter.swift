/// Writes compact JSON (no spaces, keys in the order given, non-ASCII kept as UTF-8,
/// control characters and the bidi/format characters escaped so that files stay safe to `cat`).
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// The compact JSON text of `value`.
    public static func string(_ value: JSONValue) -> String {
        var writer = JSONWriter(capacity: 64)
        writer.write(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The JSON string literal (with quotes) of `text`.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.writeString(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeRaw("null")
        case .bool(let b): writeRaw(b ? "true" : "false")
        case .number(let n): writeRaw(n)
        case .string(let s): writeString(s)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (i, (key, element)) in members.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                write(element)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends text as it is (the caller guarantees it is valid JSON in context).
    public mutating func writeRaw(_ text: String) {
        // Contiguous strings (native and small ones) are copied in one go, not byte by byte.
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Appends bytes as they are (the caller guarantees they are valid JSON in context).
    public mutating func writeRaw(bytes text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
    }

    /// Appends a number; non-finite values become null because JSON has no spelling for them.
    public mutating func writeNumber(_ value: Double) {
        guard value.isFinite else { writeRaw("null"); return }
        if value == value.rounded(), abs(value) < 1e15 {
            writeRaw(String(Int64(value)))
        } else {
            writeRaw(String(value))
        }
    }

    public mutating func writeInt(_ value: Int) { writeInt64(Int64(value)) }

    /// Appends the decimal digits of `value` (without building a String: exports write millions).
    public mutating func writeInt64(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        writeDigits(value.magnitude, minimumCount: 1)
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `minimumCount` digits.
    public mutating func writeDigits(_ value: UInt64, minimumCount: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumCount
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    /// Appends `"key":` for the next member of an object.
    public mutating func writeKey(_ key: String, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func writeString(_ text: String) {
        let written: Bool? = text.utf8.withContiguousStorageIfAvailable { writeStringIfPlain(bytes: $0) }
        if written == true { return }
        writeEscapedString(text)
    }

    /// Appends `text` quoted when no byte of it needs escaping (plain ASCII, the common case); false
    /// (nothing written) otherwise.
    private mutating func writeStringIfPlain(bytes text: UnsafeBufferPointer<UInt8>) -> Bool {
        // DEL (0x7F) stays unescaped here as it always has: files must stay byte-identical across versions.
        for byte in text where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x80 { return false }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text)
        bytes.append(UInt8(ascii: "\""))
        return true
    }

    private mutating func writeEscapedString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x00..<0x20, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF:
                writeUnicodeEscape(scalar.value)
            default:
                bytes.append(contentsOf: scalar.utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeUnicodeEscape(_ value: UInt32) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"),
                                  hex[Int(value >> 12 & 0xF)], hex[Int(value >> 8 & 0xF)],
                                  hex[Int(value >> 4 & 0xF)], hex[Int(value & 0xF)]])
    }
}
