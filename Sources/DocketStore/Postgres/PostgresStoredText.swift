/// How an item's content is kept in a PostgreSQL `text` column, which cannot hold U+0000 (NUL) while SQLite and
/// Docket's records can: content with a NUL is stored in a reversible form, everything else exactly as it is.
///
/// The form: the noncharacter U+FDD0 (which Unicode reserves for a program's internal use), then the text with
/// each NUL written as U+FDD0 "0" and each U+FDD0 as U+FDD0 U+FDD0. Text is encoded only when it holds a NUL or
/// starts with U+FDD0, so the stored value of every other text is the text itself (what `psql` shows), and
/// reading back gives the exact original scalars. Only the item content needs it: ids, names, notes and
/// explanation texts with a NUL are refused at import on both backends, and JSON columns escape NUL as `\u0000`.
enum PostgresStoredText {
    // Built from its number: Swift refuses noncharacters in literals.
    static let marker = Unicode.Scalar(UInt32(0xFDD0))!
    private static let nul: Unicode.Scalar = "\u{0}"

    /// The value to store for `text`.
    static func encode(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var bytes = text
        guard scalars.first == marker || bytes.withUTF8({ $0.contains(0) }) else { return text }
        var encoded = String.UnicodeScalarView()
        encoded.append(marker)
        for scalar in scalars {
            switch scalar {
            case nul: encoded.append(marker); encoded.append("0")
            case marker: encoded.append(marker); encoded.append(marker)
            default: encoded.append(scalar)
            }
        }
        return String(encoded)
    }

    /// The text a stored value stands for (the inverse of ``encode(_:)``).
    static func decode(_ stored: String) -> String {
        guard stored.unicodeScalars.first == marker else { return stored }
        var decoded = String.UnicodeScalarView()
        var escaped = false
        for scalar in stored.unicodeScalars.dropFirst() {
            if escaped {
                decoded.append(scalar == "0" ? nul : scalar)
                escaped = false
            } else if scalar == marker {
                escaped = true
            } else {
                decoded.append(scalar)
            }
        }
        return String(decoded)
    }
}
