import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (quiet when piped or in CI).
struct ProgressBar {
    let label: String
    let enabled: Bool
    private var lastDraw: Double = 0

    init(label: String) {
        self.label = label
        enabled = isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    /// Redraws at most ten times a second.
    mutating func update(done: Int64, total: Int64?, detail: String) {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        guard now - lastDraw > 0.1 else { return }
        lastDraw = now
        var line = "\r\(label) "
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += String(format: "%3.0f%% ", fraction * 100)
        }
        line += detail + "\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
