#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A column of fixed-width numbers kept in a temporary file instead of memory: the export's first pass
/// appends one value per kept item, the split reads them back in the same order, 64 KB at a time. This
/// is what keeps an export's memory from growing with the queue by the size of these facts.
///
/// The file is created in `$TMPDIR` (else `/tmp`) and unlinked at once, so it takes no name and
/// disappears when the column is released or the process ends, however it ends. Copies of a column
/// share its file.
final class SpilledColumn<Element: FixedWidthInteger> {
    private let fd: Int32
    private let folder: String
    private var pending: [Element] = []
    private let chunk = 65_536 / MemoryLayout<Element>.stride
    /// The number of values appended.
    private(set) var count = 0

    /// Creates the (nameless) temporary file.
    init() throws(DocketError) {
        let environment = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        folder = environment.isEmpty ? "/tmp" : environment
        var template = Array((folder + "/docket-export-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Self.failure("create a temporary file in", folder) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        pending.reserveCapacity(chunk)
    }

    deinit { close(fd) }

    /// Appends one value (written to the file when the buffer fills).
    func append(_ value: Element) throws(DocketError) {
        pending.append(value)
        count += 1
        if pending.count == chunk { try flush() }
    }

    /// Calls `body` with each value and its index, in the order appended.
    func forEach(_ body: (Int, Element) -> Void) throws(DocketError) {
        var reader = try makeReader()
        for index in 0..<count { body(index, try reader.next()) }
    }

    /// A reader of the values from the first, in the order appended (values appended later are not seen).
    func makeReader() throws(DocketError) -> Reader {
        try flush()
        return Reader(column: self)
    }

    /// Reads a column's values in order, 64 KB at a time.
    struct Reader {
        fileprivate let column: SpilledColumn
        private var buffer: [Element] = []
        private var position = 0
        /// Index of the first value after the buffer.
        private var loaded = 0

        fileprivate init(column: SpilledColumn) { self.column = column }

        /// The next value; throws past the last one or when the file cannot be read.
        mutating func next() throws(DocketError) -> Element {
            if position == buffer.count { try load() }
            position += 1
            return buffer[position - 1]
        }

        private mutating func load() throws(DocketError) {
            let n = min(column.chunk, column.count - loaded)
            guard n > 0 else { throw .conflict("read past the end of the export's temporary file") }
            if buffer.count != n { buffer = [Element](repeating: 0, count: n) }
            let wanted = n * MemoryLayout<Element>.stride
            let offset = off_t(loaded * MemoryLayout<Element>.stride)
            let fd = column.fd
            let read = buffer.withUnsafeMutableBytes { bytes in
                SpilledColumn.moveFully(wanted) { done in pread(fd, bytes.baseAddress! + done, wanted - done, offset + off_t(done)) }
            }
            guard read == wanted else { throw SpilledColumn.failure("read back a temporary file in", column.folder) }
            loaded += n
            position = 0
        }
    }

    private func flush() throws(DocketError) {
        guard !pending.isEmpty else { return }
        let offset = off_t((count - pending.count) * MemoryLayout<Element>.stride)
        let wanted = pending.count * MemoryLayout<Element>.stride
        let written = pending.withUnsafeBytes { bytes in
            Self.moveFully(wanted) { done in pwrite(fd, bytes.baseAddress! + done, wanted - done, offset + off_t(done)) }
        }
        guard written == wanted else { throw Self.failure("write a temporary file in", folder) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Repeats `move(done)` (a `pread` or `pwrite` of the rest, from byte `done`) until `length` bytes
    /// have moved or it fails; returns the bytes moved.
    fileprivate static func moveFully(_ length: Int, _ move: (Int) -> Int) -> Int {
        var done = 0
        while done < length {
            let n = move(done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return done }
            done += n
        }
        return done
    }

    fileprivate static func failure(_ action: String, _ folder: String) -> DocketError {
        .refused("cannot \(action) \(folder) for the export's split (set TMPDIR to another folder): \(String(cString: strerror(errno)))")
    }
}
