import DocketCore
import DocketImages
@testable import DocketTUI
import Foundation
import Testing

/// The image part of the review screen's model: masked (pixelated, grey) until revealed, masked again on the
/// next item, regions outlined and listed, alt text highlighted, placeholders when images are off.
@Suite struct ImagePaneTests {
    static let queue = QueueDefinition(id: "memes", title: "Memes", labels: [LabelOption(id: "bad", key: "1")])

    /// An item whose image is a picture written to a file of its own.
    static func item(id: String = "m1") throws -> (Item, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("docket-pane-\(getpid())-\(UUID().uuidString.prefix(6)).png").path
        let png = try #require(ImageWriter.encode(SamplePictures.pattern(width: 80, height: 60), as: .png))
        try Data(png).write(to: URL(fileURLWithPath: path))
        let media = MediaReference(path: path, resolvedPath: path, mime: "image/png", alt: "kill them all",
                                   regions: [MediaRegion(x: 10, y: 10, width: 30, height: 20, label: "weapon", weight: 0.92),
                                             MediaRegion(x: 50, y: 40, width: 20, height: 10, label: "text", weight: 0.4)])
        let item = Item(queue: "memes", externalID: id, text: "a post", scores: [],
                        explanations: [Explanation(model: "ocr", text: "", spans: [Span(start: 0, end: 4, media: 0)])])
        var withMedia = item
        withMedia.media = [media]
        return (withMedia, path)
    }

    func render(_ state: ReviewState) -> CellGrid {
        ReviewScreen.render(state, width: 120, height: 40, bindings: .review())
    }

    func pictureColours(_ grid: CellGrid) -> [UInt8] {
        grid.cells.compactMap(\.colour).flatMap { [$0.foreground, $0.background] }
    }

    @Test func theImageStartsMaskedAndGreyAndRevealShowsItsColours() throws {
        let (item, path) = try Self.item()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var state = ReviewState(queue: Self.queue, reviewer: "ann", now: 0)
        state.show(item, at: 0)
        let masked = render(state)
        #expect(masked.text.contains("Image 1 of 1 · masked (pixelated, grey): press r to reveal"))
        let grey = pictureColours(masked)
        #expect(!grey.isEmpty && grey.allSatisfy(ImageCells.isGrey))
        state.images.revealed = true
        let revealed = render(state)
        #expect(revealed.text.contains("Image 1 of 1 · revealed"))
        #expect(pictureColours(revealed).contains { !ImageCells.isGrey($0) })
        // The next item starts masked again.
        let (next, nextPath) = try Self.item(id: "m2")
        defer { try? FileManager.default.removeItem(atPath: nextPath) }
        state.show(next, at: 1)
        #expect(!state.images.revealed)
        #expect(pictureColours(render(state)).allSatisfy(ImageCells.isGrey))
    }

    @Test func aQueueCanTurnTheMaskOff() throws {
        let (item, path) = try Self.item()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var queue = Self.queue
        queue.wellbeing.imageMaskBlocks = 0
        queue.wellbeing.imageMaskGreyscale = false
        var state = ReviewState(queue: queue, reviewer: "ann", now: 0)
        state.show(item, at: 0)
        let grid = render(state)
        #expect(grid.text.contains("Image 1 of 1 · revealed"))
        #expect(pictureColours(grid).contains { !ImageCells.isGrey($0) })
    }

    @Test func regionsAreOutlinedAndListedByWeightAndAltSpansHighlighted() throws {
        let (item, path) = try Self.item()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var state = ReviewState(queue: Self.queue, reviewer: "ann", now: 0)
        state.show(item, at: 0)
        let grid = render(state)
        #expect(grid.text.contains("┌1 weapon"))
        #expect(grid.text.contains("1. 0.92  weapon  at 10,10 size 30×20"))
        #expect(grid.text.contains("2. 0.40  text"))
        // The span with "media": 0 highlights the alt text, not the item's text.
        let document = try #require(state.document)
        #expect(document.blocks[0].spans.isEmpty)
        #expect(document.blocks[1].text == "kill them all" && document.blocks[1].spans == [Span(start: 0, end: 4, media: 0)])
        let row = try #require((0..<grid.height).first { grid.line($0).contains("kill them all") })
        let column = try #require(grid.line(row).range(of: "kill").map { grid.line(row).distance(from: grid.line(row).startIndex, to: $0.lowerBound) })
        #expect(grid[row, column].role == .highlight && grid[row, column + 5].role != .highlight)
    }

    @Test func imagesOffShowAPlaceholderAndNoPicture() throws {
        let (item, path) = try Self.item()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var state = ReviewState(queue: Self.queue, reviewer: "ann", now: 0)
        state.images.options = ImageOptions(enabled: false)
        state.show(item, at: 0)
        let grid = render(state)
        #expect(grid.text.contains("images are off (--no-images)"))
        #expect(pictureColours(grid).isEmpty)
    }

    @Test func sixelModePlacesTheEscapeOverBlankCells() throws {
        let (item, path) = try Self.item()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var state = ReviewState(queue: Self.queue, reviewer: "ann", now: 0)
        state.images.options = ImageOptions(graphics: .sixel)
        state.show(item, at: 0)
        let grid = render(state)
        let placement = try #require(grid.graphics.first)
        #expect(placement.escape.hasPrefix("\u{1B}P"))
        #expect(pictureColours(grid).isEmpty)
        #expect(grid.text.contains("masked"))
    }
}
