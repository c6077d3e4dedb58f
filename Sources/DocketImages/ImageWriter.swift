import CGdkPixbuf

/// Encodes pictures as PNG or JPEG with gdk-pixbuf: the demo's images, the benchmark's 1024 x 1024 JPEG
/// and the tests' files are made with it, so nothing is fetched and nothing binary needs committing.
public enum ImageWriter {
    /// `image` encoded as `format` (PNG or JPEG; nil for a format gdk-pixbuf cannot write, or on failure).
    public static func encode(_ image: DecodedImage, as format: ImageFormat) -> [UInt8]? {
        guard format == .png || format == .jpeg, image.width > 0, image.height > 0 else { return nil }
        guard let pixbuf = gdk_pixbuf_new(GDK_COLORSPACE_RGB, 1, 8, Int32(image.width), Int32(image.height)) else { return nil }
        defer { docket_object_unref(UnsafeMutableRawPointer(pixbuf)) }
        let stride = Int(gdk_pixbuf_get_rowstride(pixbuf))
        guard let target = gdk_pixbuf_get_pixels(pixbuf) else { return nil }
        for y in 0..<image.height {
            for x in 0..<image.width * 4 { target[y * stride + x] = image.pixels[y * image.width * 4 + x] }
        }
        var buffer: UnsafeMutablePointer<gchar>?
        var size: gsize = 0
        var error: UnsafeMutablePointer<GError>?
        let type = format == .png ? "png" : "jpeg"
        // JPEG has no alpha: gdk-pixbuf refuses to write an RGBA pixbuf as JPEG, so drop it first.
        var source = pixbuf
        var opaque: OpaquePointer?
        if format == .jpeg, let copy = gdk_pixbuf_new(GDK_COLORSPACE_RGB, 0, 8, Int32(image.width), Int32(image.height)) {
            gdk_pixbuf_composite_color(pixbuf, copy, 0, 0, Int32(image.width), Int32(image.height), 0, 0, 1, 1,
                                       GDK_INTERP_NEAREST, 255, 0, 0, 1, 0xFFFFFF, 0xFFFFFF)
            opaque = copy
            source = copy
        }
        defer { if let opaque { docket_object_unref(UnsafeMutableRawPointer(opaque)) } }
        let ok = gdk_pixbuf_save_to_bufferv(source, &buffer, &size, type, nil, nil, &error)
        defer { docket_error_free(error); g_free(buffer) }
        guard ok != 0, let buffer else { return nil }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: Int(size)) { Array(UnsafeBufferPointer(start: $0, count: Int(size))) }
    }
}
