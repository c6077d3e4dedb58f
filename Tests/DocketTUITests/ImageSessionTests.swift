import DocketCore
import DocketIO
import DocketImages
import DocketStore
@testable import DocketTUI
import Foundation
import Testing
import TestScratch

/// The reveal key on image items, through the review controller on a real SQLite file: on a queue that masks
/// text too, the first press reveals the text and the second the image; the next item starts masked again.
@Suite struct ImageSessionTests {
    static let queue = """
        id: q
        title: Image queue
        labels:
          - {id: bad, key: "1"}
          - {id: fine, key: "2"}
        wellbeing:
          mask_until_reveal: true
          image_mask_blocks: 8
        """

    static func store() throws -> SQLiteReviewStore {
        let dir = TestScratch.folder("docket-tui-images").path
        let png = try #require(ImageWriter.encode(SamplePictures.pattern(width: 48, height: 48), as: .png))
        try Data(png).write(to: URL(fileURLWithPath: dir + "/a.png"))
        let store = try SQLiteReviewStore(path: dir + "/db.sqlite")
        try store.saveQueue(try QueueFile.parse(queue, file: "q.yml"), yaml: queue, actor: "test")
        let lines = (1...2).map { #"{"id":"i\#($0)","text":"post \#($0)","media":[{"path":"a.png","alt":"caption \#($0)"}]}"# }
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        let summary = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "test"))
        try #require(summary.inserted == 2, "\(summary.rejections)")
        return store
    }

    func pictureColours(_ grid: CellGrid) -> [UInt8] {
        grid.cells.compactMap(\.colour).flatMap { [$0.foreground, $0.background] }
    }

    @Test func theRevealKeyRevealsTheTextThenTheImageAndTheNextItemIsMaskedAgain() throws {
        let session = try ReviewSession(store: try Self.store(), queue: "q", reviewer: "ann", now: 100)
        session.width = 120
        session.height = 40
        try session.start(now: 100)
        #expect(session.state.isMasked)
        #expect(pictureColours(session.render()).isEmpty, "a masked item shows no picture at all")
        session.handle(.character("r"), now: 101)
        #expect(!session.state.isMasked && !session.state.images.revealed)
        let masked = pictureColours(session.render())
        #expect(!masked.isEmpty && masked.allSatisfy(ImageCells.isGrey))
        session.handle(.character("r"), now: 102)
        #expect(session.state.images.revealed)
        #expect(pictureColours(session.render()).contains { !ImageCells.isGrey($0) })
        session.handle(.character("1"), now: 103)
        #expect(session.state.item?.externalID == "i2")
        #expect(session.state.isMasked && !session.state.images.revealed)
        session.handle(.character("r"), now: 104)
        #expect(pictureColours(session.render()).allSatisfy(ImageCells.isGrey))
    }
}
