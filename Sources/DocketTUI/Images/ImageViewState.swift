import DocketCore
import DocketImages

/// The image part of the review screen's state: whether the current item's picture is revealed (it starts
/// masked, pixelated and greyscale, on every item), which of its images is shown, and the decoded pictures
/// (decoded once per item, on first draw, and kept until the next item).
public struct ImageViewState {
    public var options: ImageOptions
    /// Whether the reviewer revealed the current item's image.
    public var revealed = false
    /// The image shown, of the item's media.
    public var current = 0
    private var cache = DecodedImages()

    public init(options: ImageOptions = ImageOptions()) {
        self.options = options
    }

    /// Back to the first image, masked, for a newly shown item.
    public mutating func reset() {
        revealed = false
        current = 0
        cache = DecodedImages()
    }

    /// The picture of `reference` (image `index` of the item), or why it is not shown; decoded at most once.
    public func picture(_ reference: MediaReference, index: Int) -> Result<DecodedImage, ImageRefusal> {
        guard options.enabled else { return .failure(.disabled) }
        return cache.picture(index: index) { ImageFile.load(reference, limits: options.limits) }
    }
}

/// Decoded pictures of one item, shared by copies of the state (decoding is the expensive part).
final class DecodedImages {
    private var pictures: [Int: Result<DecodedImage, ImageRefusal>] = [:]
    private var cells: [CellsKey: ImageCells] = [:]

    struct CellsKey: Hashable {
        var index: Int, columns: Int, rows: Int, blocks: Int, greyscale: Bool, braille: Bool
    }

    func picture(index: Int, load: () -> Result<DecodedImage, ImageRefusal>) -> Result<DecodedImage, ImageRefusal> {
        if let known = pictures[index] { return known }
        let loaded = load()
        pictures[index] = loaded
        return loaded
    }

    /// The cells of image `key.index`, drawn once per size and mask.
    func cells(_ key: CellsKey, draw: () -> ImageCells) -> ImageCells {
        if let known = cells[key] { return known }
        let drawn = draw()
        if cells.count > 8 { cells.removeAll() }
        cells[key] = drawn
        return drawn
    }
}

extension ImageViewState {
    /// The cells of a picture at a size and mask, drawn once and reused while the item stays on screen.
    func cells(_ key: DecodedImages.CellsKey, draw: () -> ImageCells) -> ImageCells {
        cache.cells(key, draw: draw)
    }
}
