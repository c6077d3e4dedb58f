/// Assigns items to the splits of a ``SplitPlan``: grouped (items sharing a group key or a content
/// hash always land in the same split, so no author, thread or near-duplicate leaks across splits),
/// stratified by label, and reproducible (the same items, plan and seed give the same assignment in
/// every process, whatever order the items arrive in).
///
/// How: items are joined into components (items sharing a group key, then groups sharing a content
/// hash). Components are placed largest first, equal sizes in a seeded order; each goes to the split
/// whose label counts are furthest below their targets (share x items with that label) as a share of
/// those targets, weighted by the component's labels. For single-item components this keeps every split within one item of its
/// target for every label.
///
/// Every step works on sorted streams of fixed-width records (``ExternalSorter``), so the memory it
/// takes is bounded by the sorters' runs, not by the number of items; the one exception is the
/// union-find over groups joined through shared content hashes, which holds only the groups that
/// take part in such a join (see ``ComponentBuilder``).
public struct DatasetSplit {
    /// The per-item facts the assignment needs, gathered as items are added: items with a group key
    /// into a sorter by group key, the others straight into the sorter by content hash. Copies share the
    /// sorters, and a split spends them: build new candidates for each split.
    public struct Candidates {
        let runBytes: Int
        /// Where the sorters and columns of the split spill what does not fit in `runBytes`.
        let spill: any SpillSpace
        var byGroup: ExternalSorter<SplitRecords.ByGroup>
        var byContent: ExternalSorter<SplitRecords.ByContent>
        var totals: [Int] = []
        /// The number of items added.
        public private(set) var count = 0

        /// The default memory of one sorter's run: 2 MB, about 65,000 items (smaller runs were no faster
        /// and larger ones only took more memory).
        public static let defaultRunBytes = 2 << 20

        /// Empty candidates; each of the split's sorters holds at most `runBytes` of records in memory and
        /// spills the rest into stores made by `spill`.
        public init(runBytes: Int = defaultRunBytes, spill: any SpillSpace) throws(DocketError) {
            self.runBytes = runBytes
            self.spill = spill
            byGroup = ExternalSorter(runBytes: runBytes, space: spill)
            byContent = ExternalSorter(runBytes: runBytes, space: spill)
        }

        /// The most strata an item can be in (stratum indexes are kept in 16 bits).
        public static let maxStrata = Int(UInt16.max)

        /// Adds one item: its external id (unique in the queue), group key, content hash, and stratum
        /// (the index of its label, below ``maxStrata``; use one more index for items without a label).
        public mutating func append(id: String, group groupKey: String?, contentHash: String, stratum label: Int) throws(DocketError) {
            precondition(label >= 0 && label < Self.maxStrata, "stratum \(label) is out of range")
            precondition(count < Int(UInt32.max), "too many items for one split")
            let item = UInt32(count)
            let identity = StableHash.fnv1a(id)
            let content = contentHash.isEmpty ? 0 : StableHash.fnv1a(contentHash, seed: 0x63)
            if let groupKey, !groupKey.isEmpty {
                try byGroup.append(.init(group: StableHash.fnv1a(groupKey, seed: 0x67), item: item, stratum: UInt16(label),
                                         content: content, identity: identity))
            } else {
                try byContent.append(.init(content: content, label: item, item: item, identity: identity, stratum: UInt16(label), grouped: false))
            }
            if label >= totals.count { totals += [Int](repeating: 0, count: label + 1 - totals.count) }
            totals[label] += 1
            count += 1
        }
    }

    /// How many components (groups after joining duplicates) each split received.
    public var groupsPerSplit: [Int]
    /// The size of the largest component each split received.
    public var largestComponentPerSplit: [Int]
    /// Components larger than the smallest split's share of the items (they cannot all land where the
    /// shares say, and they pull their split's label and metadata mix towards their own): size and split.
    public var oversizedComponents: [(size: Int, split: Int)] = []
    /// Items per split and stratum (`counts[split][stratum]`).
    public var counts: [[Int]]
    /// The number of items assigned.
    public let count: Int
    private var assignment: SortedRecords<SplitRecords.ItemSplit>
    private var read = 0

    /// Computes the assignment of `candidates` to `plan`'s splits with `seed`; `strata` is the number
    /// of distinct stratum indexes used. Throws when a temporary file cannot be written or read back.
    ///
    /// `labelOfStratum` maps each stratum to its label when strata combine a label with a metadata value
    /// (`--stratify`): the labels' own totals then count in the placing too, so that keeping each value's
    /// share does not cost the labels theirs.
    public init(_ candidates: consuming Candidates, plan: SplitPlan, seed: UInt64, strata: Int, labelOfStratum: [Int]? = nil) throws(DocketError) {
        let facts = candidates
        let splits = plan.shares.count
        var totals = facts.totals
        totals += [Int](repeating: 0, count: max(0, strata - totals.count))
        let marginal = labelOfStratum.map { map in totals.indices.map { $0 < map.count ? map[$0] : $0 } }
        var labelTotals = [Int](repeating: 0, count: (marginal?.max() ?? -1) + 1)
        if let marginal { for (s, total) in totals.enumerated() { labelTotals[marginal[s]] += total } }
        var labelCounts = [[Int]](repeating: [Int](repeating: 0, count: labelTotals.count), count: splits)

        var components = try ComponentBuilder(candidates: facts, seed: seed).components()

        // Place the components in order; remember each one's split by its root item.
        var counts = [[Int]](repeating: [Int](repeating: 0, count: totals.count), count: splits)
        var groups = [Int](repeating: 0, count: splits)
        var largest = [Int](repeating: 0, count: splits)
        var oversized: [(size: Int, split: Int)] = []
        let smallestShare = Double(facts.count) * (plan.shares.map(\.fraction).min() ?? 1)
        let placements = ExternalSorter<SplitRecords.Placement>(runBytes: facts.runBytes, space: facts.spill)
        var histogram: [(stratum: Int, count: Int)] = []
        while let component = try components.ordered.next() {
            try component.labelCounts(overflow: components.overflow, into: &histogram)
            var best = 0
            var bestScore = -Double.infinity
            for split in 0..<splits {
                let share = plan.shares[split].fraction
                var score = 0.0
                for (s, n) in histogram {
                    // What the split still lacks scaled by its share, not in items: counted in items, the
                    // largest split would take every large component before the others took any, and
                    // whatever large components have in common (a bot, a source) would pile up there.
                    score += Double(n) * (Double(totals[s]) - Double(counts[split][s]) / share)
                    if let marginal {
                        score += Double(n) * (Double(labelTotals[marginal[s]]) - Double(labelCounts[split][marginal[s]]) / share)
                    }
                }
                if score > bestScore {
                    bestScore = score
                    best = split
                }
            }
            for (s, n) in histogram {
                counts[best][s] += n
                if let marginal { labelCounts[best][marginal[s]] += n }
            }
            groups[best] += 1
            largest[best] = max(largest[best], Int(component.size))
            // A lone item is not a group that must stay together, however small the smallest split's share.
            if component.size > 1, Double(component.size) > smallestShare, splits > 1 { oversized.append((Int(component.size), best)) }
            try placements.append(.init(root: component.root, split: UInt8(best)))
        }

        // Back to items: join the placements with the members (both by root), then sort by item.
        let byItem = ExternalSorter<SplitRecords.ItemSplit>(runBytes: facts.runBytes, space: facts.spill)
        do {
            var placed = try placements.sorted()
            var members = try components.members.makeReader()
            var current = try placed.next()
            while members.hasNext {
                let member = try members.next()
                while let placement = current, placement.root < member.root { current = try placed.next() }
                guard let placement = current, placement.root == member.root else {
                    throw .conflict("the export's split lost a component (item \(member.item))")
                }
                try byItem.append(.init(item: member.item, split: placement.split))
            }
        }
        self.count = facts.count
        self.assignment = try byItem.sorted()
        self.groupsPerSplit = groups
        self.largestComponentPerSplit = largest
        self.oversizedComponents = oversized
        self.counts = counts
    }

    /// The split index of the next item, in the order the items were added (`count` calls in all).
    public mutating func nextSplit() throws(DocketError) -> Int {
        guard let next = try assignment.next(), next.item == UInt32(read) else {
            throw .conflict("the export's split has no assignment for item \(read)")
        }
        read += 1
        return Int(next.split)
    }
}
