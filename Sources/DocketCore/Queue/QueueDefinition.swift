/// A review queue as defined in a `Queues/*.yml` file: what reviewers decide (the taxonomy),
/// in which order items come (the priority policy), and how the queue protects data and people.
public struct QueueDefinition: Equatable, Sendable {
    /// Stable identifier used on the command line and in the database (`hate-harassment`).
    public var id: String
    public var title: String
    /// Markdown shown to reviewers (`g` in the review screen) and used as the system message in chat exports.
    public var guidelines: String
    /// The single-choice labels; exactly one is chosen per decision.
    public var labels: [LabelOption]
    /// Optional multi-select tags (any number per decision).
    public var tags: [LabelOption]
    /// Optional ordinal severity scale, lowest first.
    public var severity: [LabelOption]
    /// Labels after which a severity must be chosen (empty: severity is optional for every label).
    public var severityRequiredFor: Set<String>
    /// How many distinct reviewers must decide each item (1 or 2-5 for agreement).
    public var overlap: Int
    /// Share of known-answer items mixed into each reviewer's stream (0...0.5).
    public var goldRate: Double
    /// How long a claim is held before the item goes back to the queue.
    public var leaseSeconds: Int
    public var priority: PriorityPolicy
    public var wellbeing: Wellbeing
    /// Metadata fields that hold personal data: dropped or hashed on export.
    public var personalData: [String]
    public var personalDataAction: PersonalDataAction
    /// Reviewers allowed to review this queue; empty means every registered reviewer.
    public var reviewers: [String]
    /// Per-queue overrides of the role an action needs (`permissions: {export: lead}`).
    public var permissions: [Action: Role] = [:]
    /// Hours within which an item should have its final decision (`target_hours`; nil: no target).
    public var targetHours: Double?
    /// What records a decision in the review screen: the label key itself (tags and severity chosen first),
    /// or Enter after the label (`confirm: enter`, for queues where reviewers want a last look).
    public var confirmation: Confirmation = .labelKey
    /// Whose scores suggest a label on the review screen: nil for no suggestion (the default), "" for any model,
    /// else a model's name (`suggestion: true` or `suggestion: {model: NAME}`; see ``ModelSuggestion``).
    public var suggestionModel: String?

    public init(id: String, title: String, guidelines: String = "", labels: [LabelOption],
                tags: [LabelOption] = [], severity: [LabelOption] = [], severityRequiredFor: Set<String> = [],
                overlap: Int = 1, goldRate: Double = 0, leaseSeconds: Int = 900,
                priority: PriorityPolicy = .default, wellbeing: Wellbeing = Wellbeing(),
                personalData: [String] = [], personalDataAction: PersonalDataAction = .drop,
                reviewers: [String] = []) {
        self.id = id
        self.title = title
        self.guidelines = guidelines
        self.labels = labels
        self.tags = tags
        self.severity = severity
        self.severityRequiredFor = severityRequiredFor
        self.overlap = overlap
        self.goldRate = goldRate
        self.leaseSeconds = leaseSeconds
        self.priority = priority
        self.wellbeing = wellbeing
        self.personalData = personalData
        self.personalDataAction = personalDataAction
        self.reviewers = reviewers
    }

    /// The label with identifier `id`, if the queue has it.
    public func label(_ id: String) -> LabelOption? { labels.first { $0.id == id } }
    public func tag(_ id: String) -> LabelOption? { tags.first { $0.id == id } }
    public func severityLevel(_ id: String) -> LabelOption? { severity.first { $0.id == id } }

    /// The position of a severity level on the ordinal scale (0 = lowest).
    public func severityRank(_ id: String) -> Int? { severity.firstIndex { $0.id == id } }

    /// Checks a decision's choices against the taxonomy; the error says which choice is wrong and what is allowed.
    public func validate(label: String, tags chosenTags: [String], severity chosenSeverity: String?) throws(DocketError) {
        guard self.label(label) != nil else {
            let allowed = labels.map(\.id).joined(separator: ", ")
            throw .refused("queue '\(id)' has no label '\(label)' (its labels: \(allowed))")
        }
        for tag in chosenTags where self.tag(tag) == nil {
            let allowed = tags.isEmpty ? "none" : tags.map(\.id).joined(separator: ", ")
            throw .refused("queue '\(id)' has no tag '\(tag)' (its tags: \(allowed))")
        }
        if let chosenSeverity, severityLevel(chosenSeverity) == nil {
            let allowed = severity.isEmpty ? "none" : severity.map(\.id).joined(separator: ", ")
            throw .refused("queue '\(id)' has no severity '\(chosenSeverity)' (its levels: \(allowed))")
        }
        if chosenSeverity == nil, severityRequiredFor.contains(label) {
            throw .refused("label '\(label)' in queue '\(id)' needs a severity (one of: \(severity.map(\.id).joined(separator: ", ")))")
        }
    }
}

/// One choice of a taxonomy: a label, a tag or a severity level.
public struct LabelOption: Equatable, Sendable {
    public var id: String
    /// The key that chooses it in the review screen (one character).
    public var key: String
    public var description: String

    public init(id: String, key: String, description: String = "") {
        self.id = id
        self.key = key
        self.description = description
    }
}

/// Settings that protect reviewers from harm while they work through distressing content.
public struct Wellbeing: Equatable, Sendable {
    /// Content is hidden until the reviewer presses the reveal key.
    public var maskUntilReveal: Bool
    public var revealKey: String
    /// Terms shown masked (`█████`) inside the content even after reveal (case-insensitive).
    public var maskedTerms: [String]
    /// Minutes of continuous reviewing after which a break is suggested; nil for never.
    public var breakReminderMinutes: Int?
    /// Images start pixelated to at most this many blocks across (0: not pixelated) until the reviewer reveals them.
    public var imageMaskBlocks: Int = 12
    /// Images start in greyscale until the reviewer reveals them.
    public var imageMaskGreyscale: Bool = true

    public init(maskUntilReveal: Bool = false, revealKey: String = "r", maskedTerms: [String] = [],
                breakReminderMinutes: Int? = nil) {
        self.maskUntilReveal = maskUntilReveal
        self.revealKey = revealKey
        self.maskedTerms = maskedTerms
        self.breakReminderMinutes = breakReminderMinutes
    }

    /// Whether images are drawn masked (pixelated or greyscale) until revealed.
    public var masksImages: Bool { imageMaskBlocks > 0 || imageMaskGreyscale }
}

/// What export does with metadata fields named as personal data.
public enum PersonalDataAction: String, Equatable, Sendable, CaseIterable {
    case drop
    case hash
}
