/// How pictures reach the terminal: Unicode symbols (any UTF-8 terminal, tmux included), sixel
/// graphics, or the kitty graphics protocol; `auto` picks from the environment.
public enum GraphicsMode: String, Equatable, Sendable, CaseIterable {
    case symbols, sixel, kitty, auto

    /// The mode to use in a terminal described by `environment` (`TERM`, `TERM_PROGRAM`, `KITTY_WINDOW_ID`,
    /// `TMUX`). Only terminals known to speak a pixel protocol get it; everything else, and anything inside
    /// tmux or screen (which may not pass the escapes through), gets symbols.
    public func resolved(environment: [String: String]) -> GraphicsMode {
        guard self == .auto else { return self }
        let term = environment["TERM"] ?? ""
        if environment["TMUX"] != nil || term.hasPrefix("screen") || term.hasPrefix("tmux") { return .symbols }
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || environment["TERM_PROGRAM"] == "WezTerm"
            || environment["TERM_PROGRAM"] == "ghostty" { return .kitty }
        if ["mlterm", "foot", "contour"].contains(where: { term.hasPrefix($0) }) || environment["TERM_PROGRAM"] == "iTerm.app" {
            return .sixel
        }
        return .symbols
    }
}
