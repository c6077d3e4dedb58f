/// A classifier's score for one category of one item.
public struct ModelScore: Equatable, Sendable {
    /// Model name, optionally with its version after `@` (`tfidf-logreg@v1`) or as its own name.
    public var model: String
    public var category: String
    /// Probability-like score in [0, 1].
    public var score: Double
    /// The model's decision threshold for this category, when known.
    public var threshold: Double?

    public init(model: String, category: String, score: Double, threshold: Double? = nil) {
        self.model = model
        self.category = category
        self.score = score
        self.threshold = threshold
    }

    /// Whether the model flags the item for this category (`score >= threshold`).
    public var isAboveThreshold: Bool {
        guard let threshold else { return false }
        return score >= threshold
    }
}
