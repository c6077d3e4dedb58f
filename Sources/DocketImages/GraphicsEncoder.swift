import CChafa

/// Encodes a picture as the escape sequence of a pixel graphics protocol (sixel or kitty) with libchafa,
/// for a terminal that shows real pixels. The sequence is made from decoded pixels only: nothing from
/// the file reaches the terminal as it was.
public enum GraphicsEncoder {
    /// The escape sequence that draws `image` over `columns` x `rows` cells in `mode` (`.sixel` or `.kitty`),
    /// assuming cells of `cellWidth` x `cellHeight` pixels; nil for the other modes.
    public static func escape(_ image: DecodedImage, columns: Int, rows: Int, mode: GraphicsMode,
                              cellWidth: Int = 10, cellHeight: Int = 20) -> String? {
        let pixelMode: ChafaPixelMode
        switch mode {
        case .sixel: pixelMode = CHAFA_PIXEL_MODE_SIXELS
        case .kitty: pixelMode = CHAFA_PIXEL_MODE_KITTY
        default: return nil
        }
        guard columns > 0, rows > 0, image.width > 0, image.height > 0 else { return nil }
        return ChafaPicture.withCanvas(image, columns: columns, rows: rows, canvasMode: CHAFA_CANVAS_MODE_TRUECOLOR,
                                       pixelMode: pixelMode, configure: { config in
            chafa_canvas_config_set_cell_geometry(config, gint(cellWidth), gint(cellHeight))
        }) { canvas in
            let info = chafa_term_db_get_fallback_info(chafa_term_db_get_default())
            defer { chafa_term_info_unref(info) }
            guard let printed = chafa_canvas_print(canvas, info) else { return nil }
            defer { _ = g_string_free(printed, 1) }
            return String(cString: printed.pointee.str)
        }
    }
}
