/// Where each part of the adjudication screen goes for a terminal size: the content beside the model's scores,
/// the reviewers' decisions across the full width below them. Pure, so tests check it at any size.
public struct AdjudicationLayout: Equatable, Sendable {
    /// The header line.
    public var header: Rect
    /// The item's content (left). Each pane's rectangle includes its title line.
    public var content: Rect
    /// The model's scores (right of the content).
    public var scores: Rect
    /// The reviewers' decisions (full width, below).
    public var decisions: Rect
    /// The queue's labels, tags and severity with their keys.
    public var labelBar: Rect
    /// The status line (messages, keys, the note prompt).
    public var status: Rect

    /// The layout for a `width` x `height` terminal with a label bar of `labelRows` rows and a decision table of
    /// `tableRows` lines (its column headings included), or nil below the review screen's minimum size.
    /// The table takes what it needs, up to half of the body; the content keeps at least a third.
    public static func compute(width: Int, height: Int, labelRows: Int, tableRows: Int) -> AdjudicationLayout? {
        guard width >= ReviewLayout.minimumWidth, height >= ReviewLayout.minimumHeight else { return nil }
        let bar = max(1, min(3, labelRows))
        let header = Rect(row: 0, column: 0, width: width, height: 1)
        let status = Rect(row: height - 1, column: 0, width: width, height: 1)
        let labelBar = Rect(row: height - 1 - bar, column: 0, width: width, height: bar)
        let bodyTop = 1
        let bodyHeight = labelBar.row - bodyTop
        let tableHeight = min(max(4, tableRows + 1), bodyHeight / 2)
        let upperHeight = bodyHeight - tableHeight
        let contentWidth = width * 3 / 5
        return AdjudicationLayout(
            header: header,
            content: Rect(row: bodyTop, column: 0, width: contentWidth, height: upperHeight),
            scores: Rect(row: bodyTop, column: contentWidth + 1, width: width - contentWidth - 1, height: upperHeight),
            decisions: Rect(row: bodyTop + upperHeight, column: 0, width: width, height: tableHeight),
            labelBar: labelBar, status: status)
    }
}
