/// A key press as the screens see it, independent of the terminal library.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace
    /// The terminal changed size.
    case resize
    /// A function key or sequence the screens do not use.
    case other(Int32)

    /// How the key is written in the help overlay and the status line.
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .resize: return "resize"
        case .other(let code): return "key \(code)"
        }
    }
}
