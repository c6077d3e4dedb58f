import Crypto

/// SHA-256 (FIPS 180-4), incremental: content hashes (near-duplicate grouping), salted hashes of personal
/// data, and the checksums of export manifests. swift-crypto's implementation (BoringSSL's, with the
/// processor's SHA instructions where it has them) behind the few calls Docket makes: export hashes every
/// byte it writes, so this is on its hot path (Docs/benchmarks.md, `hash`).
public struct SHA256: @unchecked Sendable {
    // swift-crypto 3 does not mark its SHA256 Sendable on Linux, but it is a value: copies share their
    // BoringSSL context only until one of them is updated (copy on write), so a copy sent to another thread
    // never shares mutable state.
    private var hasher = Crypto.SHA256()

    public init() {}

    /// The hex digest of `text`'s UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(text.utf8)
        return hasher.finalizeHex()
    }

    /// Hashes `data` (contiguous collections in one go, other sequences copied first).
    public mutating func update<S: Sequence>(_ data: S) where S.Element == UInt8 {
        let handled: Void? = data.withContiguousStorageIfAvailable { update(bytes: $0) }
        if handled == nil { Array(data).withUnsafeBufferPointer { update(bytes: $0) } }
    }

    /// Hashes contiguous bytes.
    public mutating func update(bytes: UnsafeBufferPointer<UInt8>) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
    }

    /// Hashes `count` bytes at `base`.
    public mutating func update(raw base: UnsafeRawPointer, count: Int) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Finishes the hash and returns the 32-byte digest (the hasher is spent afterwards).
    public mutating func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// Finishes the hash and returns the digest as 64 lower-case hex digits.
    public mutating func finalizeHex() -> String {
        var text: [UInt8] = []
        appendHexDigest(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Finishes the hash and appends its 64 hex digits to `bytes` (no String in between).
    public mutating func appendHexDigest(to bytes: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        bytes.reserveCapacity(bytes.count + 64)
        digits.withUTF8Buffer { hex in
            for byte in hasher.finalize() {
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
    }
}
