/// One record of a whole database in backend-neutral form, as ``ReviewStore/dump(_:)`` streams it and
/// ``ReviewStore/load(_:)`` writes it (`docket copy`). Items are named by queue and external id, never by a
/// backend's row id; decision and audit ids are Docket's own and are kept, so supersedes links, adjudications,
/// export manifests and audit details stay true in the copy.
///
/// A dump comes in this order, which a loader may rely on: info, reviewers, queues, assignments, items (in the
/// source's item order), decisions (by id, each decision in force followed at once by its head), leases, audit
/// entries (by id). A loader computes what is its own (row ids, the audit log's hash chain) as it writes.
public enum StoreRecord: Equatable, Sendable {
    /// A database-wide setting, such as the random `database_id` export manifests name.
    case info(key: String, value: String)
    /// A registered user.
    case reviewer(name: String, role: String, createdAt: Double)
    /// A queue as added: its file's YAML and the columns read from it.
    case queue(Queue)
    /// A user assigned to a queue.
    case assignment(queue: String, reviewer: String)
    /// An item with everything stored about it.
    case item(StoredItem)
    /// One row of the append-only decision history (superseded and undo rows included).
    case decision(StoredDecision)
    /// A reviewer's decision in force on an item.
    case head(queue: String, externalID: String, reviewer: String, decisionID: Int64)
    /// A claim on an item.
    case lease(queue: String, externalID: String, reviewer: String, claimedAt: Double, expiresAt: Double)
    /// One line of the audit log; `externalID` (with `itemQueue`) names the item the entry is about.
    case audit(id: Int64, at: Double, actor: String, action: String, queue: String?, itemQueue: String?,
               externalID: String?, detail: String)

    /// The kinds of record, in dump order, as `docket copy` names them in what it prints.
    public static let kinds = ["info", "reviewers", "queues", "assignments", "items", "decisions", "heads", "leases", "audit"]

    /// Which of ``kinds`` this record is.
    public var kind: String {
        switch self {
        case .info: return "info"
        case .reviewer: return "reviewers"
        case .queue: return "queues"
        case .assignment: return "assignments"
        case .item: return "items"
        case .decision: return "decisions"
        case .head: return "heads"
        case .lease: return "leases"
        case .audit: return "audit"
        }
    }

    /// What the record is about, for messages: "item 'a1' of queue 'q'", "decision #12", "reviewer 'ann'".
    public var subject: String {
        switch self {
        case .info(let key, _): return "setting '\(key)'"
        case .reviewer(let name, _, _): return "reviewer '\(name)'"
        case .queue(let queue): return "queue '\(queue.id)'"
        case .assignment(let queue, let reviewer): return "the assignment of '\(reviewer)' to queue '\(queue)'"
        case .item(let item): return "item '\(item.externalID)' of queue '\(item.queue)'"
        case .decision(let decision): return "decision #\(decision.id)"
        case .head(let queue, let externalID, let reviewer, _): return "the decision in force of '\(reviewer)' on item '\(externalID)' of queue '\(queue)'"
        case .lease(let queue, let externalID, let reviewer, _, _): return "the lease of '\(reviewer)' on item '\(externalID)' of queue '\(queue)'"
        case .audit(let id, _, _, _, _, _, _, _): return "audit entry #\(id)"
        }
    }

    /// A queue's stored columns.
    public struct Queue: Equatable, Sendable {
        public var id: String
        public var title: String
        /// The queue file's YAML, as added.
        public var yaml: String
        public var overlap: Int
        public var goldRate: Double
        public var leaseSeconds: Int
        public var updatedAt: Double

        public init(id: String, title: String, yaml: String, overlap: Int, goldRate: Double, leaseSeconds: Int, updatedAt: Double) {
            self.id = id
            self.title = title
            self.yaml = yaml
            self.overlap = overlap
            self.goldRate = goldRate
            self.leaseSeconds = leaseSeconds
            self.updatedAt = updatedAt
        }
    }
}
