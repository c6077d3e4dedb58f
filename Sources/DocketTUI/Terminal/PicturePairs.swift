import CNCurses

/// Curses colour pairs for pictures' cells, made as colours appear: a picture brings hundreds of
/// foreground and background combinations, where the theme's roles need one pair each.
struct PicturePairs {
    private var pairs: [CellColour: Int32] = [:]

    /// The attribute that draws `colour`, making its pair (numbered from `firstPair`) the first time.
    /// When the terminal's pairs run out, the oldest are reused from the start: a picture may then show
    /// a few cells in wrong colours until it is redrawn, which beats drawing nothing.
    mutating func attribute(for colour: CellColour, firstPair: Int32) -> Int32 {
        guard has_colors() else { return 0 }
        if let pair = pairs[colour] { return cn_color_pair(pair) }
        let wide = cn_colors() >= 256
        let limit = min(Int32(cn_color_pairs()), Int32(Int16.max))
        var pair = firstPair + Int32(pairs.count)
        if pair >= limit {
            pairs.removeAll()
            pair = firstPair
        }
        let fg = wide ? Int16(colour.foreground) : Self.eightColour(colour.foreground)
        let bg = wide ? Int16(colour.background) : Self.eightColour(colour.background)
        init_pair(Int16(pair), fg, bg)
        pairs[colour] = pair
        return cn_color_pair(pair)
    }

    /// The nearest of the eight basic colours to palette entry `index` (for terminals without 256 colours).
    static func eightColour(_ index: UInt8) -> Int16 {
        let rgb: (Int, Int, Int)
        if index >= 232 {
            let level = 8 + Int(index - 232) * 10
            rgb = (level, level, level)
        } else if index >= 16 {
            let cube = Int(index) - 16, steps = [0, 95, 135, 175, 215, 255]
            rgb = (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
        } else {
            return Int16(index % 8)
        }
        // Each channel on or off; ncurses numbers colours red = 1, green = 2, blue = 4.
        return Int16((rgb.0 > 127 ? 1 : 0) | (rgb.1 > 127 ? 2 : 0) | (rgb.2 > 127 ? 4 : 0))
    }
}
