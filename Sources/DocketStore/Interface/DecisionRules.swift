import DocketCore
import Foundation

/// The rules every backend applies to a decision, in one place so that SQLite and PostgreSQL refuse the same
/// decisions with the same words and audit them with the same detail.
enum DecisionRules {
    /// Checks a request against its queue's taxonomy before anything is read: a label decision needs a known
    /// label (and tags and severity), a skip or escalation a reason. Returns the label to store (nil unless a label).
    static func validate(_ request: DecisionRequest, queue: QueueDefinition) throws -> String? {
        switch request.kind {
        case .label:
            guard let label = request.label else { throw DocketError.refused("a label decision needs --label") }
            try queue.validate(label: label, tags: request.tags, severity: request.severity)
            return label
        case .skip, .escalate:
            guard let reason = request.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw DocketError.refused("a \(request.kind.rawValue) needs a reason")
            }
            return nil
        case .adjudication, .undo:
            throw DocketError.refused("use adjudicate or undo for a \(request.kind.rawValue)")
        }
    }

    /// Whether the stored state lets `request` through, read under the item's lock: throws the conflict the
    /// user sees (already decided, escalated, never claimed, overlap met, lease lost), each saying what happened.
    /// `ownLease` (the expiry of the reviewer's lease on the item, nil without one) and `otherLiveLeases` are
    /// asked only when they matter. Returns the head the decision supersedes (a correction).
    static func check(_ request: DecisionRequest, queue: QueueDefinition, externalID: String, state: Int, labelCount: Int,
                      isGold: Bool, head: (id: Int64, kind: String)?, now: Double, ownLease: () throws -> Double?,
                      otherLiveLeases: () throws -> Int) throws -> (id: Int64, kind: String)? {
        if let head {
            guard request.correct else {
                throw DocketError.conflict("\(request.reviewer) already decided item '\(externalID)' in queue '\(queue.id)' (decision #\(head.id)); pass --correct to replace it, or undo it")
            }
            return head
        }
        if state == 2 {
            throw DocketError.conflict("item '\(externalID)' was escalated and waits for a lead")
        }
        let lease = try ownLease()
        if lease.map({ $0 > now }) ?? false {
            // A lease live by this decision's clock does not outrank the overlap: by another reviewer's clock (another
            // machine's, or this decision's own after it waited for the item) it may have run out and the item filled.
            if !isGold && (state == 1 || labelCount >= queue.overlap) {
                throw DocketError.conflict("item '\(externalID)' already has its \(queue.overlap) decision(s)")
            }
            return nil
        }
        let others = try otherLiveLeases()
        if request.requiresClaim && lease == nil {
            throw DocketError.conflict("\(request.reviewer) has not claimed item '\(externalID)'\(others > 0 ? ", and another reviewer holds it now" : ""); run 'docket next --queue \(queue.id)' to be handed the next item by the queue's priority; nothing was recorded")
        }
        if !isGold {
            if state == 1 || labelCount >= queue.overlap {
                throw DocketError.conflict("item '\(externalID)' already has its \(queue.overlap) decision(s)")
            }
            if labelCount + others >= queue.overlap {
                throw DocketError.conflict(lease.map { expired in
                    "lease lost: your lease on item '\(externalID)' expired at \(Timestamp.format(expired)) and the item was handed to another reviewer; nothing was recorded"
                } ?? "item '\(externalID)' is held by another reviewer, and you have not claimed it; nothing was recorded")
            }
        }
        return nil
    }

    /// The audit action for a stored decision.
    static func auditAction(_ request: DecisionRequest, superseded: Bool) -> String {
        request.correct && superseded ? "decision.correct" : "decision"
    }

    /// The audit detail of a stored decision.
    static func auditDetail(_ request: DecisionRequest, decisionID: Int64, externalID: String,
                            superseded: (id: Int64, kind: String)?) -> [(String, JSONValue)] {
        var detail: [(String, JSONValue)] = [("decision", .number(String(decisionID))), ("kind", .string(request.kind.rawValue)),
                                             ("external_id", .string(externalID))]
        if let label = request.label, request.kind == .label { detail.append(("label", .string(label))) }
        if let superseded {
            detail.append(("supersedes", .number(String(superseded.id))))
            detail.append(("previous_kind", .string(superseded.kind)))
        }
        return detail
    }
}
