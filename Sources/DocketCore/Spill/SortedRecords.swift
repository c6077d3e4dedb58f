import HeapModule

/// The sorted output of an ``ExternalSorter``: from memory, or merged from sorted runs of a ``SpillStore``.
///
/// The merge keeps each run's current record in swift-collections' `Heap` and takes the smallest each time.
struct SortedRecords<Record: Comparable & BitwiseCopyable> {
    /// A run's current record, ordered by the record alone (records of a sorter are distinct).
    struct Head: Comparable {
        var record: Record
        var reader: Int
        static func < (a: Self, b: Self) -> Bool { a.record < b.record }
        static func == (a: Self, b: Self) -> Bool { a.record == b.record }
    }

    private var memory: [Record] = []
    private var position = 0
    private var readers: [RecordReader<Record>] = []
    private var heads = Heap<Head>()
    private var started = false

    /// The records of one run held in memory, already sorted.
    init(memory: [Record]) { self.memory = memory }

    /// The merge of the sorted `runs` (ranges of record indexes) of `file`.
    init(file: any SpillStore, runs: [Range<Int>]) {
        readers = runs.map { RecordReader(file: file, range: $0) }
    }

    /// The next record in order, or nil after the last.
    mutating func next() throws(DocketError) -> Record? {
        if readers.isEmpty {
            guard position < memory.count else {
                memory = []
                return nil
            }
            position += 1
            return memory[position - 1]
        }
        if !started {
            started = true
            var first: [Head] = []
            for index in readers.indices where readers[index].hasNext { first.append(Head(record: try readers[index].next(), reader: index)) }
            heads = Heap(first)
        }
        guard let top = heads.min else { return nil }
        if readers[top.reader].hasNext {
            heads.replaceMin(with: Head(record: try readers[top.reader].next(), reader: top.reader))
        } else {
            heads.removeMin()
        }
        return top.record
    }
}
