/// How far reviewers agree with themselves: for each item a reviewer rated more than once (ConvAbuse's
/// repeat annotations, kept by the import in the item's `repeat_ratings` metadata), the label in force
/// against each later rating, pooled over reviewers: the share that match and Cohen's kappa.
public struct IntraAnnotatorAgreement: Sendable, Equatable {
    /// (label in force, repeated label) pairs compared.
    public var pairs: Int
    /// Reviewers with at least one repeat.
    public var reviewers: Int
    /// Share of pairs where the repeat matches.
    public var agreement: Double?
    /// Cohen's kappa over the pooled pairs (rows: label in force, columns: repeat).
    public var kappa: Double?

    /// The figures of `pairs` (reviewer, label in force, repeated label) over the queue's `labels` (pairs
    /// with a label not among them are left out).
    public init(pairs list: [(reviewer: String, first: String, repeated: String)], labels: [String]) {
        var matrix = ConfusionMatrix(rowSource: "label in force", columnSource: "repeat", labels: labels)
        let index = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var people = Set<String>()
        for pair in list {
            guard let a = index[pair.first], let b = index[pair.repeated] else { continue }
            matrix[a, b] += 1
            people.insert(pair.reviewer)
        }
        pairs = matrix.items
        reviewers = people.count
        agreement = matrix.observedAgreement
        kappa = CohenKappa.kappa(matrix, weighting: .unweighted)
    }

    /// The metadata field the import keeps repeats in: `[{"reviewer": ..., "label": ...}]`.
    public static let metadataField = "repeat_ratings"

    /// The repeats of one item from its `repeat_ratings` value (JSON text).
    public static func repeats(fromJSON text: String) -> [(reviewer: String, label: String)] {
        guard let list = (try? JSONParser.parse(text))?.arrayValue else { return [] }
        return list.compactMap { entry in
            guard let reviewer = entry["reviewer"]?.stringValue, let label = entry["label"]?.stringValue else { return nil }
            return (reviewer, label)
        }
    }
}
