/// A JSON document as parsed by ``JSONParser``: object keys keep their order and numbers keep
/// their exact text, so metadata round-trips byte for byte and large identifiers lose no digits.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number as written (validated JSON number syntax).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order. A repeated key keeps every occurrence; lookups take the last.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || Double(a) == Double(b)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member named `key` of an object (the last one when the key repeats), else nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.0 == key })?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let n) = self { return Self.simpleDecimal(n) ?? Double(n) }
        return nil
    }

    /// Exact powers of ten up to 10^22, the largest a Double holds exactly.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of a plain decimal such as `0.1234` or `-17` (an integer of at most 2^53 once the point is
    /// dropped, at most 22 places, no exponent), or nil
    /// for anything else. Such a number is an exact integer divided by an exact power of ten, and one
    /// IEEE division rounds correctly, so this equals `Double(text)`; it skips strtod, which was a
    /// visible cost with five scores and thresholds per imported record.
    static func simpleDecimal(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { simpleDecimal(bytes: $0) }
    }

    /// ``simpleDecimal(_:)`` of the UTF-8 bytes of a number.
    static func simpleDecimal(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var integerDigits = 0
        var fractionDigits = 0
        // `digits` counts significant digits only (not leading zeros, as in 0.0042). At most 19 fit a UInt64;
        // the mantissa must also be at most 2^53, where every integer is exact in a Double (most shortest
        // spellings of doubles in [0, 1) have 16 or 17 digits, and about half of them pass).
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
            // Counted from the first non-zero digit, not from a non-zero mantissa: 2^64 wraps the mantissa
            // to 0 on its last digit, and was read as 0 when that digit went uncounted.
            if digits > 0 || bytes[index] != UInt8(ascii: "0") { digits += 1 }
            integerDigits += 1
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
                if digits > 0 || bytes[index] != UInt8(ascii: "0") { digits += 1 }
                fractionDigits += 1
                index += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        guard index == bytes.count, integerDigits > 0, digits <= 19, mantissa <= 1 << 53, fractionDigits <= 22 else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [(String, JSONValue)]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the value's type for error messages ("a string", "an object").
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value as a plain string for display and CSV: strings as they are, others as compact JSON.
    public var displayText: String {
        switch self {
        case .string(let s): return s
        case .null: return ""
        default: return JSONWriter.string(self)
        }
    }
}
