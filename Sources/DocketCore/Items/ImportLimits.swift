/// The most of each list one import record (or one queue file) may hold, enforced with a clear
/// rejection naming the field (Docs/import-format.md, "Limits"). Real records hold a handful of each;
/// the limits keep one hostile record from tying up an import, and every step stays O(n log n) below them.
public enum ImportLimits {
    /// Model scores per record.
    public static let scores = 10_000
    /// Model explanations per record.
    public static let explanations = 1_000
    /// Highlighted spans per explanation.
    public static let spans = 10_000
    /// Conversation turns per record.
    public static let turns = 10_000
    /// Decisions made elsewhere per record, and tags per decision.
    public static let decisions = 1_000
    /// Labels (and tags, severities) per queue, and tags per imported decision.
    public static let labels = 1_000
    /// The largest `reports` count: a whole number, a trillion at most.
    public static let reports = 1_000_000_000_000
    /// The longest time a decision may say was spent on an item: one day, in seconds.
    public static let decisionSeconds = 86_400.0
}
