/// Sorts more fixed-width records than the export lets itself hold in memory: records are gathered in
/// runs of at most `runBytes`, each run is sorted and written to a temporary file (``SpillFile``), and
/// the sorted stream merges the runs, at most ``fanIn`` at a time (more runs are first merged into
/// longer ones). Memory stays near `runBytes` plus a 64 KB buffer per merged run, however many records
/// there are; when all records fit in one run nothing is written at all.
///
/// Records must order totally (no two distinct records equal) for the output to be the same whatever
/// order they were appended in.
final class ExternalSorter<Record: Comparable & BitwiseCopyable> {
    /// The most runs merged at once.
    static var fanIn: Int { 16 }

    private let runCapacity: Int
    private var buffer: [Record] = []
    private var file: SpillFile?
    /// The runs in `file`, as ranges of record indexes.
    private var runs: [Range<Int>] = []
    /// The number of records appended.
    private(set) var count = 0
    /// Set once the sorted stream was handed out.
    private var spent = false

    /// A sorter that holds at most `runBytes` of records in memory (at least one record).
    init(runBytes: Int) {
        runCapacity = max(1, runBytes / MemoryLayout<Record>.stride)
    }

    /// Adds one record; a full run is sorted and written out.
    func append(_ record: Record) throws(DocketError) {
        precondition(!spent, "a record appended to a sorter after its output was taken")
        if buffer.capacity == 0 { buffer.reserveCapacity(min(runCapacity, 4_096)) }
        buffer.append(record)
        count += 1
        if buffer.count == runCapacity { try spill() }
    }

    /// The records in ascending order. The sorter is spent: appending afterwards is a mistake.
    func sorted() throws(DocketError) -> SortedRecords<Record> {
        precondition(!spent, "a sorter's output taken twice")
        spent = true
        if runs.isEmpty {
            buffer.sort()
            defer { buffer = [] }
            return SortedRecords(memory: buffer)
        }
        if !buffer.isEmpty { try spill() }
        buffer = []
        var file = self.file!
        var runs = self.runs
        self.file = nil
        while runs.count > Self.fanIn {
            // Merge groups of runs into a new file until one merge can take them all.
            let merged = try SpillFile()
            var mergedRuns: [Range<Int>] = []
            var written = 0
            for start in stride(from: 0, to: runs.count, by: Self.fanIn) {
                var stream = SortedRecords<Record>(file: file, runs: Array(runs[start..<min(start + Self.fanIn, runs.count)]))
                var out = RecordWriter<Record>(file: merged, at: written)
                while let record = try stream.next() { try out.append(record) }
                try out.flush()
                mergedRuns.append(written..<out.end)
                written = out.end
            }
            file = merged
            runs = mergedRuns
        }
        return SortedRecords(file: file, runs: runs)
    }

    private func spill() throws(DocketError) {
        buffer.sort()
        if file == nil { file = try SpillFile() }
        let start = runs.last?.upperBound ?? 0
        try file!.write(buffer, atIndex: start)
        runs.append(start..<start + buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Appends records to a ``SpillFile`` from a given index, 64 KB at a time.
struct RecordWriter<Record: BitwiseCopyable> {
    private let file: SpillFile
    private var pending: [Record] = []
    private let chunk = max(1, 65_536 / MemoryLayout<Record>.stride)
    /// The index after the last record appended.
    private(set) var end: Int

    init(file: SpillFile, at index: Int) {
        self.file = file
        end = index
    }

    mutating func append(_ record: Record) throws(DocketError) {
        if pending.isEmpty { pending.reserveCapacity(chunk) }
        pending.append(record)
        end += 1
        if pending.count == chunk { try flush() }
    }

    mutating func flush() throws(DocketError) {
        guard !pending.isEmpty else { return }
        try file.write(pending, atIndex: end - pending.count)
        pending.removeAll(keepingCapacity: true)
    }
}

/// The sorted output of an ``ExternalSorter``: from memory, or merged from sorted runs of a file.
struct SortedRecords<Record: Comparable & BitwiseCopyable> {
    private var memory: [Record] = []
    private var position = 0
    private var readers: [RunReader<Record>] = []
    /// Indexes of `readers` that still have records, as a binary min-heap on their current record.
    private var heap: [Int] = []
    private var started = false

    fileprivate init(memory: [Record]) { self.memory = memory }

    fileprivate init(file: SpillFile, runs: [Range<Int>]) {
        readers = runs.map { RunReader(file: file, run: $0) }
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
            for index in readers.indices where try readers[index].advance() { push(index) }
        }
        guard let top = heap.first else { return nil }
        let record = readers[top].current
        if try readers[top].advance() {
            siftDown(0)
        } else {
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                siftDown(0)
            }
            readers[top] = RunReader(exhausted: readers[top])
        }
        return record
    }

    private func less(_ a: Int, _ b: Int) -> Bool { readers[heap[a]].current < readers[heap[b]].current }

    private mutating func push(_ reader: Int) {
        heap.append(reader)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && less(left, smallest) { smallest = left }
            if right < heap.count && less(right, smallest) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// Reads one sorted run back, 64 KB at a time.
private struct RunReader<Record: BitwiseCopyable> {
    private let file: SpillFile?
    private var next: Int
    private let end: Int
    private var buffer: [Record] = []
    private var position = 0
    /// The record the last successful ``advance()`` reached.
    private(set) var current: Record! = nil

    init(file: SpillFile, run: Range<Int>) {
        self.file = file
        next = run.lowerBound
        end = run.upperBound
    }

    /// A finished reader that holds no buffer.
    init(exhausted: RunReader) {
        file = nil
        next = exhausted.end
        end = exhausted.end
    }

    /// Moves to the run's next record; false after the last.
    mutating func advance() throws(DocketError) -> Bool {
        if position == buffer.count {
            guard next < end, let file else { return false }
            let n = min(max(1, 65_536 / MemoryLayout<Record>.stride), end - next)
            buffer = try file.read(n, atIndex: next)
            next += n
            position = 0
        }
        current = buffer[position]
        position += 1
        return true
    }
}
