/// Majority vote with an explicit tie: the label with the most votes, or a tie between the labels that share
/// the top count. A tie is never resolved silently; it goes to adjudication.
public enum MajorityVote {
    /// The outcome of a vote over one item.
    public enum Outcome: Equatable, Sendable {
        /// One label has more votes than every other (index into the label list).
        case label(Int)
        /// Two or more labels share the top count (their indices, in label order).
        case tie([Int])
        /// No votes.
        case none
    }

    /// The outcome for vote counts per label.
    public static func outcome(counts: [Int]) -> Outcome {
        // The usual single winner without building a list of winners (this runs once per item of a queue).
        var top = 0, atTop = 0, first = 0
        for (label, count) in counts.enumerated() where count > 0 {
            if count > top { top = count; atTop = 1; first = label } else if count == top { atTop += 1 }
        }
        if atTop == 0 { return .none }
        if atTop == 1 { return .label(first) }
        var best = 0
        var winners: [Int] = []
        for (label, count) in counts.enumerated() where count > 0 {
            if count > best { best = count; winners = [label] } else if count == best { winners.append(label) }
        }
        switch winners.count {
        case 0: return .none
        case 1: return .label(winners[0])
        default: return .tie(winners)
        }
    }

    /// The winning label's index, or nil for a tie or no votes (the form an export's aggregate takes).
    public static func winner(counts: [Int]) -> Int? {
        if case .label(let index) = outcome(counts: counts) { return index }
        return nil
    }

    /// The outcome for every item of a table.
    public static func outcomes(_ table: RatingsTable) -> [Outcome] {
        var counts = [Int](repeating: 0, count: table.labels.count)
        return (0 ..< table.items.count).map { item in
            for index in counts.indices { counts[index] = 0 }
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] { counts[Int(table.labelCodes[slot])] += 1 }
            return outcome(counts: counts)
        }
    }
}
