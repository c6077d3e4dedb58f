import CGdkPixbuf

/// Decodes image bytes with gdk-pixbuf: the loader is pinned to the sniffed format, the size is checked
/// from the header before any pixel is decoded, a GIF is cut to its first frame, and the result is scaled
/// down to ``ImageLimits/maximumSide``. Memory stays bounded by the limits whatever the file claims.
public enum ImageDecoder {
    /// The picture in `bytes`, which are in `format` (as ``ImageFormat/sniff(_:)`` found).
    public static func decode(_ bytes: [UInt8], format: ImageFormat, limits: ImageLimits = .standard) throws(ImageRefusal) -> DecodedImage {
        if let problem = TruncationCheck.problem(bytes, format: format) { throw .undecodable(problem) }
        var input = bytes
        if format == .gif {
            guard let frame = GIFFirstFrame.extract(bytes) else { throw .undecodable("the GIF ends before its first frame is complete") }
            input = frame
        }
        var check = docket_size_check(width: 0, height: 0, max_pixels: Int64(limits.maximumPixels), refused: 0,
                                      max_side: Int32(limits.maximumSide))
        var error: UnsafeMutablePointer<GError>?
        let pixbuf = input.withUnsafeBufferPointer { buffer in
            docket_pixbuf_decode(format.loaderName, buffer.baseAddress, gsize(buffer.count), &check, &error)
        }
        defer { docket_error_free(error) }
        if check.refused != 0 {
            throw .tooManyPixels(width: Int(check.width), height: Int(check.height), limit: limits.maximumPixels)
        }
        guard let pixbuf else {
            let message = error.map { String(cString: $0.pointee.message) } ?? "the decoder gave no image"
            throw .undecodable(message)
        }
        defer { docket_object_unref(UnsafeMutableRawPointer(pixbuf)) }
        var image = copy(pixbuf, limits: limits)
        // Region coordinates are in the file's pixels, not the reduced decode's.
        image.originalWidth = Int(check.width)
        image.originalHeight = Int(check.height)
        return image
    }

    /// The pixbuf's pixels as packed RGBA, scaled down first when larger than the limit.
    private static func copy(_ original: OpaquePointer, limits: ImageLimits) -> DecodedImage {
        let originalWidth = Int(gdk_pixbuf_get_width(original)), originalHeight = Int(gdk_pixbuf_get_height(original))
        var pixbuf = original
        var scaled: OpaquePointer?
        let side = max(originalWidth, originalHeight)
        if side > limits.maximumSide {
            let factor = Double(limits.maximumSide) / Double(side)
            let width = max(1, Int(Double(originalWidth) * factor)), height = max(1, Int(Double(originalHeight) * factor))
            scaled = gdk_pixbuf_scale_simple(original, Int32(width), Int32(height), GDK_INTERP_BILINEAR)
            if let scaled { pixbuf = scaled }
        }
        defer { if let scaled { docket_object_unref(UnsafeMutableRawPointer(scaled)) } }
        let width = Int(gdk_pixbuf_get_width(pixbuf)), height = Int(gdk_pixbuf_get_height(pixbuf))
        let stride = Int(gdk_pixbuf_get_rowstride(pixbuf)), channels = Int(gdk_pixbuf_get_n_channels(pixbuf))
        let hasAlpha = gdk_pixbuf_get_has_alpha(pixbuf) != 0
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        guard let source = gdk_pixbuf_read_pixels(pixbuf) else {
            return DecodedImage(width: width, height: height, pixels: pixels, originalWidth: originalWidth, originalHeight: originalHeight)
        }
        for y in 0..<height {
            for x in 0..<width {
                let from = y * stride + x * channels, to = (y * width + x) * 4
                pixels[to] = source[from]
                pixels[to + 1] = source[from + 1]
                pixels[to + 2] = source[from + 2]
                if hasAlpha && channels == 4 { pixels[to + 3] = source[from + 3] }
            }
        }
        return DecodedImage(width: width, height: height, pixels: pixels, originalWidth: originalWidth, originalHeight: originalHeight)
    }
}
