/// The fixed-width records the split sorts (``ExternalSorter``). Each orders by the key of the step that
/// sorts it and then by item, so that no two records of a step are equal and the sorted order does not
/// depend on the order items were added in.
enum SplitRecords {
    /// An item with a group key, sorted by that key's hash.
    struct ByGroup: Comparable, BitwiseCopyable {
        var group: UInt64
        var item: UInt32
        var stratum: UInt16
        var content: UInt64
        var identity: UInt64

        static func < (a: Self, b: Self) -> Bool { a.group != b.group ? a.group < b.group : a.item < b.item }
        static func == (a: Self, b: Self) -> Bool { a.group == b.group && a.item == b.item }
    }

    /// An item with its group's label (the group's first item, or the item itself without a group), sorted
    /// by content hash (0: none).
    struct ByContent: Comparable, BitwiseCopyable {
        var content: UInt64
        var label: UInt32
        var item: UInt32
        var identity: UInt64
        var stratum: UInt16
        /// Whether the item has a group key (its label may then stand for other items too).
        var grouped: Bool

        static func < (a: Self, b: Self) -> Bool {
            if a.content != b.content { return a.content < b.content }
            return a.label != b.label ? a.label < b.label : a.item < b.item
        }
        static func == (a: Self, b: Self) -> Bool { a.content == b.content && a.label == b.label && a.item == b.item }
    }

    /// An item with its component's root (or, before the joins are known, its group's label), sorted by root.
    struct Member: Comparable, BitwiseCopyable {
        var root: UInt32
        var item: UInt32
        var identity: UInt64
        var stratum: UInt16

        static func < (a: Self, b: Self) -> Bool { a.root != b.root ? a.root < b.root : a.item < b.item }
        static func == (a: Self, b: Self) -> Bool { a.root == b.root && a.item == b.item }
    }

    /// One component, sorted in placing order: largest first, then by the seeded hash of its smallest id
    /// hash. Up to four (stratum, count) pairs are kept inline, in the order the strata first appear among
    /// its items; a component with more keeps them in the overflow column from index `counts.0`.
    struct Component: Comparable, BitwiseCopyable {
        var size: UInt32
        var root: UInt32
        var order: UInt64
        var smallest: UInt64
        var distinct: UInt16
        var strata: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
        var counts: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)

        static let inline = 4

        /// Records the (stratum, count) pairs: inline when there are at most ``inline``, else appended to
        /// `overflow` (stratum in the high half of each value) from the index kept in `counts.0`.
        mutating func setLabelCounts(_ pairs: [(stratum: UInt16, count: UInt32)], overflow: SpilledColumn<UInt64>) throws(DocketError) {
            distinct = UInt16(pairs.count)
            if pairs.count > Self.inline {
                counts.0 = UInt32(overflow.count)
                for (s, n) in pairs { try overflow.append(UInt64(s) << 32 | UInt64(n)) }
                return
            }
            withUnsafeMutableBytes(of: &strata) { strata in
                withUnsafeMutableBytes(of: &counts) { counts in
                    let s = strata.bindMemory(to: UInt16.self), c = counts.bindMemory(to: UInt32.self)
                    for (k, pair) in pairs.enumerated() { (s[k], c[k]) = (pair.stratum, pair.count) }
                }
            }
        }

        /// The (stratum, count) pairs ``setLabelCounts(_:overflow:)`` recorded, in the same order.
        func labelCounts(overflow: SpilledColumn<UInt64>, into pairs: inout [(stratum: Int, count: Int)]) throws(DocketError) {
            pairs.removeAll(keepingCapacity: true)
            let distinct = Int(distinct)
            if distinct > Self.inline {
                for packed in try overflow.read(distinct, from: Int(counts.0)) {
                    pairs.append((Int(packed >> 32), Int(packed & 0xffff_ffff)))
                }
                return
            }
            withUnsafeBytes(of: strata) { strata in
                withUnsafeBytes(of: counts) { counts in
                    let s = strata.bindMemory(to: UInt16.self), c = counts.bindMemory(to: UInt32.self)
                    for k in 0..<distinct { pairs.append((Int(s[k]), Int(c[k]))) }
                }
            }
        }

        static func < (a: Self, b: Self) -> Bool {
            if a.size != b.size { return a.size > b.size }
            if a.order != b.order { return a.order < b.order }
            return a.smallest != b.smallest ? a.smallest < b.smallest : a.root < b.root
        }
        static func == (a: Self, b: Self) -> Bool { a.root == b.root && a.size == b.size && a.smallest == b.smallest }
    }

    /// The split a component was placed in, sorted by its root.
    struct Placement: Comparable, BitwiseCopyable {
        var root: UInt32
        var split: UInt8

        static func < (a: Self, b: Self) -> Bool { a.root < b.root }
    }

    /// The split of one item, sorted by item.
    struct ItemSplit: Comparable, BitwiseCopyable {
        var item: UInt32
        var split: UInt8

        static func < (a: Self, b: Self) -> Bool { a.item < b.item }
    }
}
