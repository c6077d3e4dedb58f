/// Which items an export keeps and the gold label each gets: adjudication first, then the known
/// answer, then the aggregate of the reviewers' votes; ties, escalations and items outside the filters
/// are left out (ties and escalations only unless asked for), each with a reason the manifest counts.
public struct ExportFilter: Sendable {
    /// Keep only items with at least this many reviewers' labels.
    public var minReviewers = 1
    /// Keep only items whose agreement (share choosing the most common label) is at least this.
    public var minAgreement = 0.0
    /// Keep only items whose latest decision is at or after / before this time (seconds since 1970).
    public var since: Double?
    public var until: Double?
    /// Keep only items whose gold label is one of these label indexes (nil: all).
    public var labels: Set<Int>?
    /// Keep only items with a known answer.
    public var goldOnly = false
    /// Keep tied items (with no label) instead of leaving them out.
    public var includeTies = false
    /// Keep escalated items (labelled by their votes when they have a majority).
    public var includeEscalated = false
    /// The label source written for aggregated labels (`majority`, `dawid_skene`).
    public var aggregateName = "majority"

    public init() {}

    /// What the export does with one item.
    public enum Verdict: Equatable, Sendable {
        /// Export it with this label index (nil for a tie kept on request) and label source.
        case keep(label: Int?, source: String)
        /// Leave it out; the reason is the manifest's key (`tie`, `escalated`, ...).
        case leaveOut(String)
    }

    /// The verdict for `votes`; `aggregate` gives the votes' label (nil for a tie), e.g. a majority vote.
    public func verdict(_ votes: ItemVotes, aggregate: ([Int]) -> Int?) -> Verdict {
        if goldOnly && votes.knownAnswer == nil { return .leaveOut("not_gold") }
        if let since, (votes.lastDecidedAt ?? -.infinity) < since { return .leaveOut("date_range") }
        if let until, (votes.lastDecidedAt ?? .infinity) >= until { return .leaveOut("date_range") }
        let label: Int?
        let source: String
        if let adjudicated = votes.adjudicated {
            (label, source) = (adjudicated, "adjudicated")
        } else if let known = votes.knownAnswer {
            (label, source) = (known, "known_answer")
        } else {
            if votes.escalated && !includeEscalated { return .leaveOut("escalated") }
            if votes.reviewers == 0 { return .leaveOut("unlabelled") }
            if let winner = aggregate(votes.counts) {
                (label, source) = (winner, votes.escalated ? "escalated" : aggregateName)
            } else {
                guard includeTies else { return .leaveOut("tie") }
                (label, source) = (nil, "tie")
            }
        }
        // Reviewer and agreement thresholds apply to crowd labels; a lead's word or a known answer stands alone.
        if source != "adjudicated" && source != "known_answer" {
            if votes.reviewers < minReviewers { return .leaveOut("min_reviewers") }
            if votes.agreement < minAgreement { return .leaveOut("min_agreement") }
        }
        if let labels, let label, !labels.contains(label) { return .leaveOut("label_filter") }
        if labels != nil && label == nil { return .leaveOut("label_filter") }
        return .keep(label: label, source: source)
    }
}
