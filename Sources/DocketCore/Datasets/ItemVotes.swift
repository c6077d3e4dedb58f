/// The decisions in force on one item, reduced to what choosing its gold label needs: votes per
/// label, a lead's adjudication, whether someone escalated it, its known answer, and when it was decided.
public struct ItemVotes: Sendable {
    /// Label decisions per label index (the queue's label order).
    public var counts: [Int]
    /// The label index a lead adjudicated, if any (the latest adjudication wins).
    public var adjudicated: Int?
    /// Whether a reviewer's decision in force is an escalation to a lead.
    public var escalated = false
    /// The item's known answer (gold items), as a label index.
    public var knownAnswer: Int?
    /// Seconds since 1970 of the latest decision in force; nil when none.
    public var lastDecidedAt: Double?
    /// Label decisions whose label the queue no longer has (counted so that nothing vanishes silently).
    public var unknownLabels = 0
    private var adjudicatedAt = -Double.infinity

    public init(labels: Int) {
        counts = Array(repeating: 0, count: labels)
    }

    /// Clears the votes for the next item, keeping the storage.
    public mutating func reset() {
        for i in counts.indices { counts[i] = 0 }
        adjudicated = nil
        escalated = false
        knownAnswer = nil
        lastDecidedAt = nil
        unknownLabels = 0
        adjudicatedAt = -.infinity
    }

    /// Adds one decision in force; `label` is its label index (nil when it has none or the queue lacks it).
    public mutating func add(kind: DecisionKind, label: Int?, hasLabel: Bool, decidedAt: Double) {
        lastDecidedAt = max(lastDecidedAt ?? decidedAt, decidedAt)
        switch kind {
        case .label:
            if let label { counts[label] += 1 } else if hasLabel { unknownLabels += 1 }
        case .adjudication:
            if let label, decidedAt >= adjudicatedAt {
                adjudicated = label
                adjudicatedAt = decidedAt
            }
        case .escalate: escalated = true
        case .skip, .undo: break
        }
    }

    /// Reviewers whose label decision is in force (one in force per reviewer and item).
    public var reviewers: Int { counts.reduce(0, +) }

    /// The share of votes per label (all zero without votes).
    public var softLabel: [Double] {
        let total = reviewers
        guard total > 0 else { return counts.map { _ in 0 } }
        return counts.map { Double($0) / Double(total) }
    }

    /// The share of reviewers who chose the most common label (0 without votes).
    public var agreement: Double {
        let total = reviewers
        guard total > 0 else { return 0 }
        return Double(counts.max() ?? 0) / Double(total)
    }
}
