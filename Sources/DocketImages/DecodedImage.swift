/// A decoded picture: RGBA pixels, 8 bits per channel, rows packed (`width * 4` bytes each).
public struct DecodedImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]
    /// The size of the original image, before it was scaled down for the terminal (region coordinates use it).
    public var originalWidth: Int
    public var originalHeight: Int

    public init(width: Int, height: Int, pixels: [UInt8], originalWidth: Int? = nil, originalHeight: Int? = nil) {
        self.width = width
        self.height = height
        self.pixels = pixels
        self.originalWidth = originalWidth ?? width
        self.originalHeight = originalHeight ?? height
    }

    /// The pixel at (`x`, `y`) as (r, g, b, a).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        return (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }
}
