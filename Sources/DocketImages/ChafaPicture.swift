import CChafa

/// One picture on a libchafa canvas: the configuration both drawing modes share (size in cells, canvas and
/// pixel mode), with the image's pixels drawn on it. The canvas lives as long as `body` runs.
enum ChafaPicture {
    /// Runs `body` with a canvas of `columns` x `rows` cells showing `image`; `configure` adds settings first.
    static func withCanvas<Result>(_ image: DecodedImage, columns: Int, rows: Int, canvasMode: ChafaCanvasMode,
                                   pixelMode: ChafaPixelMode, configure: (OpaquePointer?) -> Void = { _ in },
                                   body: (OpaquePointer?) -> Result) -> Result {
        let config = chafa_canvas_config_new()
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, gint(columns), gint(rows))
        chafa_canvas_config_set_canvas_mode(config, canvasMode)
        chafa_canvas_config_set_pixel_mode(config, pixelMode)
        configure(config)
        let canvas = chafa_canvas_new(config)
        defer { chafa_canvas_unref(canvas) }
        image.pixels.withUnsafeBufferPointer { pixels in
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels.baseAddress,
                                         gint(image.width), gint(image.height), gint(image.width * 4))
        }
        return body(canvas)
    }
}
