@testable import DocketTUI
import Testing

/// Both screens draw in one frame: the same header, label bar and status line, and the body between them
/// that each layout divides and overlays cover, at every size.
@Suite struct ScreenFrameTests {
    static let sizes = [(80, 24), (100, 30), (119, 40), (120, 40), (250, 80)]

    @Test(arguments: [1, 2, 3, 5])
    func bothScreensShareTheFrame(labelRows: Int) throws {
        for (width, height) in Self.sizes {
            let frame = try #require(ScreenFrame.compute(width: width, height: height, labelRows: labelRows))
            let review = try #require(ReviewLayout.compute(width: width, height: height, labelRows: labelRows))
            let adjudication = try #require(AdjudicationLayout.compute(width: width, height: height, labelRows: labelRows, tableRows: 6))
            for (header, body, bar, status) in [(review.header, review.body, review.labelBar, review.status),
                                                (adjudication.header, adjudication.body, adjudication.labelBar, adjudication.status)] {
                #expect(header == frame.header && body == frame.body && bar == frame.labelBar && status == frame.status)
            }
            // Top to bottom without a gap: header, body, label bar (one to three rows), status line.
            #expect(frame.header == Rect(row: 0, column: 0, width: width, height: 1))
            #expect(frame.body.row == 1 && frame.body.row + frame.body.height == frame.labelBar.row)
            #expect(frame.labelBar.height == min(3, labelRows) && frame.labelBar.row + frame.labelBar.height == height - 1)
            #expect(frame.status == Rect(row: height - 1, column: 0, width: width, height: 1))
            // Each screen's panes stay inside the body.
            for pane in [review.content, review.metadata, review.model, adjudication.content, adjudication.scores, adjudication.decisions] {
                #expect(pane.row >= frame.body.row && pane.row + pane.height <= frame.body.row + frame.body.height)
            }
        }
    }

    @Test func belowTheMinimumThereIsNoFrame() {
        #expect(ScreenFrame.compute(width: 79, height: 24, labelRows: 1) == nil)
        #expect(ScreenFrame.compute(width: 80, height: 23, labelRows: 1) == nil)
        #expect(ReviewLayout.compute(width: 79, height: 24, labelRows: 1) == nil)
        #expect(AdjudicationLayout.compute(width: 80, height: 23, labelRows: 1, tableRows: 3) == nil)
    }
}
