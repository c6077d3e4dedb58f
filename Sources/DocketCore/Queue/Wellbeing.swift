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
