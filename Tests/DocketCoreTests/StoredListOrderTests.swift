@testable import DocketCore
import Testing

/// The order of an item's stored lists stays O(n log n) in the number of entries (issue 17, item 7: 200,000
/// scores took more than 6 minutes in an insertion sort). Counted in comparisons, not timed: the count does
/// not depend on the machine.
struct StoredListOrderTests {
    /// Sorts `keys` (with their input positions) and returns the result and how many comparisons it took.
    func sorted(_ keys: [Int]) -> (result: [(key: Int, position: Int)], comparisons: Int) {
        var comparisons = 0
        let result = StoredListOrder.sortedKeepingLast(keys.enumerated().map { (key: $0.element, position: $0.offset) }) { a, b in
            comparisons += 1
            return a.key == b.key ? nil : a.key < b.key
        }
        return (result, comparisons)
    }

    @Test(arguments: [10, 1_000, 100_000])
    func comparisonsGrowAsNLogN(count: Int) {
        var state: UInt64 = 42
        let shapes: [[Int]] = [
            Array((0..<count).reversed()),                                   // worst case of an insertion sort
            (0..<count).map { _ in state = state &* 6364136223846793005 &+ 1; return Int(state >> 40) % (count / 2 + 1) },
        ]
        for keys in shapes {
            let (result, comparisons) = sorted(keys)
            let logN = Double(Int.bitWidth - count.leadingZeroBitCount)  // ⌈log2(count + 1)⌉
            #expect(Double(comparisons) <= 4 * Double(count) * logN + 64, "\(comparisons) comparisons for \(count) entries")
            // Sorted, one entry per key, and the last of equal keys kept.
            #expect(zip(result, result.dropFirst()).allSatisfy { $0.key < $1.key })
            var last: [Int: Int] = [:]
            for (position, key) in keys.enumerated() { last[key] = position }
            #expect(result.count == last.count)
            #expect(result.allSatisfy { last[$0.key] == $0.position })
        }
    }
}
