/// What the one terminal loop (``ScreenLoop``) needs from a screen's controller: the review and the
/// adjudication screens are both driven through it, with the same keys handled the same way.
public protocol ScreenSession: AnyObject {
    /// False once the person quit.
    var isRunning: Bool { get }
    /// The terminal size, set by the loop before each frame.
    var width: Int { get set }
    var height: Int { get set }
    /// Whether a text prompt is open: every key then belongs to it (even while the terminal is too small).
    var isTyping: Bool { get }
    /// Whether `key` quits this screen (its keymap's quit keys).
    func isQuitKey(_ key: Key) -> Bool
    /// The screen model at the current size.
    func render() -> CellGrid
    /// One key press at time `now`.
    func handle(_ key: Key, now: Double)
    /// About once a second without a key: clocks, leases, polling.
    func tick(now: Double)
    /// Ends the session (gives back what it holds).
    func quit()
}
