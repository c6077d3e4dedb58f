/// How many decisions were made with the model's suggestion shown (queues with `suggestion:`), and how many of
/// those kept the suggested label: the agreement report says it, since a suggestion anchors reviewers.
public struct SuggestionCount: Equatable, Sendable {
    /// Label decisions in force.
    public var decisions: Int
    /// Those made with a suggestion on screen (origin ``ModelSuggestion/origin``).
    public var shown: Int
    /// Those whose label is the one suggested.
    public var accepted: Int

    /// Counts of `decisions`, `shown` and `accepted`.
    public init(decisions: Int, shown: Int, accepted: Int) {
        self.decisions = decisions
        self.shown = shown
        self.accepted = accepted
    }

    /// The report's sentence: `Model suggestion shown for 40 of 120 decisions; 35 kept the suggested label.`
    public var sentence: String {
        "Model suggestion shown for \(shown) of \(decisions) decisions; \(accepted) kept the suggested label "
            + "(their origin is '\(ModelSuggestion.origin)' in the history and exports)."
    }
}
