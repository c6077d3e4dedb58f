/// Appends fixed-width records to a ``SpillStore`` from a given index, 64 KB at a time.
struct RecordWriter<Record: BitwiseCopyable> {
    private let file: any SpillStore
    private var pending: [Record] = []
    private let chunk = max(1, 65_536 / MemoryLayout<Record>.stride)
    /// The index after the last record appended.
    private(set) var end: Int

    init(file: any SpillStore, at index: Int = 0) {
        self.file = file
        end = index
    }

    /// Appends one record (written once 64 KB are pending).
    mutating func append(_ record: Record) throws(DocketError) {
        if pending.isEmpty { pending.reserveCapacity(chunk) }
        pending.append(record)
        end += 1
        if pending.count == chunk { try flush() }
    }

    /// Writes the pending records.
    mutating func flush() throws(DocketError) {
        guard !pending.isEmpty else { return }
        try file.write(pending, atIndex: end - pending.count)
        pending.removeAll(keepingCapacity: true)
    }
}

/// Reads a range of fixed-width records of a ``SpillStore`` in order, 64 KB at a time. After the last
/// record it lets go of its buffer and of the file (which goes once nothing else holds it).
struct RecordReader<Record: BitwiseCopyable> {
    private var file: (any SpillStore)?
    /// Index of the first record after the buffer.
    private var loaded: Int
    private let end: Int
    private var buffer: [Record] = []
    private var position = 0

    init(file: any SpillStore, range: Range<Int>) {
        self.file = file
        loaded = range.lowerBound
        end = range.upperBound
    }

    /// Whether records remain to be read.
    var hasNext: Bool { position < buffer.count || loaded < end }

    /// The next record; throws past the last one or when the file cannot be read.
    mutating func next() throws(DocketError) -> Record {
        if position == buffer.count {
            guard loaded < end, let file else { throw .conflict("read past the end of the export's temporary file") }
            let n = min(max(1, 65_536 / MemoryLayout<Record>.stride), end - loaded)
            buffer = try file.read(n, atIndex: loaded)
            loaded += n
            position = 0
        }
        let record = buffer[position]
        position += 1
        if position == buffer.count && loaded == end {
            buffer = []
            position = 0
            file = nil
        }
        return record
    }
}
