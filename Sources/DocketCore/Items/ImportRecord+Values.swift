extension ImportRecord {
    // The checks every field of a record goes through. Every number is checked here, before any
    // conversion: a value out of range is refused with its field, never wrapped, clamped or trapped on.

    static func identifier(_ value: JSONValue?, field: @autoclosure () -> String, required: Bool) throws(InputError) -> String? {
        guard let value, !value.isNull else {
            if required { throw InputError(field: field(), "is required") }
            return nil
        }
        switch value {
        case .string(let s):
            if s.isEmpty { throw InputError(field: field(), "must not be empty") }
            try rejectNUL(s, field: field())
            return s
        case .number(let n): return n
        default: throw InputError(field: field(), "must be a string or a number, not \(value.typeDescription)")
        }
    }

    /// `allowNUL`: only for text stored in a way that keeps NULs (the content, conversation turns).
    static func optionalString(_ value: JSONValue?, field: @autoclosure () -> String, allowNUL: Bool = false) throws(InputError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let s) = value else { throw InputError(field: field(), "must be a string, not \(value.typeDescription)") }
        if !allowNUL { try rejectNUL(s, field: field()) }
        return s
    }

    /// Names, ids and notes are stored as SQLite text, which ends at a NUL: refuse rather than cut them
    /// silently (two ids differing after a NUL would become one item).
    static func rejectNUL(_ text: String, field: @autoclosure () -> String) throws(InputError) {
        var copy = text
        if copy.withUTF8({ $0.contains(0) }) { throw InputError(field: field(), "must not contain a NUL character (\\u0000)") }
    }

    /// The number of Unicode code points of `text` (as Python counts a string's length): its UTF-8
    /// bytes that start a scalar, counted over the contiguous bytes rather than by decoding.
    static func codePointCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            var continuation = 0
            for byte in bytes where byte & 0xC0 == 0x80 { continuation += 1 }
            return bytes.count - continuation
        }
    }

    /// A list of at most `limit` elements (``ImportLimits``), nil when absent.
    static func optionalArray(_ value: JSONValue?, field: @autoclosure () -> String, limit: Int) throws(InputError) -> [JSONValue]? {
        guard let value, !value.isNull else { return nil }
        guard case .array(let a) = value else { throw InputError(field: field(), "must be a list, not \(value.typeDescription)") }
        if a.count > limit {
            throw InputError(field: field(), "has \(a.count) entries; at most \(limit) are allowed per record (Docs/import-format.md, Limits)")
        }
        return a
    }

    /// The members of an object that may hold only `known` fields, in the order of `known` (nil when
    /// absent). An unknown member is refused with its path: a typo (`treshold`) must not drop a value.
    static func fieldValues(_ value: JSONValue, of known: [String], field: @autoclosure () -> String,
                            shape: String) throws(InputError) -> [JSONValue?] {
        guard case .object(let members) = value else { throw InputError(field: field(), "must be an object \(shape)") }
        var found = [JSONValue?](repeating: nil, count: known.count)
        for (key, member) in members {
            guard let slot = known.firstIndex(of: key) else {
                throw InputError(field: field() + "." + key, "unknown field (known fields here: \(known.joined(separator: ", ")))")
            }
            found[slot] = member
        }
        return found
    }

    /// A finite number (the parser refuses NaN and Infinity; an exponent too large gives infinity, refused
    /// here), nil when absent.
    static func number(_ value: JSONValue?, field: @autoclosure () -> String) throws(InputError) -> Double? {
        guard let value, !value.isNull else { return nil }
        guard let n = value.doubleValue else {
            throw InputError(field: field(), "must be a number, not \(value.typeDescription)")
        }
        guard n.isFinite else { throw InputError(field: field(), "\(value.displayText) is too large to be a number") }
        return n
    }

    /// A whole number in `range`, nil when absent; `2.5`, `1e19` and `18446744073709551616` are refused, not
    /// rounded or wrapped.
    static func wholeNumber(_ value: JSONValue?, field: @autoclosure () -> String, in range: ClosedRange<Int>) throws(InputError) -> Int? {
        guard let n = try number(value, field: field()) else { return nil }
        guard n == n.rounded(), let whole = Int(exactly: n), range.contains(whole) else {
            throw InputError(field: field(), "must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(value?.displayText ?? "")")
        }
        return whole
    }

    /// A time: ISO 8601 text or seconds since 1970, within ``Timestamp/representable`` (years 0000-9999).
    static func time(_ value: JSONValue, field: @autoclosure () -> String) throws(InputError) -> Double {
        let seconds: Double?
        if case .number = value {
            seconds = value.doubleValue
        } else if let text = value.stringValue {
            seconds = Timestamp.parse(text)
        } else {
            seconds = nil
        }
        guard let seconds else {
            throw InputError(field: field(), "must be an ISO 8601 time such as 2024-05-01T12:00:00Z or seconds since 1970")
        }
        guard let time = Timestamp.checked(seconds) else {
            throw InputError(field: field(), "\(value.displayText) is not a time between the years 0000 and 9999 (seconds since 1970 from \(Int(Timestamp.representable.lowerBound)) to \(Int(Timestamp.representable.upperBound)))")
        }
        return time
    }
}
