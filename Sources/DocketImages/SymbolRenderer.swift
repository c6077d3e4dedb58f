import CChafa

/// Turns a decoded picture into terminal cells with libchafa (Unicode symbols, 240 palette colours):
/// the symbols mode that works in any UTF-8 terminal, through tmux too.
public enum SymbolRenderer {
    /// The cell size (columns, rows) that shows a `width` x `height` picture as large as fits in
    /// `columns` x `rows` without distorting it (a cell is about twice as tall as wide).
    public static func fit(width: Int, height: Int, columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        guard width > 0, height > 0, columns > 0, rows > 0 else { return (0, 0) }
        var w = gint(columns), h = gint(rows)
        chafa_calc_canvas_geometry(gint(width), gint(height), &w, &h, 0.5, 1, 0)
        return (max(1, min(columns, Int(w))), max(1, min(rows, Int(h))))
    }

    /// `image` drawn in exactly `columns` x `rows` cells (use ``fit(width:height:columns:rows:)`` first).
    public static func cells(_ image: DecodedImage, columns: Int, rows: Int, symbols: SymbolSet = .blocks) -> ImageCells {
        guard columns > 0, rows > 0, image.width > 0, image.height > 0 else { return ImageCells(columns: 0, rows: 0, cells: []) }
        let map = chafa_symbol_map_new()
        defer { chafa_symbol_map_unref(map) }
        let tags = symbols == .braille ? CHAFA_SYMBOL_TAG_BRAILLE.rawValue
            : CHAFA_SYMBOL_TAG_BLOCK.rawValue | CHAFA_SYMBOL_TAG_SPACE.rawValue
        chafa_symbol_map_add_by_tags(map, ChafaSymbolTags(rawValue: tags))
        return ChafaPicture.withCanvas(image, columns: columns, rows: rows, canvasMode: CHAFA_CANVAS_MODE_INDEXED_240,
                                       pixelMode: CHAFA_PIXEL_MODE_SYMBOLS, configure: { config in
            chafa_canvas_config_set_symbol_map(config, map)
        }) { canvas in
            var cells: [ImageCells.Cell] = []
            cells.reserveCapacity(columns * rows)
            for row in 0..<rows {
                for column in 0..<columns {
                    let code = chafa_canvas_get_char_at(canvas, gint(column), gint(row))
                    var foreground: gint = 0, background: gint = 0
                    chafa_canvas_get_raw_colors_at(canvas, gint(column), gint(row), &foreground, &background)
                    cells.append(ImageCells.Cell(symbol: Unicode.Scalar(code) ?? " ",
                                                 foreground: palette(foreground), background: palette(background)))
                }
            }
            return ImageCells(columns: columns, rows: rows, cells: cells)
        }
    }

    /// A raw chafa colour as a palette index 16-255 (transparent becomes the darkest grey).
    private static func palette(_ raw: gint) -> UInt8 {
        guard raw >= 16, raw <= 255 else { return 232 }
        return UInt8(raw)
    }
}
