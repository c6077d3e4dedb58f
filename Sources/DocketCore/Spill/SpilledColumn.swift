/// A column of fixed-width values kept in a temporary file (``SpillFile``) instead of memory: the
/// export's first pass appends one value per kept item, later steps read them back in the same order,
/// 64 KB at a time. This is what keeps an export's memory from growing with the queue by the size of
/// these facts. Copies of a column share its file.
final class SpilledColumn<Element: BitwiseCopyable> {
    private let file: SpillFile
    private var pending: [Element] = []
    private let chunk = max(1, 65_536 / MemoryLayout<Element>.stride)
    /// The number of values appended.
    private(set) var count = 0

    /// Creates the (nameless) temporary file.
    init() throws(DocketError) {
        file = try SpillFile()
        pending.reserveCapacity(chunk)
    }

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

    /// `count` values from index `index`, read at once (for the rare lookups out of order).
    func read(_ count: Int, from index: Int) throws(DocketError) -> [Element] {
        try flush()
        guard index >= 0, index + count <= self.count else { throw .conflict("read past the end of the export's temporary file") }
        return try file.read(count, atIndex: index)
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

        /// Whether values remain to be read.
        var hasNext: Bool { position < buffer.count || loaded < column.count }

        /// The next value; throws past the last one or when the file cannot be read.
        mutating func next() throws(DocketError) -> Element {
            if position == buffer.count { try load() }
            position += 1
            return buffer[position - 1]
        }

        private mutating func load() throws(DocketError) {
            let n = min(column.chunk, column.count - loaded)
            guard n > 0 else { throw .conflict("read past the end of the export's temporary file") }
            buffer = try column.file.read(n, atIndex: loaded)
            loaded += n
            position = 0
        }
    }

    private func flush() throws(DocketError) {
        guard !pending.isEmpty else { return }
        try file.write(pending, atIndex: count - pending.count)
        pending.removeAll(keepingCapacity: true)
    }
}
