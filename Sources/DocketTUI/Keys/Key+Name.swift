extension Key {
    /// The key a keymap file names: one character (`s`, `?`), or `Enter`, `Esc`, `Tab`, `S-Tab`, `Space`,
    /// `Bksp`, `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End` (also as the help writes them: `↑`).
    /// Nil for anything else.
    public init?(name: String) {
        switch name.lowercased() {
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "s-tab", "backtab", "shift-tab": self = .backTab
        case "space": self = .character(" ")
        case "bksp", "backspace": self = .backspace
        case "up", "↑": self = .up
        case "down", "↓": self = .down
        case "left", "←": self = .left
        case "right", "→": self = .right
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        default:
            guard name.count == 1, let character = name.first, !character.isWhitespace,
                  character.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value != 0x7F }) else { return nil }
            self = .character(character)
        }
    }
}
