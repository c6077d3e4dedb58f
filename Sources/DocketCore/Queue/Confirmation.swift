/// What records a decision in the review screen (the queue file's `confirm:`).
public enum Confirmation: String, CaseIterable, Equatable, Sendable {
    /// The label key decides at once; tags and severity are chosen before it. A label that needs a severity
    /// waits for the severity key, which then decides.
    case labelKey = "label-key"
    /// A label key chooses; Enter records the label with the tags and severity chosen so far.
    case enter
}
