/// What protects a reviewer from an image before they choose to see it: pixelation and greyscale.
public struct ImageMask: Equatable, Sendable {
    /// The masked picture is at most this many blocks across (0: not pixelated).
    public var blocks: Int
    public var greyscale: Bool

    public init(blocks: Int, greyscale: Bool) {
        self.blocks = blocks
        self.greyscale = greyscale
    }

    /// No masking: the picture as it is.
    public static let none = ImageMask(blocks: 0, greyscale: false)

    public var isMasking: Bool { blocks > 0 || greyscale }

    /// `image` pixelated (each block the average of its pixels) and/or in greyscale; same size as `image`.
    public func apply(to image: DecodedImage) -> DecodedImage {
        guard isMasking, image.width > 0, image.height > 0 else { return image }
        var out = image
        let block = blocks > 0 ? max(1, (max(image.width, image.height) + blocks - 1) / blocks) : 1
        var by = 0
        while by < image.height {
            var bx = 0
            let bh = min(block, image.height - by)
            while bx < image.width {
                let bw = min(block, image.width - bx)
                var sum = (r: 0, g: 0, b: 0, a: 0)
                for y in by..<(by + bh) {
                    for x in bx..<(bx + bw) {
                        let p = image.pixel(x: x, y: y)
                        sum.r += Int(p.r); sum.g += Int(p.g); sum.b += Int(p.b); sum.a += Int(p.a)
                    }
                }
                let n = bw * bh
                var colour = (r: UInt8(sum.r / n), g: UInt8(sum.g / n), b: UInt8(sum.b / n))
                if greyscale {
                    // Rec. 601 luma: how bright the colour looks.
                    let red: Int = 299 * Int(colour.r), green: Int = 587 * Int(colour.g), blue: Int = 114 * Int(colour.b)
                    let grey = UInt8((red + green + blue) / 1000)
                    colour = (grey, grey, grey)
                }
                let alpha = UInt8(sum.a / n)
                for y in by..<(by + bh) {
                    for x in bx..<(bx + bw) {
                        let i = (y * image.width + x) * 4
                        out.pixels[i] = colour.r; out.pixels[i + 1] = colour.g; out.pixels[i + 2] = colour.b; out.pixels[i + 3] = alpha
                    }
                }
                bx += block
            }
            by += block
        }
        return out
    }
}
