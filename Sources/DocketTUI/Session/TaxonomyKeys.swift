import DocketCore

/// The queue's own keys (labels, tags, severity levels) as both screens apply them to a choice. They come
/// before the screen's keys: a queue that gives `m` to a label takes it from the screen's `m`.
public enum TaxonomyKeys {
    /// What a key did.
    public enum Outcome: Equatable, Sendable {
        /// Not a key of the queue.
        case none
        /// A label chosen; `decides` when it records the decision at once.
        case label(String, decides: Bool)
        /// A label chosen that waits for a severity.
        case awaitsSeverity(String)
        /// A tag or severity toggled; `decides` when it completes a label that waited for it.
        case toggled(decides: Bool)
    }

    /// Applies `key` to `choice` in `queue`. With `labelKeyDecides`, a label key records the decision (with the
    /// tags and severity chosen before it) unless the label needs a severity, whose key then decides.
    public static func apply(_ key: String, queue: QueueDefinition, choice: inout ReviewState.Choice, labelKeyDecides: Bool) -> Outcome {
        if let label = queue.labels.first(where: { $0.key == key }) {
            choice.label = label.id
            if labelKeyDecides, choice.severity == nil, queue.severityRequiredFor.contains(label.id) { return .awaitsSeverity(label.id) }
            return .label(label.id, decides: labelKeyDecides)
        }
        if let tag = queue.tags.first(where: { $0.key == key }) {
            if choice.tags.remove(tag.id) == nil { choice.tags.insert(tag.id) }
            return .toggled(decides: false)
        }
        if let level = queue.severity.first(where: { $0.key == key }) {
            let waiting = labelKeyDecides && choice.severity == nil && choice.label.map(queue.severityRequiredFor.contains) == true
            choice.severity = choice.severity == level.id ? nil : level.id
            return .toggled(decides: waiting)
        }
        return .none
    }
}
