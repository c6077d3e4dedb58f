import Foundation
import DocketCore

/// Which audit entries to read.
public struct AuditFilter: Sendable {
    public var since: Double?
    public var until: Double?
    public var actor: String?
    /// An exact action, or a prefix ending in `.` (`decision.` matches `decision.undo`).
    public var action: String?
    public var queue: String?
    public var limit: Int?

    public init(since: Double? = nil, until: Double? = nil, actor: String? = nil, action: String? = nil,
                queue: String? = nil, limit: Int? = nil) {
        self.since = since
        self.until = until
        self.actor = actor
        self.action = action
        self.queue = queue
        self.limit = limit
    }
}
