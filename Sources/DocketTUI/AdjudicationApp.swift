import DocketCore
import DocketStore
import Foundation

/// Runs the adjudication screen on the terminal: feeds keys to an ``AdjudicationSession`` and draws its screen
/// model until the lead quits or a signal arrives. The terminal is restored on every way out.
public enum AdjudicationApp {
    /// Runs `session` with `theme` until the lead quits. Returns the signal that ended the session (SIGINT,
    /// SIGTERM, SIGHUP), or nil when the lead quit; decisions already recorded stay recorded either way.
    @discardableResult
    public static func run(_ session: AdjudicationSession, theme: Theme) -> Int32? {
        let terminal = Terminal(theme: theme)
        defer { terminal.end() }
        while session.isRunning {
            if let signal = terminal.quitSignal { return signal }
            let size = terminal.size
            session.width = size.width
            session.height = size.height
            terminal.draw(session.render())
            guard let key = terminal.readKey(milliseconds: 1000) else { continue }
            if terminal.size.width < ReviewLayout.minimumWidth || terminal.size.height < ReviewLayout.minimumHeight {
                // Too small to show the item: only quitting works, so a stray key never decides blind.
                if key == .character("q") { session.quit() }
                continue
            }
            session.handle(key, now: Date().timeIntervalSince1970)
        }
        return nil
    }
}
