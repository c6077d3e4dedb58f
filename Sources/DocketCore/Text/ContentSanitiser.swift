/// Turns untrusted text (item content, metadata, rationales) into text that is safe to draw on a terminal:
/// every character a terminal could obey or hide is replaced by a visible placeholder.
///
/// - ESC is shown as `␛` and the other C0 controls as their control pictures (`␀`, `␇`, ...), DEL as `␡`.
/// - C1 controls, bidi overrides/isolates/marks, zero-width and other invisible format characters
///   (general category Cf), line/paragraph separators, private-use, surrogate and unassigned code points
///   are shown as `⟨U+202E⟩`; so are characters that draw as blanks (U+3164 Hangul filler, U+2800 blank braille).
/// - A tab becomes spaces; a newline is kept as a line break (``sanitise(_:)``) or shown as `␤`
///   (``sanitiseLine(_:)``). Variation selectors and combining marks stay: they never move the cursor.
public enum ContentSanitiser {
    /// Spaces that stand for one tab.
    public static let tabSpaces = "    "

    /// The visible text that stands for `scalar`, or nil when the scalar may be drawn as it is.
    /// Tab and newline are not handled here (their meaning depends on where the text goes).
    @inlinable
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return nil }  // printable ASCII: the common case
        if value < 0x20 { return String(Unicode.Scalar(0x2400 + value)!) }  // ␀ .. ␟ (ESC is ␛)
        if value == 0x7F { return "\u{2421}" }  // ␡
        if value < 0xA0 { return codePoint(value) }  // C1 controls
        if value < 0x300 { return value == 0xAD ? codePoint(value) : nil }  // Latin-1: only the soft hyphen hides
        return needsCodePoint(scalar) || isBlankLookalike(value) ? codePoint(value) : nil
    }

    /// Letters and symbols that draw as nothing (Hangul fillers, the blank braille pattern): a name or a
    /// message made of them looks empty, so they are shown by their code point like invisible format characters.
    @usableFromInline
    static func isBlankLookalike(_ value: UInt32) -> Bool {
        value == 0x3164 || value == 0x2800 || value == 0x115F || value == 0x1160 || value == 0xFFA0
    }

    /// Whether a non-ASCII scalar must be shown by its code point.
    @usableFromInline
    static func needsCodePoint(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return false
        }
    }

    /// `⟨U+202E⟩` for a code point.
    @usableFromInline
    static func codePoint(_ value: UInt32) -> String {
        var hex = String(value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "⟨U+" + hex + "⟩"
    }

    /// Safe text for a multi-line pane: newlines stay line breaks (CR LF counts as one), tabs become spaces.
    public static func sanitise(_ text: String) -> String {
        if isPlain(text) { return text }
        var out = String()
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\n":
                if previousCR { out.removeLast(ContentSanitiser.placeholder(for: "\r")!.count) }
                out.append("\n")
            case "\t": out.append(tabSpaces)
            default:
                if let shown = placeholder(for: scalar) { out.append(shown) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Safe text for one line (a metadata value, a label, a header): newlines are shown as `␤`.
    public static func sanitiseLine(_ text: String) -> String {
        if isPlain(text) && !text.utf8.contains(10) { return text }
        var out = String()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append("\u{2424}")
            case "\t": out.append(tabSpaces)
            default:
                if let shown = placeholder(for: scalar) { out.append(shown) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Whether `text` is printable ASCII plus newlines, which needs no work.
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 10 }
    }
}
