import DocketCore
import DocketIO
import Testing

/// The compact split (key lists freed as it goes, components numbered in place) against the documented
/// rule written plainly, with dictionaries and member lists: they must place every item alike.
@Suite struct DatasetSplitReferenceTests {
    struct Item {
        var id: String
        var group: String?
        var hash: String
        var stratum: Int
    }

    /// The rule as Docs/export.md states it: join items sharing a group key or a content hash; place
    /// components largest first, equal sizes in the seeded order of their smallest id hash; each goes to
    /// the split whose label counts are furthest below their targets as a share of them, weighted by its labels.
    static func reference(_ items: [Item], plan: SplitPlan, seed: UInt64, strata: Int) -> (splits: [UInt8], groups: [Int]) {
        // Components by walking key -> items links (breadth first).
        var byGroup: [String: [Int]] = [:], byHash: [String: [Int]] = [:]
        for (i, item) in items.enumerated() {
            if let group = item.group, !group.isEmpty { byGroup[group, default: []].append(i) }
            if !item.hash.isEmpty { byHash[item.hash, default: []].append(i) }
        }
        var componentOf = [Int](repeating: -1, count: items.count)
        var components: [[Int]] = []
        for start in items.indices where componentOf[start] < 0 {
            var members = [start], queue = [start]
            componentOf[start] = components.count
            while let i = queue.popLast() {
                let linked = (items[i].group.flatMap { byGroup[$0] } ?? []) + (byHash[items[i].hash] ?? [])
                for j in linked where componentOf[j] < 0 {
                    componentOf[j] = components.count
                    members.append(j)
                    queue.append(j)
                }
            }
            components.append(members.sorted())
        }
        let smallest = components.map { $0.map { StableHash.fnv1a(items[$0].id) }.min()! }
        let mixedSeed = StableHash.mix(seed)
        let order = components.indices.sorted { a, b in
            if components[a].count != components[b].count { return components[a].count > components[b].count }
            let ka = StableHash.mix(smallest[a] ^ mixedSeed), kb = StableHash.mix(smallest[b] ^ mixedSeed)
            return ka != kb ? ka < kb : smallest[a] < smallest[b]
        }
        var totals = [Int](repeating: 0, count: strata)
        for item in items { totals[item.stratum] += 1 }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: strata), count: plan.shares.count)
        var groups = [Int](repeating: 0, count: plan.shares.count)
        var splits = [UInt8](repeating: 0, count: items.count)
        for c in order {
            // Labels in the order they first appear among the members (the order the weights are summed in).
            var labelsInOrder: [Int] = [], perLabel: [Int: Int] = [:]
            for m in components[c] {
                if perLabel[items[m].stratum] == nil { labelsInOrder.append(items[m].stratum) }
                perLabel[items[m].stratum, default: 0] += 1
            }
            var best = 0, bestScore = -Double.infinity
            for (s, share) in plan.shares.enumerated() {
                let score = labelsInOrder.reduce(0.0) { sum, l in
                    sum + Double(perLabel[l]!) * (Double(totals[l]) - Double(counts[s][l]) / share.fraction)
                }
                if score > bestScore { (best, bestScore) = (s, score) }
            }
            for (l, n) in perLabel { counts[best][l] += n }
            groups[best] += 1
            for m in components[c] { splits[m] = UInt8(best) }
        }
        return (splits, groups)
    }

    /// The split under test; a small `runBytes` makes every sorter write many runs and merge them in
    /// several rounds, as an export of millions of items does with the default.
    static func split(_ items: [Item], plan: SplitPlan, seed: UInt64, strata: Int,
                      runBytes: Int = DatasetSplit.Candidates.defaultRunBytes) throws -> DatasetSplit {
        var candidates = try DatasetSplit.Candidates(runBytes: runBytes, spill: SpillFolder())
        for item in items { try candidates.append(id: item.id, group: item.group, contentHash: item.hash, stratum: item.stratum) }
        return try DatasetSplit(candidates, plan: plan, seed: seed, strata: strata)
    }

    @Test func realDataIsPlacedAsTheRuleSays() throws {
        let queue = try ExportFixture.queue()
        let labels = queue.labels.map(\.id)
        let items = try ExportFixture.records().map { record in
            Item(id: record.id, group: record.group, hash: SHA256.hex(record.text.lowercased()),
                 stratum: ExportFixture.majority(record, labels: labels) ?? labels.count)
        }
        let fiveWay = try SplitPlan.parse("a=0.3,b=0.3,c=0.2,d=0.1,e=0.1")
        for (plan, seed, runBytes) in [(SplitPlan.standard, UInt64(0), 4 << 20), (.standard, 42, 256), (fiveWay, 7, 4 << 20), (fiveWay, .max, 100)] {
            let expected = Self.reference(items, plan: plan, seed: seed, strata: labels.count + 1)
            let split = try Self.split(items, plan: plan, seed: seed, strata: labels.count + 1, runBytes: runBytes)
            #expect(try split.splitOfItem == expected.splits, "plan \(plan.description) seed \(seed)")
            #expect(split.groupsPerSplit == expected.groups)
        }
    }

    /// A chain: item i shares its group with one neighbour and its text with the other, so groups that
    /// share no key are joined through duplicates into one component of 300 items; plus items with no
    /// group, some with empty content hashes, and a group of 50 items with distinct texts.
    @Test func groupsJoinedThroughDuplicatesStayTogether() throws {
        var items: [Item] = []
        for i in 0..<300 { items.append(Item(id: "chain-\(i)", group: "g\(i / 2)", hash: "h\((i + 1) / 2)", stratum: i % 3)) }
        for i in 0..<50 { items.append(Item(id: "big-\(i)", group: "big", hash: "big-\(i)", stratum: i % 2)) }
        for i in 0..<200 { items.append(Item(id: "single-\(i)", group: i % 4 == 0 ? "" : nil, hash: i % 5 == 0 ? "" : "s\(i)", stratum: i % 4)) }
        for (seed, runBytes): (UInt64, Int) in [(1, 4 << 20), (99, 64)] {
            let split = try Self.split(items, plan: .standard, seed: seed, strata: 4, runBytes: runBytes)
            let expected = Self.reference(items, plan: .standard, seed: seed, strata: 4)
            #expect(try split.splitOfItem == expected.splits)
            #expect(Set(try split.splitOfItem[0..<300]).count == 1, "the chain is split")
            #expect(Set(try split.splitOfItem[300..<350]).count == 1, "the big group is split")
            let components = split.groupsPerSplit.reduce(0, +)
            #expect(components == 202, "the chain, the big group and 200 single items")
        }
    }

    /// 30,000 items, in memory and through temporary files (runs of 32 records, merged in three rounds):
    /// sparse groups of about four, texts repeated across groups, items without either.
    @Test(arguments: [DatasetSplit.Candidates.defaultRunBytes, 1_024])
    func manyItemsArePlacedAsTheRuleSays(runBytes: Int) throws {
        let items = (0..<30_000).map { i in
            Item(id: "item-\(i)", group: i % 3 == 0 ? "g\(i % 2_500)" : nil, hash: i % 11 == 0 ? "" : "h\(i % 26_000)",
                 stratum: (i * 7) % 5)
        }
        let expected = Self.reference(items, plan: .standard, seed: 2026, strata: 5)
        let split = try Self.split(items, plan: .standard, seed: 2026, strata: 5, runBytes: runBytes)
        #expect(try split.splitOfItem == expected.splits)
        #expect(split.groupsPerSplit == expected.groups)
    }
}

extension DatasetSplitReferenceTests {
    /// Components with more distinct labels than a component record holds inline (four): groups of 12 items
    /// over 6 labels, beside single items, so that the weights come from the overflow file.
    @Test(arguments: [DatasetSplit.Candidates.defaultRunBytes, 200])
    func componentsWithManyLabelsAreWeightedByAllOfThem(runBytes: Int) throws {
        var items: [Item] = []
        for i in 0..<600 { items.append(Item(id: "many-\(i)", group: "g\(i / 12)", hash: "m\(i)", stratum: (i * 5) % 6)) }
        for i in 0..<900 { items.append(Item(id: "one-\(i)", group: nil, hash: "o\(i)", stratum: i % 6)) }
        let expected = Self.reference(items, plan: .standard, seed: 5, strata: 6)
        let split = try Self.split(items, plan: .standard, seed: 5, strata: 6, runBytes: runBytes)
        #expect(try split.splitOfItem == expected.splits)
        #expect(split.groupsPerSplit == expected.groups)
        #expect(split.groupsPerSplit.reduce(0, +) == 950)
    }
}
