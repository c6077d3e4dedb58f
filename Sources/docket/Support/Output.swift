import DocketCore
import Foundation

/// Printing helpers shared by the commands.
enum Output {
    /// Prints a JSON value on one line.
    static func json(_ value: JSONValue) {
        print(JSONWriter.string(value))
    }

    /// Prints rows as a left-aligned table with a header (numbers right-aligned). Every cell is
    /// sanitised (cells may hold untrusted names and text) and measured in display columns.
    static func table(_ header: [String], _ rows: [[String]]) {
        let rows = rows.map { $0.map(ContentSanitiser.sanitiseLine) }
        var widths = header.map(DisplayWidth.of)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(cell)))
                return Double(cell) != nil && i > 0 ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}
