import Foundation

/// The one run loop of Docket's screens: draws a ``ScreenSession`` and feeds it keys until the person quits or
/// a signal arrives. Below the minimum size only a quit key works (and none while typing), so that a stray key
/// never decides an item nobody can see.
public enum ScreenLoop {
    /// Runs `session` on `terminal`. Returns the signal that ended it (SIGINT, SIGTERM, SIGHUP), or nil when
    /// the person quit.
    public static func run(_ session: ScreenSession, on terminal: Terminal) -> Int32? {
        while session.isRunning {
            if let signal = terminal.quitSignal { return signal }
            let size = terminal.size
            session.width = size.width
            session.height = size.height
            terminal.draw(session.render())
            // A one-second wait keeps the clocks moving, the lease renewed and new work looked for.
            guard let key = terminal.readKey(milliseconds: 1000) else {
                session.tick(now: Date().timeIntervalSince1970)
                continue
            }
            if terminal.size.width < ScreenFrame.minimumWidth || terminal.size.height < ScreenFrame.minimumHeight {
                if !session.isTyping, session.isQuitKey(key) { session.quit() }
                continue
            }
            session.handle(key, now: Date().timeIntervalSince1970)
        }
        return nil
    }
}
