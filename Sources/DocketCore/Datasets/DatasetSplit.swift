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
    /// The per-item facts the assignment needs: the group key's hash in memory (8 bytes and a bit per
    /// item), the id and content hashes and the stratum (18 bytes per item) in temporary files
    /// (``SpilledColumn``), read back in order when they are needed. Copies share those files.
    public struct Candidates {
        var identity: SpilledColumn<UInt64>
        /// Hash of the group key; 0 for items without one (see `hasGroup`).
        var group: [UInt64] = []
        /// Whether each item has a group key (a key may hash to 0).
        var hasGroup = BitList()
        var content: SpilledColumn<UInt64>
        var stratum: SpilledColumn<UInt16>

        /// Empty candidates; `capacity` is the number of items expected. Throws when no temporary file
        /// can be created.
        public init(capacity: Int = 0) throws(DocketError) {
            identity = try SpilledColumn()
            content = try SpilledColumn()
            stratum = try SpilledColumn()
            group.reserveCapacity(capacity)
            hasGroup.reserveCapacity(capacity)
        }

        /// The number of items added.
        public var count: Int { identity.count }

        /// The most strata an item can be in (stratum indexes are kept in 16 bits).
        public static let maxStrata = Int(UInt16.max)

        /// Adds one item: its external id (unique in the queue), group key, content hash, and stratum
        /// (the index of its label, below ``maxStrata``; use one more index for items without a label).
        public mutating func append(id: String, group groupKey: String?, contentHash: String, stratum label: Int) throws(DocketError) {
            precondition(label >= 0 && label < Self.maxStrata, "stratum \(label) is out of range")
            try identity.append(StableHash.fnv1a(id))
            if let groupKey, !groupKey.isEmpty {
                group.append(StableHash.fnv1a(groupKey, seed: 0x67))
                hasGroup.append(true)
            } else {
                group.append(0)
                hasGroup.append(false)
            }
            try content.append(contentHash.isEmpty ? 0 : StableHash.fnv1a(contentHash, seed: 0x63))
            try stratum.append(UInt16(label))
        }
    }

    /// The assignment: the split index of every item, in the order the items were added.
    public var splitOfItem: [UInt8]
    /// How many components (groups after joining duplicates) each split received.
    public var groupsPerSplit: [Int]
    /// Items per split and stratum (`counts[split][stratum]`).
    public var counts: [[Int]]

    /// Computes the assignment of `candidates` to `plan`'s splits with `seed`; `strata` is the number
    /// of distinct stratum indexes used. The candidates are consumed: each list is freed as soon as it
    /// has been used, so that the peak memory stays near the group keys' own size. Throws when a
    /// temporary file cannot be read back.
    public init(_ candidates: consuming Candidates, plan: SplitPlan, seed: UInt64, strata: Int) throws(DocketError) {
        var facts = candidates
        let n = facts.count
        let splits = plan.shares.count

        // Components: `component[i]` is first a union-find parent. A union links the larger root to the
        // smaller, so a parent is never above its child and a component's root is its first item.
        var component = [Int32](0..<Int32(n))
        func root(_ i: Int32) -> Int32 {
            var x = i
            while component[Int(x)] != x {
                component[Int(x)] = component[Int(component[Int(x)])]
                x = component[Int(x)]
            }
            return x
        }
        func union(_ a: Int32, _ b: Int32) {
            let ra = root(a), rb = root(b)
            if ra != rb { component[Int(max(ra, rb))] = min(ra, rb) }
        }

        // Items sharing a key are joined to the first item with that key, groups first, then content
        // hashes (the components do not depend on the order). Each table holds item indexes only (the
        // key is read back from the facts) and is only looked up, never iterated, so its layout cannot
        // leak into the result; each key list is freed once joined.
        do {
            var firstOfGroup = FirstItemTable(capacity: n)
            for i in 0..<n where facts.hasGroup[i] {
                if let first = firstOfGroup.first(facts.group[i], else: Int32(i), keys: facts.group) { union(first, Int32(i)) }
            }
        }
        facts.group = []
        facts.hasGroup = BitList()
        do {
            var content: [UInt64] = []
            content.reserveCapacity(n)
            try facts.content.forEach { _, key in content.append(key) }
            var firstOfContent = FirstItemTable(capacity: n)
            for i in 0..<n where content[i] != 0 {
                if let first = firstOfContent.first(content[i], else: Int32(i), keys: content) { union(first, Int32(i)) }
            }
        }

        // Number the components in the order of their first items, in place: the parent of a later item
        // already holds its component's number when the sweep reaches it.
        var components = 0
        for i in 0..<n {
            let parent = Int(component[i])
            if parent == i {
                component[i] = Int32(components)
                components += 1
            } else {
                component[i] = component[parent]
            }
        }

        // Size and order key of each component (independent of the input order).
        var size = [Int32](repeating: 0, count: components)
        var smallestIdentity = [UInt64](repeating: .max, count: components)
        try facts.identity.forEach { i, identity in
            let c = Int(component[i])
            size[c] += 1
            smallestIdentity[c] = min(smallestIdentity[c], identity)
        }
        var order = [Int32](0..<Int32(components))
        let seedMix = StableHash.mix(seed)
        order.sort { a, b in
            let (sa, sb) = (size[Int(a)], size[Int(b)])
            if sa != sb { return sa > sb }
            let ka = StableHash.mix(smallestIdentity[Int(a)] ^ seedMix), kb = StableHash.mix(smallestIdentity[Int(b)] ^ seedMix)
            if ka != kb { return ka < kb }
            return smallestIdentity[Int(a)] < smallestIdentity[Int(b)]
        }
        smallestIdentity = []

        // The strata of each component's items, in item order, grouped by a counting sort: `end[c]` starts
        // as the component's first slot, is the fill position during the sweep and its end after it.
        var end = size
        size = []
        var next: Int32 = 0
        for c in 0..<components {
            let count = end[c]
            end[c] = next
            next += count
        }
        var strataByComponent = [UInt16](repeating: 0, count: n)
        var totals = [Int](repeating: 0, count: strata)
        try facts.stratum.forEach { i, stratum in
            let c = Int(component[i])
            strataByComponent[Int(end[c])] = stratum
            end[c] += 1
            totals[Int(stratum)] += 1
        }

        var counts = [[Int]](repeating: [Int](repeating: 0, count: strata), count: splits)
        var groups = [Int](repeating: 0, count: splits)
        var splitOfComponent = [UInt8](repeating: 0, count: components)
        var componentStrata = [Int](repeating: 0, count: strata)
        var touched: [Int] = []

        for c in order {
            let range = (c == 0 ? 0 : Int(end[Int(c) - 1]))..<Int(end[Int(c)])
            touched.removeAll(keepingCapacity: true)
            for s16 in strataByComponent[range] {
                let s = Int(s16)
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
            splitOfComponent[Int(c)] = UInt8(best)
        }
        strataByComponent = []
        end = []
        order = []
        var assignment = [UInt8](repeating: 0, count: n)
        for i in 0..<n { assignment[i] = splitOfComponent[Int(component[i])] }
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
