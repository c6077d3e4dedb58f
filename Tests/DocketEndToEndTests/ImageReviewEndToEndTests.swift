import DocketCore
import DocketImages
import Foundation
import Testing

/// The review screen with image items, in tmux: pictures start masked (pixelated, grey) and one key reveals
/// them, the next item is masked again, regions are outlined and listed, and hostile files show a placeholder
/// with their reason without hanging the screen.
@Suite(.serialized) struct ImageReviewEndToEndTests {
    typealias Queue = ImageItemsEndToEndTests.ImageQueue

    /// The 256-colour palette indices (foreground and background) of the picture's cells: the colours in
    /// force at each block symbol (U+2580-U+259F, but for the ▌ of text titles), read from the screen's escapes (tmux `capture-pane -e`).
    static func paletteColours(_ screen: String) -> [Int] {
        var found: [Int] = []
        var foreground: Int?, background: Int?
        var scalars = screen.unicodeScalars[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if scalar == "\u{1B}", scalars.first == "[" {
                let body = String(String.UnicodeScalarView(scalars.dropFirst().prefix { $0 != "m" }))
                scalars = scalars.dropFirst(body.unicodeScalars.count + 2)
                let parameters = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                var i = 0
                while i < parameters.count {
                    switch parameters[i] {
                    case 0: foreground = nil; background = nil
                    case 39: foreground = nil
                    case 49: background = nil
                    case 38 where i + 2 < parameters.count && parameters[i + 1] == 5: foreground = parameters[i + 2]; i += 2
                    case 48 where i + 2 < parameters.count && parameters[i + 1] == 5: background = parameters[i + 2]; i += 2
                    default: break
                    }
                    i += 1
                }
                continue
            }
            // ▌ marks the titles of text blocks (turns, alt text), not the picture.
            if (0x2580...0x259F).contains(scalar.value), scalar != "▌" {
                if let foreground { found.append(foreground) }
                if let background { found.append(background) }
            }
        }
        return found
    }

    static func isGrey(_ index: Int) -> Bool { ImageCells.isGrey(UInt8(index)) }

    @Test func imagesStartMaskedOneKeyRevealsAndTheNextItemIsMaskedAgain() throws {
        let queue = try Queue()
        try queue.picture("pics/a.png", try ImageItemsEndToEndTests.png(64, 48))
        try queue.picture("pics/b.png", try ImageItemsEndToEndTests.png(64, 48, hue: 60))
        let imported = try queue.importLines([
            ImageItemsEndToEndTests.record("m1", path: "pics/a.png"),
            ImageItemsEndToEndTests.record("m2", path: "pics/b.png"),
        ])
        #expect(imported.status == 0, "\(imported.transcript)")
        let terminal = try ReviewTerminal("images", arguments: ["review", "--db", queue.db, "--queue", "memes", "--reviewer", "ann"],
                                          width: 120, height: 40)
        try terminal.waitFor("masked (pixelated, grey): press r to reveal")
        // The panes are drawn one after another: wait for each part (a missing one fails).
        // The regions are outlined with their numbers and listed with their weights, heaviest first.
        for shown in ["Image 1 of 1", "1 weapon", "1. 0.92  weapon", "2. 0.40  text", "a caption"] {
            #expect(try terminal.waitFor(shown).contains(shown))
        }
        let maskedColours = Self.paletteColours(try terminal.waitForScreen("the masked picture", escapes: true) { !Self.paletteColours($0).isEmpty })
        #expect(!maskedColours.isEmpty)
        #expect(maskedColours.filter { $0 >= 16 }.allSatisfy(Self.isGrey), "a masked picture has only greys: \(Set(maskedColours).sorted())")
        try terminal.press("r")
        try terminal.waitFor("Image 1 of 1 · revealed")
        try terminal.waitForScreen("the revealed picture has colours", escapes: true) {
            Self.paletteColours($0).contains { $0 >= 16 && !Self.isGrey($0) }
        }
        try terminal.press("1")
        try terminal.waitFor("session 1 ")
        #expect(try terminal.waitFor("masked (pixelated, grey)").contains("masked (pixelated, grey)"))
        // The next picture, whole: the status line is drawn after it.
        try terminal.waitFor("Saved: label bad for m1.")
        let nextColours = Self.paletteColours(try terminal.settledScreen(escapes: true))
        #expect(!nextColours.isEmpty)
        #expect(nextColours.filter { $0 >= 16 }.allSatisfy(Self.isGrey))
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    @Test func hostileFilesShowAPlaceholderWithTheirReason() throws {
        let queue = try Queue()
        let good = try ImageItemsEndToEndTests.png(64, 64)
        try queue.picture("pics/bomb.png", SamplePictures.pngBomb(width: 100_000, height: 100_000))
        try queue.picture("pics/renamed.jpg", good)
        try queue.picture("pics/cut.png", Array(good.prefix(good.count / 2)))
        try queue.picture("pics/many.gif", SamplePictures.animatedGIF(frames: 10_000))
        try queue.picture("pics/later.png", good)
        func line(_ id: String, _ path: String, mime: String) -> String {
            #"{"id":"\#(id)","text":"hostile \#(id)","media":[{"path":"\#(path)","mime":"\#(mime)"}]}"#
        }
        let imported = try queue.importLines([
            line("h1-bomb", "pics/bomb.png", mime: "image/png"),
            line("h2-renamed", "pics/renamed.jpg", mime: "image/jpeg"),
            line("h3-cut", "pics/cut.png", mime: "image/png"),
            line("h4-gif", "pics/many.gif", mime: "image/gif"),
            line("h5-changed", "pics/later.png", mime: "image/png"),
        ])
        #expect(imported.status == 0, "\(imported.transcript)")
        // Changed after the import: the screen notices by its hash.
        try queue.picture("pics/later.png", try ImageItemsEndToEndTests.png(64, 64, hue: 120))
        let terminal = try ReviewTerminal("hostile", arguments: ["review", "--db", queue.db, "--queue", "memes", "--reviewer", "ann"],
                                          width: 120, height: 40)
        let expected = [
            "h1-bomb": "100000 x 100000 pixels",
            "h2-renamed": "the bytes are PNG but the file says",
            "h3-cut": "cannot be decoded",
            "h5-changed": "changed since it was imported",
        ]
        var seen: Set<String> = []
        for round in 1...5 {
            let screen = try terminal.waitFor("Content · h")
            let id = try #require(ReviewTerminal.shownItem(screen))
            seen.insert(id)
            // The picture's pane is drawn after the title: wait for what it says (a missing one fails).
            if let reason = expected[id] {
                #expect(try terminal.waitFor("image not shown").contains("image not shown"), "\(id)")
                #expect(try terminal.waitFor(reason).contains(reason), "\(id) should say '\(reason)'")
            } else {
                #expect(id == "h4-gif")
                #expect(try terminal.waitFor("Image 1 of 1 · masked").contains("Image 1 of 1 · masked"), "the GIF's first frame is drawn")
            }
            try terminal.press("1")
            // The next item's title is read once the whole frame is drawn: the status line comes last.
            if round < 5 { try terminal.waitFor("Saved: label bad for \(id).") }
        }
        #expect(seen.count == 5)
        try terminal.waitFor("Nothing left for you in this queue.")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    @Test func noImagesShowsTheTextAndSaysImagesAreOff() throws {
        let queue = try Queue()
        try queue.picture("pics/a.png", try ImageItemsEndToEndTests.png(32, 32))
        #expect(try queue.importLines([ImageItemsEndToEndTests.record("m1", path: "pics/a.png")]).status == 0)
        let terminal = try ReviewTerminal("noimages", arguments: ["review", "--db", queue.db, "--queue", "memes", "--reviewer", "ann", "--no-images"],
                                          width: 120, height: 40)
        try terminal.waitFor("images are off (--no-images)")
        for shown in ["post m1", "a caption", "Image 1 of 1 · not shown"] {
            #expect(try terminal.waitFor(shown).contains(shown))
        }
        let screen = try terminal.settledScreen()
        #expect(!screen.unicodeScalars.contains { (0x2580...0x259F).contains($0.value) && $0 != "▌" }, "no picture is drawn")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }
}
