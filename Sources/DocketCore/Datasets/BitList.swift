/// A growable list of booleans packed one bit each: what an export keeps per item (kept or not, has a
/// group or not) when a million items must not cost a million bytes.
struct BitList: Sendable {
    private var words: [UInt64] = []
    /// The number of bits appended.
    private(set) var count = 0

    init() {}

    mutating func append(_ bit: Bool) {
        if count % 64 == 0 { words.append(0) }
        if bit { words[count / 64] |= 1 << UInt64(count % 64) }
        count += 1
    }

    subscript(index: Int) -> Bool {
        words[index / 64] & (1 << UInt64(index % 64)) != 0
    }

    mutating func reserveCapacity(_ bits: Int) { words.reserveCapacity((bits + 63) / 64) }
}
