import DocketCore

/// The decisions in force of the item a review-log reader stands on, held until the item's last one is read and
/// then added to the ``ReviewLog`` in decision order. Readers walk the heads in (item, reviewer) order, which
/// fixes the order reviewer and label codes are handed out in, and both backends' readers share this one step so
/// that their logs, and the agreement reports built from them, are the same.
struct PendingHeads {
    private struct Head {
        var id: Int64
        var reviewer: Int32
        var kind: DecisionKind
        var label: Int32
        var seconds: Double?
        var tags: Int32
    }

    private var heads: [Head] = []
    private var tags: [[String]] = []

    /// Holds one decision in force: its id, reviewer and label codes (label nil when it has none), tags (most
    /// have none) and seconds (nil when not recorded).
    mutating func append(id: Int64, reviewer: Int32, kind: DecisionKind, label: Int32?, seconds: Double?, tags list: [String]) {
        var tagIndex: Int32 = -1
        if !list.isEmpty { tagIndex = Int32(tags.count); tags.append(list) }
        heads.append(Head(id: id, reviewer: reviewer, kind: kind, label: label ?? -1, seconds: seconds, tags: tagIndex))
    }

    /// Adds the held decisions of item `item` (a log code) to `log` in decision order and forgets them.
    mutating func flush(into log: inout ReviewLog, item: Int32, gold: String?) {
        if heads.count > 1 { heads.sort { $0.id < $1.id } }
        for d in heads {
            log.add(item: item, reviewer: d.reviewer, kind: d.kind, label: d.label < 0 ? nil : d.label,
                    tags: d.tags < 0 ? [] : tags[Int(d.tags)], seconds: d.seconds, gold: gold, decisionID: d.id)
        }
        heads.removeAll(keepingCapacity: true)
        tags.removeAll(keepingCapacity: true)
    }
}
