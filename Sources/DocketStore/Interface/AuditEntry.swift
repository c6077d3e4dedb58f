import Foundation
import DocketCore

/// One line of the append-only audit log.
public struct AuditEntry: Equatable, Sendable {
    public var id: Int64
    /// Seconds since 1970.
    public var at: Double
    public var actor: String
    /// `decision`, `decision.undo`, `decision.correct`, `adjudicate`, `import`, `export`, `queue.add`,
    /// `queue.update`, `reviewer.add`, `reviewer.role`, `reviewer.assign`, `reviewer.unassign`.
    public var action: String
    public var queue: String?
    /// The item's external id when the entry is about one item.
    public var item: String?
    /// What was done, as a JSON object.
    public var detail: JSONValue
}
