/// Reads JSON Lines: one JSON object per line; blank lines are skipped.
public final class JSONLImportSource: LineImportSource {
    public let file: String
    private let reader: any LineSource

    /// Records from the lines of `file` (named in messages), as `lines` reads them.
    public init(file: String, lines: any LineSource) {
        self.file = file
        reader = lines
    }

    public var progress: (done: Int64, total: Int64?) { (reader.bytesRead, reader.fileSize) }

    public func next() throws -> ImportInput? {
        try nextLine(lineDecoder)
    }

    public func nextLine<T>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> T) throws -> T? {
        while true {
            let entry: T?? = try reader.next { bytes -> T? in
                var blank = true
                for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0D {
                    blank = false
                    break
                }
                if blank { return nil }
                return try body(bytes, reader.lineNumber)
            }
            guard let entry else { return nil }       // end of file
            if let entry { return entry }              // else a blank line: read on
        }
    }

    public var lineDecoder: @Sendable (UnsafeBufferPointer<UInt8>, Int) -> ImportInput {
        let file = self.file
        return { bytes, line in Self.decode(bytes, line: line, file: file) }
    }

    /// One line of `file` as an entry: a record with the fingerprint of its bytes, or the reason it was rejected.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String) -> ImportInput {
        do throws(InputError) {
            let value = try JSONParser.parse(bytes)
            let record = try ImportRecord.from(value)
            var fingerprint = Fingerprint()
            fingerprint.add(bytes)
            return .record(record, line: line, fingerprint: fingerprint.value)
        } catch {
            return .rejected(error.located(file: file, line: line))
        }
    }
}
