import CNCurses
import Glibc

/// The terminal, through ncursesw: the only code in Docket that calls curses. It reads keys and draws screen
/// models, redrawing only the cells that changed since the last frame. ``end()`` restores the terminal and runs
/// on every exit path (the signal handlers cover Ctrl-C, SIGTERM and crashes).
public final class Terminal {
    private var previous: CellGrid?
    private var attributes: [StyleRole: Int32] = [:]
    private var isActive = false
    /// Colour pairs made for pictures' cells, after the theme's roles' pairs.
    private var picturePairs = PicturePairs()

    /// Takes over the terminal in the user's locale (so UTF-8 draws), with keys delivered one by one.
    public init(theme: Theme) {
        setlocale(LC_ALL, "")
        cn_install_signal_handlers()
        initscr()
        isActive = true
        cbreak()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        setUpColours(theme)
    }

    deinit { end() }

    private func setUpColours(_ theme: Theme) {
        let useColour = has_colors()
        if useColour {
            start_color()
            use_default_colors()
        }
        let wide = cn_colors() >= 256
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = theme.style(role)
            var attribute: Int32 = 0
            if useColour {
                let pair = Int16(index + 1)
                let fg = Int16(wide ? style.foreground256 : style.foreground8)
                let bg = Int16(wide ? style.background256 : style.background8)
                init_pair(pair, fg, bg)
                attribute |= cn_color_pair(Int32(pair))
            }
            for flag in style.attributes {
                switch flag {
                case .bold: attribute |= cn_attr_bold()
                case .dim: attribute |= cn_attr_dim()
                case .underline: attribute |= cn_attr_underline()
                case .reverse: attribute |= cn_attr_reverse()
                case .italic: attribute |= cn_attr_italic()
                }
            }
            attributes[role] = attribute
        }
    }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) { (Int(cn_cols()), Int(cn_lines())) }

    /// The signal that asked Docket to stop (SIGINT, SIGTERM, SIGHUP), or nil.
    public var quitSignal: Int32? {
        let signal = cn_quit_signal()
        return signal == 0 ? nil : Int32(signal)
    }

    /// Waits up to `milliseconds` for a key; nil when none came (or a signal interrupted the wait).
    public func readKey(milliseconds: Int32) -> Key? {
        timeout(milliseconds)
        var character: wint_t = 0
        let result = get_wch(&character)
        if result == ERR { return nil }
        if result == cn_key_code_yes() {
            switch Int32(character) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_BTAB: return .backTab
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_RESIZE: return .resize
            default: return .other(Int32(character))
            }
        }
        switch character {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard character >= 32, let scalar = Unicode.Scalar(UInt32(character)) else { return .other(Int32(character)) }
            return .character(Character(scalar))
        }
    }

    /// Draws `grid`, touching only the cells that differ from the last frame (all of them after a resize).
    public func draw(_ grid: CellGrid) {
        if let previous, previous.width != grid.width || previous.height != grid.height { clear() }
        // Pixels of a graphics protocol are not cells: when a picture changes or goes, repaint everything.
        let oldGraphics = previous?.graphics ?? []
        let graphicsChanged = grid.graphics != oldGraphics
        if graphicsChanged, !oldGraphics.isEmpty { clear(); previous = nil }
        for change in GridDiff.changes(from: previous, to: grid) {
            var column = change.column
            var start = 0
            while start < change.cells.count {
                // One write per run of cells with the same role and picture colours.
                let role = change.cells[start].role
                let colour = change.cells[start].colour
                var text = ""
                var end = start
                while end < change.cells.count,
                      (change.cells[end].role == role && change.cells[end].colour == colour) || change.cells[end].isContinuation {
                    text += Self.drawable(change.cells[end].text)
                    end += 1
                }
                attrset(colour.map { picturePairs.attribute(for: $0, firstPair: Int32(StyleRole.allCases.count + 1)) } ?? attributes[role] ?? 0)
                mvaddstr(Int32(change.row), Int32(column), text)
                column += end - start
                start = end
            }
        }
        attrset(0)
        refresh()
        if graphicsChanged { GraphicsOutput.write(grid.graphics, replacing: oldGraphics) }
        previous = grid
    }

    /// Last line of defence: a cell that somehow holds a control character is drawn as `?`.
    ///
    /// An emoji sequence joined by U+200D (🏳️‍🌈, 👨‍👩‍👧‍👦) is drawn as its parts side by side, without the joiners:
    /// terminals disagree on its width (curses counts every part, tmux 3.3 the first part only, others two
    /// columns), and each disagreement moved the rest of the row (a gap, a lost part). Its parts alone are
    /// counted alike everywhere, and the screen model gives the cell exactly their columns (``CellGrid``).
    /// The sanitiser has already turned every joiner outside an emoji into visible text (⟨U+200D⟩).
    static func drawable(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }) else { return "?" }
        guard text.unicodeScalars.count > 1, text.unicodeScalars.contains("\u{200D}") else { return text }
        var parts = String.UnicodeScalarView()
        parts.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != "\u{200D}" })
        return String(parts)
    }

    /// Forgets the last frame so the next ``draw(_:)`` repaints everything.
    public func invalidate() { previous = nil }

    /// Gives the terminal back to the shell. Safe to call more than once.
    public func end() {
        guard isActive else { return }
        isActive = false
        endwin()
    }
}
