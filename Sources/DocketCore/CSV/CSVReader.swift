/// Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) record by record
/// in constant memory, on top of a ``LineSource``.
public final class CSVReader {
    private let lines: any LineSource
    /// The 1-based line on which the record last returned starts.
    public private(set) var recordLine = 0

    /// Records from `lines`.
    public init(lines: any LineSource) {
        self.lines = lines
    }

    public var bytesRead: Int64 { lines.bytesRead }
    public var fileSize: Int64? { lines.fileSize }

    /// The next record's fields, or nil at the end of the file. Blank lines are skipped.
    public func next() throws -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var startedRecord = false
        // A bad field is reported once the whole record is read, so the next call starts at the next record.
        var firstError: InputError?
        func finish(_ bytes: [UInt8], column: Int) -> String {
            do {
                return try Self.text(bytes, line: recordLine, column: column)
            } catch {
                if firstError == nil { firstError = error }
                return ""
            }
        }
        while true {
            let more: Bool? = try lines.next { bytes -> Bool in
                if !startedRecord {
                    if bytes.isEmpty { return true }  // blank line between records
                    startedRecord = true
                    recordLine = lines.lineNumber
                } else {
                    field.append(0x0A)  // a line break inside quotes
                }
                var i = 0
                var afterQuote = false
                while i < bytes.count {
                    let byte = bytes[i]
                    if inQuotes {
                        if byte == UInt8(ascii: "\"") {
                            if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                                field.append(byte)
                                i += 2
                                continue
                            }
                            inQuotes = false
                            afterQuote = true
                        } else {
                            field.append(byte)
                        }
                    } else if byte == UInt8(ascii: ",") {
                        fields.append(finish(field, column: fields.count + 1))
                        field.removeAll(keepingCapacity: true)
                        afterQuote = false
                    } else if byte == UInt8(ascii: "\"") && field.isEmpty && !afterQuote {
                        inQuotes = true
                    } else {
                        field.append(byte)
                    }
                    i += 1
                }
                return inQuotes  // still inside a quoted field: the record continues on the next line
            }
            guard let continues = more else {
                if inQuotes { throw InputError(line: recordLine, "a quoted field is not closed before the end of the file") }
                if !startedRecord { return nil }
                break
            }
            if !continues && startedRecord { break }
        }
        fields.append(finish(field, column: fields.count + 1))
        if let firstError { throw firstError }
        return fields
    }

    private static func text(_ bytes: [UInt8], line: Int, column: Int) throws(InputError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(line: line, field: "column \(column)", "invalid UTF-8")
        }
        return text
    }
}
