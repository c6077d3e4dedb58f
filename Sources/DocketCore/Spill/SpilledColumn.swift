/// A column of fixed-width values kept in a ``SpillStore`` (a temporary file) instead of memory: the
/// export's first pass appends one value per kept item, later steps read them back in the same order,
/// 64 KB at a time. This is what keeps an export's memory from growing with the queue by the size of
/// these facts. Copies of a column share its file.
final class SpilledColumn<Element: BitwiseCopyable> {
    private let file: any SpillStore
    private var writer: RecordWriter<Element>

    /// Makes the column's store in `space`.
    init(in space: any SpillSpace) throws(DocketError) {
        file = try space.makeStore()
        writer = RecordWriter(file: file)
    }

    /// The number of values appended.
    var count: Int { writer.end }

    /// Appends one value (written to the file when the buffer fills).
    func append(_ value: Element) throws(DocketError) {
        try writer.append(value)
    }

    /// `count` values from index `index`, read at once (for the rare lookups out of order).
    func read(_ count: Int, from index: Int) throws(DocketError) -> [Element] {
        try writer.flush()
        guard index >= 0, index + count <= self.count else { throw .conflict("read past the end of the export's temporary file") }
        return try file.read(count, atIndex: index)
    }

    /// A reader of the values from the first, in the order appended (values appended later are not seen).
    func makeReader() throws(DocketError) -> RecordReader<Element> {
        try writer.flush()
        return RecordReader(file: file, range: 0..<count)
    }
}
