/// Where each part of the adjudication screen goes for a terminal size: the shared ``ScreenFrame``, its body
/// divided into the content beside the model's scores and the reviewers' decisions across the full width below
/// them. Pure, so tests check it at any size.
public struct AdjudicationLayout: Equatable, Sendable {
    /// The header line.
    public var header: Rect
    /// Everything between the header and the label bar (what overlays cover).
    public var body: Rect
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
        guard let frame = ScreenFrame.compute(width: width, height: height, labelRows: labelRows) else { return nil }
        let bodyTop = frame.body.row
        let bodyHeight = frame.body.height
        let tableHeight = min(max(4, tableRows + 1), bodyHeight / 2)
        let upperHeight = bodyHeight - tableHeight
        let contentWidth = width * 3 / 5
        return AdjudicationLayout(
            header: frame.header, body: frame.body,
            content: Rect(row: bodyTop, column: 0, width: contentWidth, height: upperHeight),
            scores: Rect(row: bodyTop, column: contentWidth + 1, width: width - contentWidth - 1, height: upperHeight),
            decisions: Rect(row: bodyTop + upperHeight, column: 0, width: width, height: tableHeight),
            labelBar: frame.labelBar, status: frame.status)
    }
}
