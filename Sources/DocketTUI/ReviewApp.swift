import DocketCore
import DocketStore
import Foundation

/// Runs the review screen on the terminal: picks a queue when none is given, then feeds keys to a
/// ``ReviewSession`` and draws its screen model until the reviewer quits or a signal arrives.
/// The terminal is restored and the lease released on every way out.
public enum ReviewApp {
    /// Reviews `queue` (or lets the reviewer pick one) as `reviewer` with `theme`. Returns the signal that
    /// ended the session (SIGINT, SIGTERM, SIGHUP), or nil when the reviewer quit.
    @discardableResult
    public static func run(store: ReviewStore, queue: String?, reviewer: String, theme: Theme,
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
        let session = try ReviewSession(store: store, queue: chosen!, reviewer: reviewer, now: Date().timeIntervalSince1970)
        defer { if session.isRunning { session.quit() } }
        session.imageOptions = images
        try session.start(now: Date().timeIntervalSince1970)
        while session.isRunning {
            if let signal = terminal.quitSignal { return signal }
            let size = terminal.size
            session.width = size.width
            session.height = size.height
            terminal.draw(session.render())
            // A one-second wait keeps the clocks in the header moving and the lease renewed.
            if let key = terminal.readKey(milliseconds: 1000) {
                if terminal.size.width < ReviewLayout.minimumWidth || terminal.size.height < ReviewLayout.minimumHeight {
                    // Too small to show the item: only quitting works, so a stray key never decides blind.
                    if key == .character("q") { session.quit() }
                    continue
                }
                session.handle(key, now: Date().timeIntervalSince1970)
            } else {
                session.tick(now: Date().timeIntervalSince1970)
            }
        }
        return nil
    }
}
