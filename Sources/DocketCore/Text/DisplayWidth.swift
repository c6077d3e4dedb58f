/// How many terminal columns text takes: CJK and emoji take two, combining marks none, everything else one.
/// Always measure this way, never with `String.count`.
public enum DisplayWidth {
    /// Columns taken by one scalar that ``ContentSanitiser`` lets through (0, 1 or 2).
    @inlinable
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        return slowWidth(scalar)
    }

    @usableFromInline
    static func slowWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value >= 0x1160 && value <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants join the syllable
        if value >= 0xFE00 && value <= 0xFE0F { return 0 }  // variation selectors
        if value >= 0x1F1E6 && value <= 0x1F1FF { return 1 }  // regional indicators: a flag is two of them, two columns
        if isWide(value) { return 2 }
        if properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, condensed). Pictographs are not listed: those drawn
    /// wide are exactly the emoji-presentation ones (🏳 without a variation selector takes one column).
    @usableFromInline
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Columns taken by `text` once sanitised (placeholders included; a tab counts as its spaces).
    public static func of(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            if scalar == "\t" { total += ContentSanitiser.tabSpaces.count; continue }
            if let shown = ContentSanitiser.placeholder(for: scalar) {
                total += shown.unicodeScalars.reduce(0) { $0 + of($1) }
            } else {
                total += of(scalar)
            }
        }
        return total
    }

    /// The longest sanitised prefix of `text` that fits in `width` columns, ending with `ellipsis` when cut.
    /// Never splits a character from its combining marks; stops reading as soon as the width is reached,
    /// so a 5 MB value costs no more than a short one.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let ellipsisWidth = of(ellipsis)
        var out = String()
        var used = 0
        var cutAt: (String.Index, Int)? = nil  // where to cut if the ellipsis is needed
        for scalar in text.unicodeScalars {
            let shown: String
            if scalar == "\n" { shown = "\u{2424}" } else if scalar == "\t" { shown = ContentSanitiser.tabSpaces }
            else { shown = ContentSanitiser.placeholder(for: scalar) ?? String(scalar) }
            let w = shown.unicodeScalars.reduce(0) { $0 + of($1) }
            if used + w > width {
                if let (index, _) = cutAt { out.removeSubrange(index...) }
                if ellipsisWidth <= width { out += ellipsis }
                return out
            }
            if w > 0, used + w > width - ellipsisWidth, cutAt == nil { cutAt = (out.endIndex, used) }
            out += shown
            used += w
        }
        return out
    }

    /// `text` truncated or padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let fitted = truncate(text, to: width)
        let shortBy = width - of(fitted)
        return shortBy > 0 ? fitted + String(repeating: " ", count: shortBy) : fitted
    }
}
