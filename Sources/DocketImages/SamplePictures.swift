/// Pictures made from nothing, for the demo, the benchmark and the tests: patterns as decoded images,
/// an animated GIF of any number of frames, and a PNG whose header claims any size (a decompression bomb).
/// Nothing is fetched and no binary file needs committing.
public enum SamplePictures {
    /// A `width` x `height` picture: a diagonal colour gradient with a dark square in the middle.
    public static func pattern(width: Int, height: Int, hue: Int = 0) -> DecodedImage {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                let inSquare = abs(x - width / 2) < width / 6 && abs(y - height / 2) < height / 6
                let t = (x + y) * 255 / max(1, width + height - 2)
                pixels[i] = inSquare ? 20 : UInt8((t + hue) % 256)
                pixels[i + 1] = inSquare ? 20 : UInt8((255 - t + hue / 2) % 256)
                pixels[i + 2] = inSquare ? 40 : UInt8((128 + hue) % 256)
            }
        }
        return DecodedImage(width: width, height: height, pixels: pixels)
    }

    /// One colour everywhere.
    public static func solid(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) -> DecodedImage {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for i in stride(from: 0, to: pixels.count, by: 4) { pixels[i] = red; pixels[i + 1] = green; pixels[i + 2] = blue }
        return DecodedImage(width: width, height: height, pixels: pixels)
    }

    /// A PNG that claims `width` x `height` pixels in its header but holds almost no data: a few
    /// hundred bytes that would need width x height x 4 bytes of memory if decoded.
    public static func pngBomb(width: UInt32, height: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 6, 0, 0, 0])
        // A zlib stream of a few stored bytes: far too little for the rows the header promises.
        bytes += chunk("IDAT", [0x78, 0x01, 0x01, 0x04, 0x00, 0xFB, 0xFF, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x01])
        bytes += chunk("IEND", [])
        return bytes
    }

    /// A `size` x `size` GIF of `frames` frames, each one colour (frame 0 red, then alternately green and blue).
    /// The image data is written without compression (a clear code every two pixels).
    public static func animatedGIF(frames: Int, size: Int = 8) -> [UInt8] {
        var bytes = Array("GIF89a".utf8)
        bytes += littleEndian(UInt16(size)) + littleEndian(UInt16(size)) + [0xF1, 0, 0]
        bytes += [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]  // four colours: red, green, blue, white
        bytes += [0x21, 0xFF, 11] + Array("NETSCAPE2.0".utf8) + [3, 1, 0, 0, 0]
        for frame in 0..<frames {
            bytes += [0x21, 0xF9, 4, 0x04, 1, 0, 0, 0]  // graphic control: 10 ms delay
            bytes += [0x2C, 0, 0, 0, 0] + littleEndian(UInt16(size)) + littleEndian(UInt16(size)) + [0]
            bytes += [2] + subBlocks(uncompressedLZW(colour: frame == 0 ? 0 : UInt8(1 + frame % 2), pixels: size * size))
        }
        bytes.append(0x3B)
        return bytes
    }

    /// LZW codes for `pixels` pixels of one colour with a minimum code size of 2, packed LSB first,
    /// with a clear code (4) every two pixels so the code width stays 3 bits; ends with 5.
    private static func uncompressedLZW(colour: UInt8, pixels: Int) -> [UInt8] {
        var codes: [UInt32] = []
        for i in 0..<pixels {
            if i % 2 == 0 { codes.append(4) }
            codes.append(UInt32(colour))
        }
        codes.append(5)
        var out: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0
        for code in codes {
            buffer |= code << UInt32(bits)
            bits += 3
            while bits >= 8 { out.append(UInt8(buffer & 0xFF)); buffer >>= 8; bits -= 8 }
        }
        if bits > 0 { out.append(UInt8(buffer & 0xFF)) }
        return out
    }

    private static func subBlocks(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while start < data.count {
            let end = min(data.count, start + 255)
            out.append(UInt8(end - start))
            out += data[start..<end]
            start = end
        }
        return out + [0]
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func littleEndian(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
}
