import DocketCore
@testable import DocketImages
import Testing

@Suite struct ImageMaskTests {
    @Test func maskingPixelatesAndGreys() {
        let image = SamplePictures.pattern(width: 64, height: 64)
        let masked = ImageMask(blocks: 4, greyscale: true).apply(to: image)
        for y in 0..<64 {
            for x in 0..<64 {
                let p = masked.pixel(x: x, y: y)
                #expect(p.r == p.g && p.g == p.b)
                // Blocks of 16 x 16 pixels: every pixel equals its block's first.
                let first = masked.pixel(x: x / 16 * 16, y: y / 16 * 16)
                #expect(p.r == first.r)
            }
        }
        #expect(ImageMask.none.apply(to: image) == image)
    }

    @Test func maskedCellsAreGreyAndRevealedOnesAreNot() {
        let image = SamplePictures.pattern(width: 64, height: 64)
        let size = SymbolRenderer.fit(width: 64, height: 64, columns: 40, rows: 20)
        #expect(size.columns == 40 && size.rows == 20)
        let masked = SymbolRenderer.cells(ImageMask(blocks: 8, greyscale: true).apply(to: image), columns: size.columns, rows: size.rows)
        #expect(masked.cells.allSatisfy { ImageCells.isGrey($0.foreground) && ImageCells.isGrey($0.background) })
        let revealed = SymbolRenderer.cells(image, columns: size.columns, rows: size.rows)
        #expect(revealed.cells.contains { !ImageCells.isGrey($0.foreground) || !ImageCells.isGrey($0.background) })
    }

    @Test func symbolsAreBlocksOrBraille() {
        let image = SamplePictures.pattern(width: 32, height: 32)
        let blocks = SymbolRenderer.cells(image, columns: 16, rows: 8)
        #expect(blocks.cells.allSatisfy { $0.symbol == " " || (0x2580...0x259F).contains($0.symbol.value) })
        let braille = SymbolRenderer.cells(image, columns: 16, rows: 8, symbols: .braille)
        #expect(braille.cells.allSatisfy { (0x2800...0x28FF).contains($0.symbol.value) })
    }

    @Test func formatsAreToldByTheirBytes() {
        #expect(ImageFormat.sniff(Array("GIF89a....".utf8)) == .gif)
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Array("<svg".utf8)) == nil)
        #expect(ImageFormat(fileName: "a/b.JPG") == .jpeg)
        #expect(ImageFormat(fileName: "a.d/b") == nil)
    }

    @Test func aLargePictureIsDecodedAtMostAtTheLimitsSideAndRemembersItsSize() throws {
        let jpeg = try #require(ImageWriter.encode(SamplePictures.pattern(width: 2000, height: 1000), as: .jpeg))
        let image = try ImageDecoder.decode(jpeg, format: .jpeg, limits: ImageLimits(maximumSide: 500))
        #expect(image.width == 500 && image.height == 250)
        #expect(image.originalWidth == 2000 && image.originalHeight == 1000)
        #expect(image.pixels.count == 500 * 250 * 4)
    }

    @Test func aJPEGRoundTrips() throws {
        let jpeg = try #require(ImageWriter.encode(SamplePictures.solid(width: 32, height: 16, red: 200, green: 30, blue: 30), as: .jpeg))
        #expect(ImageFormat.sniff(jpeg) == .jpeg)
        let image = try ImageDecoder.decode(jpeg, format: .jpeg)
        #expect(image.width == 32 && image.height == 16)
        #expect(image.pixel(x: 5, y: 5).r > 150 && image.pixel(x: 5, y: 5).g < 80)
    }
}

@Suite struct GraphicsModeTests {
    @Test func autoPicksSymbolsUnlessTheTerminalIsKnownToShowPixels() {
        #expect(GraphicsMode.auto.resolved(environment: ["TERM": "xterm-256color"]) == .symbols)
        #expect(GraphicsMode.auto.resolved(environment: ["TERM": "xterm-kitty"]) == .kitty)
        #expect(GraphicsMode.auto.resolved(environment: ["TERM": "xterm-kitty", "TMUX": "/tmp/t,1,0"]) == .symbols)
        #expect(GraphicsMode.auto.resolved(environment: ["TERM": "foot"]) == .sixel)
        #expect(GraphicsMode.sixel.resolved(environment: [:]) == .sixel)
    }

    @Test func sixelAndKittyAreEscapeSequencesOfPixels() throws {
        let image = SamplePictures.pattern(width: 32, height: 32)
        let sixel = try #require(GraphicsEncoder.escape(image, columns: 8, rows: 4, mode: .sixel))
        #expect(sixel.hasPrefix("\u{1B}P"))
        #expect(sixel.contains("q"))
        let kitty = try #require(GraphicsEncoder.escape(image, columns: 8, rows: 4, mode: .kitty))
        #expect(kitty.contains("\u{1B}_G"))
        #expect(GraphicsEncoder.escape(image, columns: 8, rows: 4, mode: .symbols) == nil)
    }
}
