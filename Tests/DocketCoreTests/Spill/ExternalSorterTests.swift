@testable import DocketCore
import DocketIO
import Testing

/// The sorter under the export's split: whatever the run size, the stream is the records in order.
@Suite struct ExternalSorterTests {
    struct Pair: Comparable, BitwiseCopyable {
        var key: UInt64
        var index: UInt32
        static func < (a: Self, b: Self) -> Bool { a.key != b.key ? a.key < b.key : a.index < b.index }
    }

    static func records(_ count: Int, seed: UInt64) -> [Pair] {
        var state = seed
        return (0..<count).map { i in
            state = StableHash.mix(state)
            // Few distinct keys, so that equal keys meet across runs and the index decides.
            return Pair(key: state % 1_000, index: UInt32(i))
        }
    }

    /// One run in memory; four runs merged at once; 50,000 runs of one record, merged into 3,125, 196
    /// and 13 longer runs before the final merge.
    @Test(arguments: [1 << 20, 16_000, 16])
    func streamIsTheRecordsInOrder(runBytes: Int) throws {
        let records = Self.records(50_000, seed: UInt64(runBytes))
        let sorter = ExternalSorter<Pair>(runBytes: runBytes, space: SpillFolder())
        for record in records { try sorter.append(record) }
        var stream = try sorter.sorted()
        var out: [Pair] = []
        while let record = try stream.next() { out.append(record) }
        #expect(out == records.sorted())
        #expect(try stream.next() == nil, "the stream stays ended")
    }

    @Test func nothingAppendedGivesAnEmptyStream() throws {
        var stream = try ExternalSorter<Pair>(runBytes: 16, space: SpillFolder()).sorted()
        #expect(try stream.next() == nil)
    }

    /// Values of a spilled column come back in order, also read out of order by index.
    @Test func spilledColumnReadsBackInOrderAndByIndex() throws {
        let column = try SpilledColumn<Pair>(in: SpillFolder())
        let records = Self.records(10_000, seed: 3)
        for record in records { try column.append(record) }
        var reader = try column.makeReader()
        var back: [Pair] = []
        while reader.hasNext { back.append(try reader.next()) }
        #expect(back == records)
        #expect(try column.read(3, from: 9_000) == Array(records[9_000..<9_003]))
        #expect(throws: DocketError.self) { try column.read(2, from: 9_999) }
    }
}
