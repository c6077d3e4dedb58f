/// Sorts more fixed-width records than the export lets itself hold in memory: records are gathered in
/// runs of at most `runBytes`, each run is sorted and written to a ``SpillStore`` of the given space, and
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
    private let space: any SpillSpace
    private var file: (any SpillStore)?
    /// The runs in `file`, as ranges of record indexes.
    private var runs: [Range<Int>] = []
    /// Set once the sorted stream was handed out.
    private var spent = false

    /// A sorter that holds at most `runBytes` of records in memory (at least one record) and spills
    /// full runs into stores made by `space`.
    init(runBytes: Int, space: any SpillSpace) {
        runCapacity = max(1, runBytes / MemoryLayout<Record>.stride)
        self.space = space
    }

    /// Adds one record; a full run is sorted and written out.
    func append(_ record: Record) throws(DocketError) {
        precondition(!spent, "a record appended to a sorter after its output was taken")
        if buffer.capacity == 0 { buffer.reserveCapacity(min(runCapacity, 4_096)) }
        buffer.append(record)
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
            // Merge groups of runs into a new store until one merge can take them all.
            let merged = try space.makeStore()
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
        if file == nil { file = try space.makeStore() }
        let start = runs.last?.upperBound ?? 0
        try file!.write(buffer, atIndex: start)
        runs.append(start..<start + buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
