/// Whether a file ends where its format says it ends. gdk-pixbuf's loaders fill the missing rows of a cut
/// PNG or JPEG with grey and report success, so a truncated picture would be drawn as if whole; the review
/// screen refuses it instead, saying so.
enum TruncationCheck {
    /// Why `bytes` look cut short, or nil when their format's end marker is there.
    static func problem(_ bytes: [UInt8], format: ImageFormat) -> String? {
        switch format {
        case .png: return pngEnds(bytes) ? nil : "the PNG ends before its IEND chunk (truncated?)"
        case .jpeg: return jpegEnds(bytes) ? nil : "the JPEG has no end-of-image marker at its end (truncated?)"
        case .gif: return nil  // GIFFirstFrame refuses a GIF cut inside its first frame
        case .webp: return webpEnds(bytes) ? nil : "the WebP file is shorter than its header says (truncated?)"
        }
    }

    /// Walks the chunks (length, type, data, CRC) from the signature to IEND.
    private static func pngEnds(_ bytes: [UInt8]) -> Bool {
        var index = 8
        while index + 8 <= bytes.count {
            let length = bytes[index..<index + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[index + 4..<index + 8], as: UTF8.self)
            let next = index + 12 + length
            if type == "IEND" { return next <= bytes.count }
            index = next
        }
        return false
    }

    /// The end-of-image marker (FF D9) near the end: trailing padding is allowed, a cut file has none there
    /// (an EXIF thumbnail's own marker lies near the start).
    private static func jpegEnds(_ bytes: [UInt8]) -> Bool {
        let tail = max(2, bytes.count - 4096)
        var index = bytes.count - 1
        while index >= tail {
            if bytes[index] == 0xD9, bytes[index - 1] == 0xFF { return true }
            index -= 1
        }
        return false
    }

    /// The RIFF header's size (the bytes after the first eight) is all there.
    private static func webpEnds(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 12 else { return false }
        let size = bytes[4..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        return bytes.count >= size + 8
    }
}
