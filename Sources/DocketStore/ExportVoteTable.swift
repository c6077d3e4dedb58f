import DocketCore
import GRDB

/// The decisions in force on every item of one queue, read for an export in two sequential scans and
/// kept compactly (about 20 bytes per item) so that both export passes can look an item's votes up.
///
/// Why not a join: `decision_heads` names the decisions in force, but their labels and times are in
/// `decisions`, and joining the two costs one B-tree search per decision (about 3 s for 3 million).
/// Instead, the heads of the queue are read once into a bit set over decision ids, then `decisions` is
/// read in rowid order over that id range, keeping the rows whose bit is set.
final class ExportVoteTable {
    private let labels: Int
    /// Item rowid of slot 0 when slots are dense (item rowid minus this); slots cover the queue's items
    /// that have a decision in force.
    private var firstItem: Int64 = 0
    private var slots = 0
    /// The items' rowids in order when they are too sparse for dense slots (queues imported in turns):
    /// the slot is then the index in this list.
    private var sparseItems: [Int64]?
    /// Label decisions per slot and label (`counts[slot * labels + label]`).
    private var counts: [UInt32] = []
    /// Time of the latest decision in force per slot; -infinity when none.
    private var lastDecidedAt: [Double] = []
    private var escalated: [Bool] = []
    /// Label decisions whose label the queue no longer has, by slot (rare).
    private var unknownLabels: [Int: Int] = [:]
    /// Adjudications found among the heads, by slot, in decision order (heads hold reviewers'
    /// decisions, so this stays empty unless a future kind of head appears).
    private var headAdjudications: [Int: [(label: Int?, at: Double)]] = [:]

    /// Reads the decisions in force of `queue`; `labels` is the queue's label table.
    init(_ db: Database, queue: String, labels: ExportLabelTable) throws {
        self.labels = labels.count
        // One bit per decision id (rowids of `decisions`: 3 million decisions need under 400 KB).
        guard let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM decisions"),
              let lowest = range[0] as Int64?, let highest = range[1] as Int64? else { return }
        var inForce = [UInt64](repeating: 0, count: Int((highest - lowest) / 64) + 1)
        var heads = try ExportCursor(db, sql: """
            SELECT item_id, decision_id FROM decision_heads WHERE +queue_id = ? ORDER BY item_id
            """, arguments: [queue])
        var minItem = Int64.max, maxItem = Int64.min
        var items: [Int64] = []
        var firstDecision = Int64.max, lastDecision = Int64.min
        while try heads.step() {
            let item = heads.int64(0), id = heads.int64(1)
            guard id >= lowest && id <= highest else { continue }
            minItem = min(minItem, item)
            maxItem = max(maxItem, item)
            if items.last != item { items.append(item) }
            firstDecision = min(firstDecision, id)
            lastDecision = max(lastDecision, id)
            let offset = Int(id - lowest)
            inForce[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        guard minItem <= maxItem else { return }
        firstItem = minItem
        slots = Int(maxItem - minItem) + 1
        if slots > 2 * items.count + 4096 {
            slots = items.count
            sparseItems = items
        }
        items = []
        counts = [UInt32](repeating: 0, count: slots * labels.count)
        lastDecidedAt = [Double](repeating: -.infinity, count: slots)
        escalated = [Bool](repeating: false, count: slots)

        var decisions = try ExportCursor(db, sql: """
            SELECT id, item_id, kind, label, decided_at FROM decisions WHERE id BETWEEN ? AND ? ORDER BY id
            """, arguments: [firstDecision, lastDecision])
        while try decisions.step() {
            let offset = Int(decisions.int64(0) - lowest)
            guard inForce[offset >> 6] & (1 << UInt64(offset & 63)) != 0 else { continue }
            guard let slot = slot(of: decisions.int64(1)) else { continue }
            let decidedAt = decisions.double(4)
            lastDecidedAt[slot] = max(lastDecidedAt[slot], decidedAt)
            let hasLabel = !decisions.isNull(3)
            let label = hasLabel ? labels.index(decisions.bytes(3)) : nil
            switch ExportLabelTable.kind(decisions.firstByte(2)) {
            case .label:
                if let label { counts[slot * self.labels + label] += 1 } else if hasLabel { unknownLabels[slot, default: 0] += 1 }
            case .escalate: escalated[slot] = true
            case .adjudication: headAdjudications[slot, default: []].append((label, decidedAt))
            case .skip, .undo: break
            }
        }
    }

    /// Adds the decisions in force of item `rowID` to `votes` (which the caller has reset).
    func add(item rowID: Int64, to votes: inout ItemVotes) {
        guard let slot = slot(of: rowID), lastDecidedAt[slot] > -.infinity else { return }
        for label in 0..<labels { votes.counts[label] += Int(counts[slot * labels + label]) }
        if escalated[slot] { votes.escalated = true }
        if let unknown = unknownLabels[slot] { votes.unknownLabels += unknown }
        votes.lastDecidedAt = max(votes.lastDecidedAt ?? lastDecidedAt[slot], lastDecidedAt[slot])
        for adjudication in headAdjudications[slot] ?? [] {
            votes.add(kind: .adjudication, label: adjudication.label, hasLabel: adjudication.label != nil, decidedAt: adjudication.at)
        }
    }
}

extension ExportVoteTable {
    /// The slot of item `rowID`, or nil when it has no decision in force.
    private func slot(of rowID: Int64) -> Int? {
        guard let sparseItems else {
            guard rowID >= firstItem && rowID - firstItem < Int64(slots) else { return nil }
            return Int(rowID - firstItem)
        }
        var low = 0, high = sparseItems.count
        while low < high {
            let middle = (low + high) / 2
            if sparseItems[middle] < rowID { low = middle + 1 } else { high = middle }
        }
        return low < sparseItems.count && sparseItems[low] == rowID ? low : nil
    }
}

/// A queue's label ids as UTF-8 bytes, matched against columns in place (no String per row).
struct ExportLabelTable {
    let names: [[UInt8]]
    init(_ labels: [String]) { names = labels.map { Array($0.utf8) } }

    var count: Int { names.count }

    func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, name) in names.enumerated() where name.count == bytes.count && name.elementsEqual(bytes) { return i }
        return nil
    }

    /// A decision kind from the first byte of its name: the kinds differ in their first letter.
    static func kind(_ firstByte: UInt8) -> DecisionKind {
        switch firstByte {
        case UInt8(ascii: "l"): return .label
        case UInt8(ascii: "e"): return .escalate
        case UInt8(ascii: "a"): return .adjudication
        case UInt8(ascii: "u"): return .undo
        default: return .skip
        }
    }
}
