/// Assigns items to the splits of a ``SplitPlan``: grouped (items sharing a group key or a content
/// hash always land in the same split, so no author, thread or near-duplicate leaks across splits),
/// stratified by label, and reproducible (the same items, plan and seed give the same assignment in
/// every process, whatever order the items arrive in).
///
/// How: items are joined into components (union-find over group key and content hash). Components are
/// placed largest first, equal sizes in a seeded order; each goes to the split whose label counts are
/// furthest below their targets (share x items with that label), weighted by the component's labels.
/// For single-item components this keeps every split within one item of its target for every label.
public struct DatasetSplit: Sendable {
    /// The per-item facts the assignment needs, held compactly (about 30 bytes per item) so that a
    /// first pass over millions of items stays small.
    public struct Candidates: Sendable {
        var identity: [UInt64] = []
        var group: [UInt64] = []
        var hasGroup: [Bool] = []
        var content: [UInt64] = []
        var stratum: [Int32] = []

        public init(capacity: Int = 0) {
            identity.reserveCapacity(capacity)
            group.reserveCapacity(capacity)
            hasGroup.reserveCapacity(capacity)
            content.reserveCapacity(capacity)
            stratum.reserveCapacity(capacity)
        }

        /// The number of items added.
        public var count: Int { identity.count }

        /// Adds one item: its external id (unique in the queue), group key, content hash, and stratum
        /// (the index of its label; use one more index for items without a label).
        public mutating func append(id: String, group groupKey: String?, contentHash: String, stratum label: Int) {
            identity.append(StableHash.fnv1a(id))
            if let groupKey, !groupKey.isEmpty {
                group.append(StableHash.fnv1a(groupKey, seed: 0x67))
                hasGroup.append(true)
            } else {
                group.append(0)
                hasGroup.append(false)
            }
            content.append(contentHash.isEmpty ? 0 : StableHash.fnv1a(contentHash, seed: 0x63))
            stratum.append(Int32(label))
        }
    }

    /// The assignment: the split index of every item, in the order the items were added.
    public var splitOfItem: [UInt8]
    /// How many components (groups after joining duplicates) each split received.
    public var groupsPerSplit: [Int]
    /// Items per split and stratum (`counts[split][stratum]`).
    public var counts: [[Int]]

    /// Computes the assignment of `candidates` to `plan`'s splits with `seed`; `strata` is the number
    /// of distinct stratum indexes used.
    public init(_ candidates: Candidates, plan: SplitPlan, seed: UInt64, strata: Int) {
        let n = candidates.count
        let splits = plan.shares.count
        var parent = [Int32](0..<Int32(n))

        func root(_ i: Int32) -> Int32 {
            var x = i
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        func union(_ a: Int32, _ b: Int32) {
            let ra = root(a), rb = root(b)
            if ra != rb { parent[Int(max(ra, rb))] = min(ra, rb) }
        }

        // Items sharing a key are joined to the first item with that key. The tables hold item indexes
        // only (4 bytes a slot; the key is read back from `candidates`), and are only looked up, never
        // iterated, so their layout cannot leak into the result.
        var firstOfGroup = FirstItemTable(capacity: n)
        var firstOfContent = FirstItemTable(capacity: n)
        for i in 0..<n {
            let index = Int32(i)
            if candidates.hasGroup[i] {
                if let first = firstOfGroup.first(candidates.group[i], else: index, keys: candidates.group) { union(first, index) }
            }
            if candidates.content[i] != 0 {
                if let first = firstOfContent.first(candidates.content[i], else: index, keys: candidates.content) { union(first, index) }
            }
        }
        firstOfGroup = FirstItemTable(capacity: 0)
        firstOfContent = FirstItemTable(capacity: 0)

        // Component of each item, its size and its order key (independent of the input order).
        var rootOf = [Int32](repeating: 0, count: n)
        var size = [Int32](repeating: 0, count: n)
        var smallestIdentity = [UInt64](repeating: .max, count: n)
        for i in 0..<n {
            let r = Int(root(Int32(i)))
            rootOf[i] = Int32(r)
            size[r] += 1
            smallestIdentity[r] = min(smallestIdentity[r], candidates.identity[i])
        }
        var roots: [Int32] = []
        for i in 0..<n where rootOf[i] == Int32(i) { roots.append(Int32(i)) }
        let seedMix = StableHash.mix(seed)
        roots.sort { a, b in
            let (sa, sb) = (size[Int(a)], size[Int(b)])
            if sa != sb { return sa > sb }
            let ka = StableHash.mix(smallestIdentity[Int(a)] ^ seedMix), kb = StableHash.mix(smallestIdentity[Int(b)] ^ seedMix)
            if ka != kb { return ka < kb }
            return smallestIdentity[Int(a)] < smallestIdentity[Int(b)]
        }

        // Members of each component, grouped by a counting sort on the root.
        var start = [Int32](repeating: 0, count: n + 1)
        for i in 0..<n { start[Int(rootOf[i]) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var members = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let r = Int(rootOf[i])
            members[Int(fill[r])] = Int32(i)
            fill[r] += 1
        }

        var totals = [Int](repeating: 0, count: strata)
        for s in candidates.stratum { totals[Int(s)] += 1 }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: strata), count: splits)
        var groups = [Int](repeating: 0, count: splits)
        var assignment = [UInt8](repeating: 0, count: n)
        var componentStrata = [Int](repeating: 0, count: strata)
        var touched: [Int] = []

        for r in roots {
            let range = Int(start[Int(r)])..<Int(start[Int(r) + 1])
            touched.removeAll(keepingCapacity: true)
            for m in members[range] {
                let s = Int(candidates.stratum[Int(m)])
                if componentStrata[s] == 0 { touched.append(s) }
                componentStrata[s] += 1
            }
            var best = 0
            var bestScore = -Double.infinity
            for split in 0..<splits {
                let share = plan.shares[split].fraction
                var score = 0.0
                for s in touched {
                    score += Double(componentStrata[s]) * (share * Double(totals[s]) - Double(counts[split][s]))
                }
                if score > bestScore {
                    bestScore = score
                    best = split
                }
            }
            for s in touched {
                counts[best][s] += componentStrata[s]
                componentStrata[s] = 0
            }
            groups[best] += 1
            for m in members[range] { assignment[Int(m)] = UInt8(best) }
        }
        self.splitOfItem = assignment
        self.groupsPerSplit = groups
        self.counts = counts
    }
}

/// The first item seen with each 64-bit key: open addressing over item indexes, which is several times
/// smaller and faster than a `[UInt64: Int32]` dictionary for a million keys.
struct FirstItemTable {
    private var slots: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The first item recorded with `key`; when there is none yet, records `index` for it and returns nil.
    /// `keys[i]` is the key of item `i`.
    mutating func first(_ key: UInt64, else index: Int32, keys: [UInt64]) -> Int32? {
        var slot = Int(truncatingIfNeeded: StableHash.mix(key)) & mask
        while true {
            let item = slots[slot]
            if item < 0 {
                slots[slot] = index
                return nil
            }
            if keys[Int(item)] == key { return item }
            slot = (slot + 1) & mask
        }
    }
}
