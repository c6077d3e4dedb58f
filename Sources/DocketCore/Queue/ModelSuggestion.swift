/// The model's suggestion on the review screen: a queue may pre-select the label its model scores highest, so
/// that one key (Enter) accepts it. Off unless the queue file turns it on (`suggestion: true`), because a
/// suggestion anchors reviewers; decisions made with one shown carry the ``origin`` below, so reports can
/// tell them apart.
public enum ModelSuggestion {
    /// The origin of a decision made on the review screen while a suggestion was shown.
    public static let origin = "review+suggestion"

    /// The label `queue` suggests for `item`: the label whose category the queue's suggestion model (or, when it
    /// names none, any model) scores highest, if that score is at or above the model's threshold. Nil when the
    /// queue makes no suggestions or no score qualifies: no suggestion is better than a weak one.
    public static func label(for item: Item, in queue: QueueDefinition) -> String? {
        guard let model = queue.suggestionModel else { return nil }
        let labels = Set(queue.labels.map(\.id))
        let best = item.scores
            .filter { (model.isEmpty || $0.model == model) && labels.contains($0.category) && $0.score.isFinite }
            .max { $0.score < $1.score }
        guard let best, best.threshold.map({ best.score >= $0 }) ?? true else { return nil }
        return best.category
    }
}
