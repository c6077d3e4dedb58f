import DocketCore
import DocketImages

/// The model's regions over a picture: each an outlined box in cells, labelled with its number (the same
/// number as in the list beside the picture) and its label.
public enum RegionOutline {
    /// The regions numbered from 1 in order of weight, heaviest first (unweighted last, in import order).
    public static func numbered(_ regions: [MediaRegion]) -> [(number: Int, region: MediaRegion)] {
        regions.enumerated()
            .sorted { ($0.element.weight ?? -.infinity, -$0.offset) > ($1.element.weight ?? -.infinity, -$1.offset) }
            .enumerated().map { ($0.offset + 1, $0.element.element) }
    }

    /// Outlines `regions` (in the original image's pixels) over the picture drawn at `rect`.
    static func draw(_ regions: [MediaRegion], picture: DecodedImage, into grid: inout CellGrid, rect: Rect) {
        guard picture.originalWidth > 0, picture.originalHeight > 0, rect.width > 0, rect.height > 0 else { return }
        let sx = Double(rect.width) / Double(picture.originalWidth), sy = Double(rect.height) / Double(picture.originalHeight)
        for (number, region) in numbered(regions) {
            let left = min(rect.width - 1, Int(region.x * sx)), top = min(rect.height - 1, Int(region.y * sy))
            let right = max(left, min(rect.width - 1, Int(((region.x + region.width) * sx).rounded(.up)) - 1))
            let bottom = max(top, min(rect.height - 1, Int(((region.y + region.height) * sy).rounded(.up)) - 1))
            let box = Rect(row: rect.row + top, column: rect.column + left, width: right - left + 1, height: bottom - top + 1)
            self.box(box, into: &grid, role: .highlight)
            let label = "\(number)" + (region.label.map { " " + $0 } ?? "")
            grid.write(label, row: box.row, column: box.column + (box.width > 2 ? 1 : 0), role: .highlight,
                       limit: max(1, min(box.width - 2, rect.column + rect.width - box.column - 1)))
        }
    }

    /// A frame of box-drawing characters around `rect` (a line when it is one row or column).
    static func box(_ rect: Rect, into grid: inout CellGrid, role: StyleRole) {
        guard rect.width > 0, rect.height > 0 else { return }
        let lastRow = rect.row + rect.height - 1, lastColumn = rect.column + rect.width - 1
        func put(_ symbol: Unicode.Scalar, _ row: Int, _ column: Int) {
            guard row >= 0, row < grid.height, column >= 0, column < grid.width else { return }
            grid[row, column] = Cell(String(symbol), role)
        }
        for column in rect.column...lastColumn {
            put("─", rect.row, column)
            put("─", lastRow, column)
        }
        for row in rect.row...lastRow {
            put("│", row, rect.column)
            put("│", row, lastColumn)
        }
        if rect.width > 1, rect.height > 1 {
            put("┌", rect.row, rect.column); put("┐", rect.row, lastColumn)
            put("└", lastRow, rect.column); put("┘", lastRow, lastColumn)
        }
    }
}
