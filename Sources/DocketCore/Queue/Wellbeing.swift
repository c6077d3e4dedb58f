/// Settings that protect reviewers from harm while they work through distressing content.
public struct Wellbeing: Equatable, Sendable {
    /// Content is hidden until the reviewer presses the reveal key.
    public var maskUntilReveal: Bool
    public var revealKey: String
    /// Terms shown masked (`█████`) inside the content even after reveal (case-insensitive).
    public var maskedTerms: [String]
    /// Minutes of continuous reviewing after which a break is suggested; nil for never.
    public var breakReminderMinutes: Int?

    public init(maskUntilReveal: Bool = false, revealKey: String = "r", maskedTerms: [String] = [],
                breakReminderMinutes: Int? = nil) {
        self.maskUntilReveal = maskUntilReveal
        self.revealKey = revealKey
        self.maskedTerms = maskedTerms
        self.breakReminderMinutes = breakReminderMinutes
    }
}
