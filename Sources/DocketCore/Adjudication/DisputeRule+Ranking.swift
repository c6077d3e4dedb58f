extension DisputeRule {
    /// One item a store found that may wait for a lead: its label votes and whether someone escalated it.
    public typealias Candidate = (votes: [(label: String, count: Int)], escalated: Bool)

    /// The candidates (by the store's item id) that this rule sends to a lead, most disputed first (``Rank``),
    /// ties in item id order: every backend lists the same items in the same order.
    public func ranked(_ candidates: [Int64: Candidate]) -> [(itemID: Int64, votes: Votes, escalated: Bool)] {
        var ranked: [(itemID: Int64, votes: Votes, escalated: Bool, rank: Rank)] = []
        for (itemID, candidate) in candidates {
            let votes = Votes(candidate.votes)
            if candidate.escalated || isDisputed(votes) {
                ranked.append((itemID, votes, candidate.escalated, Rank(votes, escalated: candidate.escalated)))
            }
        }
        ranked.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.itemID < $1.itemID }
        return ranked.map { ($0.itemID, $0.votes, $0.escalated) }
    }
}
