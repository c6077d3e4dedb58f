import DocketCore
import GRDB

/// The decisions in force on every item of one queue, read for an export in one sequential scan of
/// `decision_heads` and kept compactly (about 20 bytes per item) so that both export passes can look an
/// item's votes up.
///
/// Since schema v5 each head carries its decision's kind, label and time, so `decisions` is not read at all
/// (before, the heads were read into a bit set over decision ids and `decisions` scanned in rowid order
/// beside them: 3 million more rows for 3 million decisions).
final class ExportVoteTable {
    private let labels: Int
    /// Item rowid of slot 0 when slots are dense (item rowid minus this).
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
    /// Adjudications found among the heads, by slot, in the heads' order (heads hold reviewers'
    /// decisions, so this stays empty unless a future kind of head appears).
    private var headAdjudications: [Int: [(label: Int?, at: Double)]] = [:]

    /// Reads the decisions in force of `queue`; `labels` is the queue's label table.
    init(_ db: Database, queue: String, labels: ExportLabelTable) throws {
        self.labels = labels.count
        // Dense slots over the heads' item range (its ends are the first and last keys: two B-tree
        // descents) unless that range is far larger than the queue (several queues in one file).
        guard let range = try Row.fetchOne(db, sql: "SELECT min(item_id), max(item_id) FROM decision_heads"),
              let lowest = range[0] as Int64?, let highest = range[1] as Int64? else { return }
        let queueItems = try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE queue_id = ?", arguments: [queue]) ?? 0
        let dense = highest - lowest < Int64(2 * queueItems + 4096)
        if dense {
            firstItem = lowest
            slots = Int(highest - lowest) + 1
            counts = [UInt32](repeating: 0, count: slots * labels.count)
            lastDecidedAt = [Double](repeating: -.infinity, count: slots)
            escalated = [Bool](repeating: false, count: slots)
        } else {
            sparseItems = []
        }

        var heads = try ExportCursor(db, sql: """
            SELECT item_id, kind, label, decided_at FROM decision_heads WHERE +queue_id = ? ORDER BY item_id
            """, arguments: [queue])
        var slot = -1
        var lastItem = Int64.min
        while try heads.step() {
            let item = heads.int64(0)
            if item != lastItem {
                lastItem = item
                if dense {
                    slot = Int(item - lowest)
                } else {
                    sparseItems!.append(item)
                    counts.append(contentsOf: repeatElement(0, count: labels.count))
                    lastDecidedAt.append(-.infinity)
                    escalated.append(false)
                    slot = sparseItems!.count - 1
                    slots = sparseItems!.count
                }
            }
            let decidedAt = heads.double(3)
            lastDecidedAt[slot] = max(lastDecidedAt[slot], decidedAt)
            let hasLabel = !heads.isNull(2)
            let label = hasLabel ? labels.index(heads.bytes(2)) : nil
            switch ExportLabelTable.kind(heads.firstByte(1)) {
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
