/// Follows the scalars of a line to tell which ones belong to the emoji sequence before them, so that a
/// rainbow flag (🏳️‍🌈), a family (👨‍👩‍👧‍👦), a country flag (🇬🇧) or a skin tone stays one character on screen.
///
/// Such a scalar is drawn in the cell of the character it joins, takes no columns, and is not replaced by a
/// placeholder: a zero-width joiner between two pictographs, the pictograph after it, a variation selector,
/// skin tone or tag character after a pictograph, the second regional indicator of a flag. A joiner anywhere
/// else is not part of an emoji and stays visible as `⟨U+200D⟩` (``ContentSanitiser``).
public struct EmojiSequence: Sendable {
    private var afterPictograph = false
    private var joining = false
    private var openFlag = false

    /// A follower at the start of a line.
    public init() {}

    /// Whether `scalar`, followed by `next` (nil at the end of the line), joins the character before it.
    public mutating func joins(_ scalar: Unicode.Scalar, next: Unicode.Scalar?) -> Bool {
        let value = scalar.value
        if value < 0x2000 {  // below General Punctuation nothing joins: the common case stays cheap
            afterPictograph = false
            joining = false
            openFlag = false
            return false
        }
        if value == 0x200D {
            joining = afterPictograph && next.map(Self.isPictograph) == true
            return joining
        }
        if Self.isRegionalIndicator(value) {
            afterPictograph = false
            joining = false
            openFlag.toggle()
            return !openFlag
        }
        // Skin tones are emoji themselves: they are checked before pictographs.
        if afterPictograph, value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(value) || (0xE0020...0xE007F).contains(value) {
            return true
        }
        if Self.isPictograph(scalar) {
            defer { joining = false; afterPictograph = true; openFlag = false }
            return joining
        }
        afterPictograph = false
        joining = false
        openFlag = false
        return false
    }

    /// Emoji pictographs (not the digits and signs that are also emoji, nor regional indicators).
    static func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2000 && !isRegionalIndicator(scalar.value) && scalar.properties.isEmoji
    }

    static func isRegionalIndicator(_ value: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(value) }
}
