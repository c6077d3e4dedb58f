/// The order in which a queue hands out items: an ordered list of rules (the first rule decides,
/// later ones break ties) or a weighted sum of the same terms.
///
/// Every term depends only on the item (its scores, reports and age), so the store computes an
/// item's ``sortKey(_:)`` when the item or its scores change and claims by one index lookup.
public struct PriorityPolicy: Equatable, Sendable {
    public enum Mode: String, Equatable, Sendable {
        /// Rules compared in order: lexicographic.
        case ordered
        /// One number: the sum of each term times its weight.
        case weighted
    }

    public enum Term: Equatable, Sendable {
        /// The highest score in `category` (from `model`, or any model) first.
        case score(category: String, model: String?)
        /// Scores nearest the model's threshold first (the model is least sure).
        case uncertainty(category: String, model: String?)
        /// Most user reports first.
        case reports
        /// Oldest content first (by `created_at`, else import time).
        case oldest
        /// Newest content first.
        case newest
    }

    public struct Rule: Equatable, Sendable {
        public var term: Term
        /// Used by the weighted mode only.
        public var weight: Double

        public init(_ term: Term, weight: Double = 1) {
            self.term = term
            self.weight = weight
        }
    }

    public var mode: Mode
    public var rules: [Rule]

    public init(mode: Mode = .ordered, rules: [Rule]) {
        self.mode = mode
        self.rules = rules
    }

    /// Oldest first: the order a queue without a policy has.
    public static let `default` = PriorityPolicy(rules: [Rule(.oldest)])

    /// What the terms are computed from.
    public struct Inputs: Sendable {
        public var scores: [ModelScore]
        public var reports: Int
        /// Seconds since 1970 when the content was created (or imported).
        public var createdAt: Double

        public init(scores: [ModelScore], reports: Int, createdAt: Double) {
            self.scores = scores
            self.reports = reports
            self.createdAt = createdAt
        }
    }

    /// The value of one term, larger meaning "review sooner". Missing scores rank last.
    public func value(of term: Term, _ inputs: Inputs) -> Double {
        switch term {
        case let .score(category, model):
            return Self.largest(inputs.scores, category: category, model: model) { $0.score } ?? -1
        case let .uncertainty(category, model):
            // 1 at the threshold, falling to 0 a full unit away; the default threshold is 0.5.
            return Self.largest(inputs.scores, category: category, model: model) { 1 - abs($0.score - ($0.threshold ?? 0.5)) } ?? -1
        case .reports:
            return Double(inputs.reports)
        case .oldest:
            return -inputs.createdAt
        case .newest:
            return inputs.createdAt
        }
    }

    /// The largest `measure` of the scores in `category` (from `model` when given), nil when there is
    /// none; a loop rather than filter and map, which allocated twice per rule for every imported item.
    private static func largest(_ scores: [ModelScore], category: String, model: String?,
                                _ measure: (ModelScore) -> Double) -> Double? {
        var result: Double?
        for score in scores where score.category == category && (model == nil || score.model == model) {
            let value = measure(score)
            if let best = result, !(best < value) { continue }   // as Sequence.max(): the first of equals
            result = value
        }
        return result
    }

    /// A text that sorts (byte order, descending) in the order items should be handed out.
    public func sortKey(_ inputs: Inputs) -> String {
        switch mode {
        case .weighted:
            let total = rules.reduce(0.0) { $0 + $1.weight * value(of: $1.term, inputs) }
            return Self.sortable([total])
        case .ordered:
            return Self.sortable(rules.map { value(of: $0.term, inputs) })
        }
    }

    /// 16 hex digits per value whose byte order is the numeric order of the values, in one string.
    static func sortable(_ values: [Double]) -> String {
        String(unsafeUninitializedCapacity: 16 * values.count) { buffer in
            var position = 0
            for value in values {
                let bits = value.isNaN ? 0 : value.bitPattern
                // Positive numbers: flip the sign bit; negative numbers: flip every bit.
                let ordered = (bits >> 63) == 0 ? bits | (1 << 63) : ~bits
                for shift in stride(from: 60, through: 0, by: -4) {
                    let nibble = UInt8(truncatingIfNeeded: ordered >> UInt64(shift)) & 0xF
                    buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
                    position += 1
                }
            }
            return position
        }
    }
}
