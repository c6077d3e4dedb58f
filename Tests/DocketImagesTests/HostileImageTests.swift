import DocketCore
@testable import DocketImages
import Foundation
import Testing

/// Hostile files: each is refused with its reason (the review screen shows it as a placeholder), with
/// memory bounded by the limits and without decoding what it claims.
@Suite struct HostileImageTests {
    func reference(_ path: String, mime: String? = nil) -> MediaReference {
        MediaReference(path: path, resolvedPath: path, mime: mime)
    }

    @Test func aGoodPNGDecodes() throws {
        let folder = try ImageFolder()
        let png = try #require(ImageWriter.encode(SamplePictures.pattern(width: 40, height: 30), as: .png))
        let image = try ImageFile.load(reference(try folder.write("ok.png", png), mime: "image/png")).get()
        #expect(image.width == 40 && image.height == 30)
        #expect(image.pixel(x: 20, y: 15).r == 20)  // the dark square in the middle
    }

    @Test func aTruncatedFileIsRefused() throws {
        let folder = try ImageFolder()
        let png = try #require(ImageWriter.encode(SamplePictures.pattern(width: 64, height: 64), as: .png))
        let path = try folder.write("cut.png", Array(png.prefix(png.count / 2)))
        let result = ImageFile.load(reference(path))
        #expect(result.failureDescription.contains("truncated"), "a truncated PNG was not refused")
        let jpeg = try #require(ImageWriter.encode(SamplePictures.pattern(width: 64, height: 64), as: .jpeg))
        let cutJPEG = try folder.write("cut.jpg", Array(jpeg.prefix(jpeg.count * 2 / 3)))
        #expect(ImageFile.load(reference(cutJPEG)).failureDescription.contains("truncated"), "a truncated JPEG was not refused")
    }

    @Test func bytesThatDoNotMatchTheNameAreRefused() throws {
        let folder = try ImageFolder()
        let png = try #require(ImageWriter.encode(SamplePictures.pattern(width: 8, height: 8), as: .png))
        let path = try folder.write("photo.jpg", png)
        #expect(ImageFile.load(reference(path)) == .failure(.formatMismatch(actual: .png, declared: ".jpeg")))
        let declared = try folder.write("photo", png)
        #expect(ImageFile.load(reference(declared, mime: "image/gif")) == .failure(.formatMismatch(actual: .png, declared: "image/gif")))
        let text = try folder.write("notes.png", Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8))
        #expect(ImageFile.load(reference(text)) == .failure(.unknownFormat))
    }

    @Test func aDecompressionBombIsRefusedBeforeDecoding() throws {
        let folder = try ImageFolder()
        let bomb = SamplePictures.pngBomb(width: 100_000, height: 100_000)
        #expect(bomb.count < 200)
        let path = try folder.write("bomb.png", bomb)
        let result = ImageFile.load(reference(path))
        #expect(result == .failure(.tooManyPixels(width: 100_000, height: 100_000, limit: ImageLimits.standard.maximumPixels)))
        #expect(result.failureDescription.contains("100000 x 100000"))
    }

    @Test func anAnimatedGIFOfTenThousandFramesDecodesItsFirstFrameOnly() throws {
        let folder = try ImageFolder()
        let gif = SamplePictures.animatedGIF(frames: 10_000)
        let frame = try #require(GIFFirstFrame.extract(gif))
        #expect(frame.count * 100 < gif.count)  // one frame of ten thousand is handed to the decoder
        let image = try ImageFile.load(reference(try folder.write("many.gif", gif))).get()
        #expect(image.width == 8 && image.height == 8)
        #expect(image.pixel(x: 3, y: 3).r == 255 && image.pixel(x: 3, y: 3).g == 0)  // frame 0 is red
    }

    @Test func aGIFCutInsideItsFirstFrameIsRefused() throws {
        let gif = SamplePictures.animatedGIF(frames: 1)
        #expect(GIFFirstFrame.extract(Array(gif.prefix(gif.count - 4))) == nil)
        #expect(throws: ImageRefusal.self) { try ImageDecoder.decode(Array(gif.prefix(gif.count - 4)), format: .gif) }
    }

    @Test func aSymbolicLinkPutInThePathAfterImportIsRefused() throws {
        let folder = try ImageFolder()
        let png = try #require(ImageWriter.encode(SamplePictures.pattern(width: 8, height: 8), as: .png))
        let inside = try folder.write("inside.png", png)
        let outside = try folder.write("outside.png", png)
        let stored = reference(inside)
        try FileManager.default.removeItem(atPath: inside)
        try FileManager.default.createSymbolicLink(atPath: inside, withDestinationPath: outside)
        #expect(ImageFile.load(stored) == .failure(.pathChanged(inside)))
    }

    @Test func aFileChangedSinceImportIsRefused() throws {
        let folder = try ImageFolder()
        let png = try #require(ImageWriter.encode(SamplePictures.pattern(width: 8, height: 8), as: .png))
        let path = try folder.write("a.png", png)
        var stored = reference(path)
        var hasher = SHA256()
        hasher.update(png)
        stored.sha256 = hasher.finalizeHex()
        #expect((try? ImageFile.load(stored).get()) != nil)
        let other = try #require(ImageWriter.encode(SamplePictures.pattern(width: 9, height: 8), as: .png))
        try folder.write("a.png", other)
        #expect(ImageFile.load(stored) == .failure(.changedSinceImport))
    }

    @Test func aFileOverTheByteLimitIsNotRead() throws {
        let folder = try ImageFolder()
        let path = try folder.write("big.png", [UInt8](repeating: 0, count: 4096))
        let limits = ImageLimits(maximumFileBytes: 1024)
        #expect(ImageFile.load(reference(path), limits: limits) == .failure(.tooLarge(bytes: 4096, limit: 1024)))
    }

    @Test func aURLIsNeverFetched() {
        #expect(ImageFile.load(MediaReference(path: "https://example.com/a.png")) == .failure(.url("https://example.com/a.png")))
    }
}

extension Result where Failure == ImageRefusal {
    var failureDescription: String {
        if case .failure(let refusal) = self { return refusal.description }
        return ""
    }
}
