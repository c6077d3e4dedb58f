/// What a piece of the screen means (not which widget it is), so that a theme can colour it.
/// Theme files name these roles; the raw values are the names used there.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case text
    case dim
    case accent
    /// A key the user can press (`[1]`, `?`).
    case key
    /// A score bar below the model's threshold.
    case scoreLow = "score-low"
    /// A score bar at or above the model's threshold.
    case scoreHigh = "score-high"
    /// The threshold mark on a score bar.
    case threshold
    /// An explanation span in the content.
    case highlight
    case warning
    case error
    /// The header and the title of the focused pane.
    case title
    /// A selected label, tag, severity or queue.
    case selected
    /// Placeholders for hidden characters and masked terms.
    case placeholder
}
