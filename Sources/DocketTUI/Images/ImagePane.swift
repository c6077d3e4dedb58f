import DocketCore
import DocketImages

/// Draws an item's image into the review screen's model: the picture in cells (masked, pixelated and grey,
/// until the reviewer reveals it), the model's regions as outlined boxes with their labels, or a placeholder
/// with the reason the picture is not shown; then a caption line. Alt text and regions go in the text below.
public enum ImagePane {
    /// How a pane's body is shared between the picture (top) and the item's text (below).
    public static func split(_ body: Rect) -> (picture: Rect, text: Rect) {
        let rows = max(4, body.height * 3 / 5)
        let picture = Rect(row: body.row, column: body.column, width: body.width, height: min(body.height, rows))
        let text = Rect(row: picture.row + picture.height, column: body.column, width: body.width, height: body.height - picture.height)
        return (picture, text)
    }

    /// Draws image `images.current` of `item` in `rect` (its last row is the caption), masked with `mask`
    /// unless revealed.
    public static func draw(_ images: ImageViewState, item: Item, mask: ImageMask, revealKey: String,
                            into grid: inout CellGrid, rect: Rect) {
        guard rect.height >= 2, rect.width >= 8, !item.media.isEmpty else { return }
        let index = min(images.current, item.media.count - 1)
        let reference = item.media[index]
        let area = Rect(row: rect.row, column: rect.column + 2, width: rect.width - 4, height: rect.height - 1)
        let masked = mask.isMasking && !images.revealed
        var caption = "Image \(index + 1) of \(item.media.count)"
        switch images.picture(reference, index: index) {
        case .failure(let refusal):
            drawPlaceholder(refusal, path: reference.path, into: &grid, rect: area)
            caption += " · not shown"
        case .success(let picture):
            let size = SymbolRenderer.fit(width: picture.width, height: picture.height, columns: area.width, rows: area.height)
            let placed = Rect(row: area.row, column: area.column + (area.width - size.columns) / 2, width: size.columns, height: size.rows)
            let shown = masked ? mask.apply(to: picture) : picture
            if images.options.graphics == .sixel || images.options.graphics == .kitty,
               let escape = GraphicsEncoder.escape(shown, columns: placed.width, rows: placed.height, mode: images.options.graphics) {
                grid.graphics.append(GraphicsPlacement(row: placed.row, column: placed.column, columns: placed.width,
                                                       rows: placed.height, escape: escape))
            } else {
                let key = DecodedImages.CellsKey(index: index, columns: placed.width, rows: placed.height, blocks: masked ? mask.blocks : 0,
                                                 greyscale: masked && mask.greyscale, braille: images.options.symbols == .braille)
                let cells = images.cells(key) { SymbolRenderer.cells(shown, columns: placed.width, rows: placed.height, symbols: images.options.symbols) }
                copy(cells, into: &grid, at: placed)
            }
            RegionOutline.draw(reference.regions, picture: picture, into: &grid, rect: placed)
            caption += masked ? " · masked (pixelated\(mask.greyscale ? ", grey" : "")): press \(revealKey) to reveal" : " · revealed"
            if !reference.regions.isEmpty { caption += " · \(reference.regions.count) region\(reference.regions.count == 1 ? "" : "s")" }
        }
        grid.write(caption, row: rect.row + rect.height - 1, column: rect.column + 2, role: masked ? .warning : .dim, limit: rect.width - 4)
    }

    /// The picture's cells, with their colours, at `rect`.
    static func copy(_ cells: ImageCells, into grid: inout CellGrid, at rect: Rect) {
        for row in 0..<min(cells.rows, rect.height) {
            for column in 0..<min(cells.columns, rect.width) {
                let cell = cells[row, column]
                let r = rect.row + row, c = rect.column + column
                guard r >= 0, r < grid.height, c >= 0, c < grid.width else { continue }
                grid[r, c] = Cell(String(cell.symbol), .text, colour: CellColour(foreground: cell.foreground, background: cell.background))
            }
        }
    }

    /// A framed box saying why the picture is not shown (the reason is Docket's own text, the path sanitised).
    static func drawPlaceholder(_ refusal: ImageRefusal, path: String, into grid: inout CellGrid, rect: Rect) {
        let width = min(rect.width, 70)
        let box = Rect(row: rect.row, column: rect.column, width: width, height: min(rect.height, 4))
        guard box.height >= 3 else {
            grid.write("[image not shown: \(refusal)]", row: rect.row, column: rect.column, role: .warning, limit: rect.width)
            return
        }
        RegionOutline.box(box, into: &grid, role: .dim)
        grid.write(" image not shown ", row: box.row, column: box.column + 2, role: .warning, limit: width - 4)
        grid.write(refusal.description, row: box.row + 1, column: box.column + 2, role: .warning, limit: width - 4)
        grid.write(path, row: box.row + 2, column: box.column + 2, role: .dim, limit: width - 4)
    }

    /// The item's images as text blocks for the content document: each image's alt text (with the spans that
    /// point into it highlighted), then its regions with their weights, largest first.
    public static func documentBlocks(_ item: Item) -> [ContentDocument.Block] {
        let spans = item.explanations.flatMap(\.spans)
        var blocks: [ContentDocument.Block] = []
        for (index, reference) in item.media.enumerated() {
            let name = reference.isURL ? "a URL, not fetched: " + reference.path : reference.path
            let alt = reference.alt ?? ""
            blocks.append(.init(title: "▌ Image \(index + 1) (\(name))" + (alt.isEmpty ? ": no alt text" : ": alt text"),
                                text: alt, spans: spans.filter { $0.media == index }))
            guard !reference.regions.isEmpty else { continue }
            let lines = RegionOutline.numbered(reference.regions).map { number, region in
                let weight = region.weight.map { String(format: "%.2f", $0) } ?? "  – "
                return "\(number). \(weight)  \(region.label ?? "(no label)")  at \(Int(region.x)),\(Int(region.y)) size \(Int(region.width))×\(Int(region.height))"
            }
            blocks.append(.init(title: "▌ Image \(index + 1) regions (by weight)", text: lines.joined(separator: "\n")))
        }
        return blocks
    }
}
