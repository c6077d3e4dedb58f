/// Which Unicode symbols a picture is drawn with in symbols mode.
public enum SymbolSet: String, Equatable, Sendable, CaseIterable {
    /// Block elements (half and quarter blocks): works in any UTF-8 terminal font.
    case blocks
    /// Braille patterns: finer detail, one colour pair per cell.
    case braille
}
