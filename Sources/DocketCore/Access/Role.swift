/// What a registered user may do. Roles are ordered: a lead can do what a reviewer can, an admin what a lead can.
public enum Role: String, Comparable, CaseIterable, Sendable {
    case reviewer
    case lead
    case admin

    private var rank: Int {
        switch self {
        case .reviewer: return 0
        case .lead: return 1
        case .admin: return 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// An action that needs a role. See Docs/roles.md for the model and its limits.
public enum Action: String, CaseIterable, Sendable {
    /// Claim and decide items of a queue (the queue's assigned reviewers, leads and admins).
    case review
    /// Act as another reviewer (`--reviewer` naming someone else): automation run by an admin.
    case actForOthers = "act-for-others"
    /// Settle disagreements.
    case adjudicate
    /// Read other reviewers' figures (agreement report) and the audit log.
    case readReports = "read-reports"
    /// Add or change queues.
    case manageQueues = "manage-queues"
    case importItems = "import"
    case exportData = "export"
    /// Add reviewers, change roles and queue assignments.
    case manageReviewers = "manage-reviewers"

    /// The least role that may take this action by default.
    public var minimumRole: Role {
        switch self {
        case .review: return .reviewer
        case .adjudicate, .readReports: return .lead
        case .actForOthers, .manageQueues, .importItems, .exportData, .manageReviewers: return .admin
        }
    }
}
