import DocketCore
import DocketStore
import Foundation

/// Runs the review screen on the terminal: picks a queue when none is given, then feeds keys to a
/// ``ReviewSession`` and draws its screen model until the reviewer quits or a signal arrives.
/// The terminal is restored and the lease released on every way out.
public enum ReviewApp {
    /// Reviews `queue` (or lets the reviewer pick one) as `reviewer` with `theme` and the keys of `keymap`.
    /// Returns the signal that ended the session (SIGINT, SIGTERM, SIGHUP), or nil when the reviewer quit.
    @discardableResult
    public static func run(store: ReviewStore, queue: String?, reviewer: String, theme: Theme, keymap: KeymapFile = KeymapFile(),
                           images: ImageOptions = ImageOptions()) throws -> Int32? {
        let terminal = Terminal(theme: theme)
        defer { terminal.end() }
        var chosen = queue
        if chosen == nil {
            var picker = QueuePicker(queues: try store.queueSummaries())
            while chosen == nil {
                if let signal = terminal.quitSignal { return signal }
                let size = terminal.size
                terminal.draw(picker.render(width: size.width, height: size.height))
                guard let key = terminal.readKey(milliseconds: 1000) else { continue }
                switch picker.handle(key) {
                case .stay: continue
                case .quit: return nil
                case .start(let id): chosen = id
                }
            }
            terminal.invalidate()
        }
        let session = try ReviewSession(store: store, queue: chosen!, reviewer: reviewer, now: Date().timeIntervalSince1970, keymap: keymap)
        defer { if session.isRunning { session.quit() } }
        session.imageOptions = images
        try session.start(now: Date().timeIntervalSince1970)
        return ScreenLoop.run(session, on: terminal)
    }
}
