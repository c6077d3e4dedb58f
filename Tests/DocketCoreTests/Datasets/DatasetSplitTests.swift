import DocketCore
import DocketIO
import Testing

@Suite struct DatasetSplitTests {
    /// Candidates from the real ConvAbuse slice; `singletons` gives every item its own group and hash.
    static func candidates(_ records: [ImportRecord], labels: [String], singletons: Bool = false) throws -> DatasetSplit.Candidates {
        var candidates = try DatasetSplit.Candidates(spill: SpillFolder())
        for record in records {
            let stratum = ExportFixture.majority(record, labels: labels) ?? labels.count
            if singletons {
                try candidates.append(id: record.id, group: "g" + record.id, contentHash: "h" + record.id, stratum: stratum)
            } else {
                let hash = SHA256.hex(record.text.lowercased())
                try candidates.append(id: record.id, group: record.group, contentHash: hash, stratum: stratum)
            }
        }
        return candidates
    }

    @Test func noGroupOrDuplicateTextSpansTwoSplits() throws {
        let queue = try ExportFixture.queue()
        let records = try ExportFixture.records()
        let labels = queue.labels.map(\.id)
        let split = try DatasetSplit(Self.candidates(records, labels: labels), plan: .standard, seed: 7, strata: labels.count + 1)
        var splitOfGroup: [String: UInt8] = [:]
        var splitOfText: [String: UInt8] = [:]
        for (record, assigned) in zip(records, try split.splitOfItem) {
            if let group = record.group {
                #expect(splitOfGroup[group, default: assigned] == assigned, "group \(group) is in two splits")
                splitOfGroup[group] = assigned
            }
            let text = record.text.lowercased()
            #expect(splitOfText[text, default: assigned] == assigned, "text '\(text)' is in two splits")
            splitOfText[text] = assigned
        }
        // Every split gets items, and the shares are near the plan despite a 30-item component ("yes").
        let assigned = try split.splitOfItem
        let sizes = (0..<3).map { s in assigned.filter { $0 == UInt8(s) }.count }
        #expect(sizes.allSatisfy { $0 > 0 })
        #expect(abs(Double(sizes[0]) / Double(records.count) - 0.8) < 0.1)
    }

    @Test func aFewSingleItemsAreNotReportedAsGroupsTooLarge() throws {
        // Three items in 80/10/10: the smallest split's share is 0.3 items, less than any item, but no item shares
        // a group or a text, so nothing had to stay together (the demo's image export warned "1 items must stay together").
        let records = Array(try ExportFixture.records().prefix(3))
        let labels = try ExportFixture.queue().labels.map(\.id)
        let split = try DatasetSplit(Self.candidates(records, labels: labels, singletons: true), plan: .standard, seed: 7, strata: labels.count + 1)
        #expect(split.oversizedComponents.isEmpty, "\(split.oversizedComponents)")
        // Two of them in one group: that pair must stay together and is larger than 0.3 items.
        var paired = try DatasetSplit.Candidates(spill: SpillFolder())
        for (index, record) in records.enumerated() {
            try paired.append(id: record.id, group: index < 2 ? "pair" : "g" + record.id, contentHash: "h" + record.id, stratum: 0)
        }
        let pairedSplit = try DatasetSplit(paired, plan: .standard, seed: 7, strata: labels.count + 1)
        #expect(pairedSplit.oversizedComponents.map(\.size) == [2])
    }

    @Test func stratifiesWithinOneItemPerLabelWhenGroupsAreSingle() throws {
        let queue = try ExportFixture.queue()
        let records = try ExportFixture.records()
        let labels = queue.labels.map(\.id)
        for seed: UInt64 in [0, 1, 42, 2026] {
            let candidates = try Self.candidates(records, labels: labels, singletons: true)
            let assigned = try DatasetSplit(candidates, plan: .standard, seed: seed, strata: labels.count + 1).splitOfItem
            for stratum in 0...labels.count {
                let total = records.indices.filter { (ExportFixture.majority(records[$0], labels: labels) ?? labels.count) == stratum }
                for (s, share) in SplitPlan.standard.shares.enumerated() {
                    let inSplit = total.filter { assigned[$0] == UInt8(s) }.count
                    let target = share.fraction * Double(total.count)
                    #expect(abs(Double(inSplit) - target) < 1, "stratum \(stratum) split \(share.name): \(inSplit) vs \(target)")
                }
            }
        }
    }

    @Test func sameItemsGiveSameAssignmentWhateverTheirOrder() throws {
        let queue = try ExportFixture.queue()
        let records = try ExportFixture.records()
        let labels = queue.labels.map(\.id)
        let first = try DatasetSplit(Self.candidates(records, labels: labels), plan: .standard, seed: 11, strata: labels.count + 1)
        let again = try DatasetSplit(Self.candidates(records, labels: labels), plan: .standard, seed: 11, strata: labels.count + 1)
        #expect(try first.splitOfItem == again.splitOfItem)

        let reversed = Array(records.reversed())
        let other = try DatasetSplit(Self.candidates(reversed, labels: labels), plan: .standard, seed: 11, strata: labels.count + 1)
        var byID: [String: UInt8] = [:]
        for (record, s) in zip(reversed, try other.splitOfItem) { byID[record.id] = s }
        #expect(zip(records, try first.splitOfItem).allSatisfy { byID[$0.id] == $1 })

        let reseeded = try DatasetSplit(Self.candidates(records, labels: labels), plan: .standard, seed: 12, strata: labels.count + 1)
        #expect(try reseeded.splitOfItem != first.splitOfItem, "the seed must change the assignment")
    }
}
