@testable import DocketCore
import Testing

/// The priority sort key: its bytes must order as the numbers do, and keep the format stored files have.
struct PrioritySortKeyTests {
    /// The key as first defined: the order-preserving bit pattern, zero-padded lower-case hex.
    static func reference(_ value: Double) -> String {
        let bits = value.isNaN ? 0 : value.bitPattern
        let ordered = (bits >> 63) == 0 ? bits | (1 << 63) : ~bits
        let hex = String(ordered, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    @Test("each value becomes the same 16 hex digits as before, and byte order is numeric order")
    func keysKeepTheirFormatAndOrder() {
        let values: [Double] = [-1_700_000_000, -1, -0.5, -0.0, 0, 1e-300, 0.25, 0.5, 0.9999, 1, 17, 1_700_000_000, .infinity, -.infinity, .nan]
        for value in values {
            #expect(PriorityPolicy.sortable([value]) == Self.reference(value), "\(value)")
        }
        #expect(PriorityPolicy.sortable([0.5, -3, 2]) == Self.reference(0.5) + Self.reference(-3) + Self.reference(2))
        #expect(PriorityPolicy.sortable([]) == "")
        // -0 and 0 compare equal but have distinct keys; leave -0 out of the order check.
        let ordered = values.filter { !$0.isNaN && !($0 == 0 && $0.sign == .minus) }.sorted()
        let keys = ordered.map { PriorityPolicy.sortable([$0]) }
        for (lower, higher) in zip(keys, keys.dropFirst()) {
            #expect(lower <= higher)
        }
    }
}
