/// One entry read from an import file: a valid record, or a rejected line with its reason.
public enum ImportInput: Sendable {
    /// A record, its 1-based line, and a fingerprint of its raw bytes (an identical line re-imported is skipped).
    case record(ImportRecord, line: Int, fingerprint: UInt64)
    /// A line that could not be read as a record; the error names the file, the line and the field.
    case rejected(InputError)
}

/// A stream of import entries read in constant memory (JSONL, CSV, or a public data set adapter).
public protocol ImportSource: AnyObject {
    /// The file the entries come from (for messages).
    var file: String { get }
    /// The next entry, or nil at the end of the input.
    func next() throws -> ImportInput?
    /// Bytes read so far and the total when known, for a progress bar.
    var progress: (done: Int64, total: Int64?) { get }
}

/// FNV-1a, 64 bit: a fast fingerprint of a record's raw bytes to detect unchanged re-imports.
public struct Fingerprint {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        value = hash
    }

    public mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { add($0) }
        var separator: UInt8 = 0x1F
        withUnsafePointer(to: &separator) { add(UnsafeBufferPointer(start: $0, count: 1)) }
    }
}

/// A source whose entries are lines decoded one at a time: the lines can be read on one thread and decoded
/// on others (``ImportPrefetcher`` does so when the machine has cores to spare).
public protocol LineImportSource: ImportSource {
    /// Calls `body` with the next non-blank line (without its line ending) and its 1-based number; nil at
    /// the end of the input. The bytes are only valid inside `body`.
    func nextLine<T>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> T) throws -> T?
    /// Decodes one line read by ``nextLine(_:)`` into an entry. Safe to call on any thread, while
    /// ``nextLine(_:)`` runs on another: it uses nothing of the source but constants.
    var lineDecoder: @Sendable (UnsafeBufferPointer<UInt8>, Int) -> ImportInput { get }
}

/// Reads JSON Lines: one JSON object per line; blank lines are skipped.
public final class JSONLImportSource: LineImportSource {
    public let file: String
    private let reader: LineReader

    public init(path: String) throws(InputError) {
        file = path
        reader = try LineReader(path: path)
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
