import DocketCore

/// A registered user.
public struct Reviewer: Equatable, Sendable {
    public var name: String
    public var role: Role
    /// Queues the user is assigned to (empty: none by assignment; queues without assignments are open to all).
    public var queues: [String]
    public var createdAt: Double
}
