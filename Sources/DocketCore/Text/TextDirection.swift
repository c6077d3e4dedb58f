/// Which way a script is written, so that right-to-left text can be marked (it is always shown in
/// logical order: the order of the code points, which is the order the user typed them).
public enum TextDirection {
    /// Whether `scalar` belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...).
    @inlinable
    public static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// Whether any character of `text` is right-to-left.
    public static func containsRightToLeft(_ text: Substring.UnicodeScalarView) -> Bool {
        text.contains { $0.value >= 0x590 && isRightToLeft($0) }
    }
}
