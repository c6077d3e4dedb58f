/// The frame the review and adjudication screens share for a terminal size: the header line on top, the
/// label bar and the status line at the bottom, and the body between them, which each screen's layout
/// divides its own way and overlays (help, guidelines, history) cover. Pure, so tests check it at any size.
public struct ScreenFrame: Equatable, Sendable {
    /// The smallest terminal the screens draw on; below it they say so instead.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// The header line.
    public var header: Rect
    /// Everything between the header and the label bar.
    public var body: Rect
    /// The queue's labels, tags and severity with their keys (one to three rows).
    public var labelBar: Rect
    /// The status line (messages, keys, prompts).
    public var status: Rect

    /// The frame of a `width` x `height` terminal with a label bar of `labelRows` rows (one to three are
    /// shown), or nil below ``minimumWidth`` x ``minimumHeight``.
    public static func compute(width: Int, height: Int, labelRows: Int) -> ScreenFrame? {
        guard width >= minimumWidth, height >= minimumHeight else { return nil }
        let bar = max(1, min(3, labelRows))
        let labelBar = Rect(row: height - 1 - bar, column: 0, width: width, height: bar)
        return ScreenFrame(header: Rect(row: 0, column: 0, width: width, height: 1),
                           body: Rect(row: 1, column: 0, width: width, height: labelBar.row - 1),
                           labelBar: labelBar, status: Rect(row: height - 1, column: 0, width: width, height: 1))
    }
}
