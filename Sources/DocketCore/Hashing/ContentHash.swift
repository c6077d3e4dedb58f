/// The hash that makes near-duplicates meet: content that differs only in letter case or white space
/// gets the same hash, and export keeps such items in one split.
public enum ContentHash {
    /// 16 hex digits of SHA-256 over the lower-cased text with runs of white space folded to one space.
    public static func of(_ text: String) -> String {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !normalised.isEmpty
                continue
            }
            if pendingSpace {
                normalised.append(0x20)
                pendingSpace = false
            }
            if scalar.isASCII {
                normalised.append(UInt8(scalar.value))
            } else {
                normalised.append(contentsOf: String(scalar).utf8)
            }
        }
        var hasher = SHA256()
        normalised.withUnsafeBufferPointer { hasher.update(bytes: $0) }
        return String(hasher.finalizeHex().prefix(16))
    }
}
