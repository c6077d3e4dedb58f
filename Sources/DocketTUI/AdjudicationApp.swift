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
        return ScreenLoop.run(session, on: terminal)
    }
}
