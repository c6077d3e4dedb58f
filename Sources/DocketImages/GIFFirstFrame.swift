/// The first frame of a GIF as a GIF of its own: the header, the global colour table, the extensions
/// before the first image and that image, then the trailer. gdk-pixbuf reads a whole animation when
/// it loads a GIF (10,000 frames would be decoded and kept); handing it this prefix decodes one frame.
public enum GIFFirstFrame {
    /// The bytes of a one-frame GIF made from `bytes`, or nil when the file ends (or is malformed) before
    /// its first image is complete.
    public static func extract(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 13, ImageFormat.sniff(bytes) == .gif else { return nil }
        var index = 13
        let flags = bytes[10]
        if flags & 0x80 != 0 { index += 3 * (1 << (Int(flags & 0x07) + 1)) }
        while index < bytes.count {
            switch bytes[index] {
            case 0x21:  // extension: label, then data sub-blocks
                guard index + 1 < bytes.count, let end = skipSubBlocks(bytes, from: index + 2) else { return nil }
                index = end
            case 0x2C:  // image descriptor, optional local colour table, LZW code size, data sub-blocks
                guard index + 10 <= bytes.count else { return nil }
                let local = bytes[index + 9]
                var data = index + 10
                if local & 0x80 != 0 { data += 3 * (1 << (Int(local & 0x07) + 1)) }
                guard data < bytes.count, let end = skipSubBlocks(bytes, from: data + 1) else { return nil }
                return Array(bytes[..<end]) + [0x3B]
            default:  // the trailer (0x3B) before any image, or garbage
                return nil
            }
        }
        return nil
    }

    /// The index just after the zero-length block that ends the sub-blocks starting at `start`, or nil.
    private static func skipSubBlocks(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            let length = Int(bytes[index])
            index += 1
            if length == 0 { return index }
            index += length
        }
        return nil
    }
}
