/// The hash that makes near-duplicates meet: content that differs only in letter case or white space
/// gets the same hash, and export keeps such items in one split.
public enum ContentHash {
    /// 16 hex digits of SHA-256 over the lower-cased text with runs of white space folded to one space.
    public static func of(_ text: String) -> String {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        // Lower-casing maps each scalar on its own (String.lowercased() does the same), so ASCII takes
        // a byte path and only other scalars pay for the Unicode property tables.
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if isWhitespace(scalar) {
                    pendingSpace = !normalised.isEmpty
                    continue
                }
                if pendingSpace {
                    normalised.append(0x20)
                    pendingSpace = false
                }
                let byte = UInt8(value)
                normalised.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                continue
            }
            if isKnownCaseless(scalar) {
                // Lower-case Latin-1 and Cyrillic, CJK, Hangul, emoji: no table lookup needed.
                if pendingSpace {
                    normalised.append(0x20)
                    pendingSpace = false
                }
                normalised.append(contentsOf: scalar.utf8)
                continue
            }
            if !scalar.properties.changesWhenLowercased {
                // Most non-ASCII text (CJK, emoji, lower-case accents) maps to itself.
                if isWhitespace(scalar) {
                    pendingSpace = !normalised.isEmpty
                    continue
                }
                if pendingSpace {
                    normalised.append(0x20)
                    pendingSpace = false
                }
                normalised.append(contentsOf: scalar.utf8)
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if isWhitespace(lower) {
                    pendingSpace = !normalised.isEmpty
                    continue
                }
                if pendingSpace {
                    normalised.append(0x20)
                    pendingSpace = false
                }
                normalised.append(contentsOf: lower.utf8)
            }
        }
        var hasher = SHA256()
        normalised.withUnsafeBufferPointer { hasher.update(bytes: $0) }
        return String(hasher.finalizeHex().prefix(16))
    }

    /// Ranges of common non-ASCII scalars that are not white space and map to themselves when
    /// lower-cased; the property lookup for each of them showed in import profiles.
    @inline(__always)
    static func isKnownCaseless(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xDF...0xFF, 0x430...0x45F, 0x3040...0x9FFF, 0xAC00...0xD7A3, 0x1F300...0x1FAFF:
            return true
        default:
            return false
        }
    }

    /// Unicode's White_Space property, spelled out: a table lookup per scalar was the hash's main cost.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
