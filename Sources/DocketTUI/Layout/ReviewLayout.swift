/// Where each part of the review screen goes for a terminal size: the shared ``ScreenFrame``, its body divided
/// between the content, the metadata and the model's scores. Pure, so tests check it at any size.
public struct ReviewLayout: Equatable, Sendable {
    /// The smallest terminal the review screen draws on (``ScreenFrame/minimumWidth``); below it the screen says so instead.
    public static let minimumWidth = ScreenFrame.minimumWidth
    public static let minimumHeight = ScreenFrame.minimumHeight

    public var header: Rect
    /// Everything between the header and the label bar (what overlays cover).
    public var body: Rect
    /// Each pane's rectangle includes its title line.
    public var content: Rect
    public var metadata: Rect
    public var model: Rect
    public var labelBar: Rect
    public var status: Rect

    /// The layout for a `width` x `height` terminal with a label bar of `labelRows` rows, or nil when too small.
    /// Wide terminals put metadata and scores beside the content; narrower ones put them below it.
    public static func compute(width: Int, height: Int, labelRows: Int) -> ReviewLayout? {
        guard let frame = ScreenFrame.compute(width: width, height: height, labelRows: labelRows) else { return nil }
        let bodyTop = frame.body.row
        let bodyHeight = frame.body.height
        if width >= 120 {
            let contentWidth = width * 3 / 5
            let sideWidth = width - contentWidth - 1
            let metadataHeight = bodyHeight * 2 / 5
            return ReviewLayout(
                header: frame.header, body: frame.body,
                content: Rect(row: bodyTop, column: 0, width: contentWidth, height: bodyHeight),
                metadata: Rect(row: bodyTop, column: contentWidth + 1, width: sideWidth, height: metadataHeight),
                model: Rect(row: bodyTop + metadataHeight, column: contentWidth + 1, width: sideWidth, height: bodyHeight - metadataHeight),
                labelBar: frame.labelBar, status: frame.status)
        }
        let contentHeight = bodyHeight * 11 / 20
        let lowerHeight = bodyHeight - contentHeight
        let metadataWidth = (width - 1) * 2 / 5
        return ReviewLayout(
            header: frame.header, body: frame.body,
            content: Rect(row: bodyTop, column: 0, width: width, height: contentHeight),
            metadata: Rect(row: bodyTop + contentHeight, column: 0, width: metadataWidth, height: lowerHeight),
            model: Rect(row: bodyTop + contentHeight, column: metadataWidth + 1, width: width - metadataWidth - 1, height: lowerHeight),
            labelBar: frame.labelBar, status: frame.status)
    }
}
