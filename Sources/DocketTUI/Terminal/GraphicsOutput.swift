import Glibc

/// Writes pictures of a pixel graphics protocol (sixel, kitty) to the terminal after curses has drawn the
/// cells: curses knows nothing of them, so they go straight to standard output at their cell position.
enum GraphicsOutput {
    /// Draws `placements`; kitty images drawn before (in `replacing`) are deleted first.
    static func write(_ placements: [GraphicsPlacement], replacing old: [GraphicsPlacement]) {
        var output = ""
        // Kitty keeps images until told to delete them; sixel pixels are overwritten by the redrawn cells.
        if old.contains(where: { $0.escape.contains("\u{1B}_G") }) { output += "\u{1B}_Ga=d\u{1B}\\" }
        for placement in placements {
            output += "\u{1B}7\u{1B}[\(placement.row + 1);\(placement.column + 1)H" + placement.escape + "\u{1B}8"
        }
        guard !output.isEmpty else { return }
        // Straight to the file descriptor: curses has flushed its own output by now (refresh).
        var bytes = Array(output.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
