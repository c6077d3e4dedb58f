/// The hash that makes near-duplicates meet: content that differs only in letter case or white space
/// gets the same hash, and export keeps such items in one split.
public enum ContentHash {
    /// 16 hex digits of SHA-256 over the lower-cased text with runs of white space folded to one space.
    public static func of(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { of(utf8: $0) }
    }

    /// The hash of valid UTF-8 (a String's own bytes). Lower-casing maps each scalar on its own
    /// (String.lowercased() does the same), so ASCII bytes take a byte path, scalars are decoded from
    /// the bytes in place, and only uncommon ones pay for the Unicode property tables.
    private static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                if lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) {
                    pendingSpace = !normalised.isEmpty
                    continue
                }
                if pendingSpace {
                    normalised.append(0x20)
                    pendingSpace = false
                }
                normalised.append(lead >= 0x41 && lead <= 0x5A ? lead | 0x20 : lead)
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            let encoded = UnsafeBufferPointer(rebasing: bytes[index..<index + length])
            index += length
            let scalar = Unicode.Scalar(value)!   // the bytes are a String's: valid UTF-8
            if isKnownCaseless(scalar) {
                // Lower-case Latin-1 and Cyrillic, CJK, Hangul, emoji: no table lookup needed.
                if pendingSpace {
                    normalised.append(0x20)
                    pendingSpace = false
                }
                normalised.append(contentsOf: encoded)
                continue
            }
            if !scalar.properties.changesWhenLowercased {
                if isWhitespace(scalar) {
                    pendingSpace = !normalised.isEmpty
                    continue
                }
                if pendingSpace {
                    normalised.append(0x20)
                    pendingSpace = false
                }
                normalised.append(contentsOf: encoded)
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
