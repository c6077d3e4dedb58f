/// SHA-256 (FIPS 180-4), incremental. Used for content hashes (near-duplicate grouping) and for the
/// checksums in export manifests; small enough that it is not worth a cryptography dependency.
///
/// Export hashes every byte it writes, so throughput matters: the partial block lives inline (no heap
/// array per hasher), whole blocks are read straight from the caller's memory, and the round loop
/// works on unsafe pointers so that it carries no bounds checks.
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// The bytes of an incomplete block (the first `pendingCount` of these 64).
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var countedBytes: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public init() {}

    /// The hex digest of `text`'s UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(text.utf8)
        return hasher.finalizeHex()
    }

    /// Hashes `data` (contiguous collections in one go, other sequences in 256-byte pieces).
    public mutating func update<S: Sequence>(_ data: S) where S.Element == UInt8 {
        let handled: Void? = data.withContiguousStorageIfAvailable { update(bytes: $0) }
        if handled != nil { return }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(256)
        for byte in data {
            chunk.append(byte)
            if chunk.count == 256 {
                chunk.withUnsafeBufferPointer { update(bytes: $0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.withUnsafeBufferPointer { update(bytes: $0) }
    }

    /// Hashes contiguous bytes: whole blocks straight from `bytes`, the rest kept for the next call.
    public mutating func update(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        update(raw: UnsafeRawPointer(base), count: bytes.count)
    }

    /// Hashes `count` bytes at `base`.
    public mutating func update(raw base: UnsafeRawPointer, count: Int) {
        countedBytes &+= UInt64(count)
        var offset = 0
        if pendingCount > 0 {
            let take = min(64 - pendingCount, count)
            let filled = pendingCount
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.advanced(by: filled).copyMemory(from: base, byteCount: take)
            }
            pendingCount += take
            offset = take
            guard pendingCount == 64 else { return }
            var block = pending
            withUnsafeBytes(of: &block) { compress(blocks: $0.baseAddress!, count: 1) }
            pendingCount = 0
        }
        let whole = (count - offset) / 64
        if whole > 0 {
            compress(blocks: base + offset, count: whole)
            offset += whole * 64
        }
        if offset < count {
            let rest = count - offset
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.copyMemory(from: base + offset, byteCount: rest)
            }
            pendingCount = rest
        }
    }

    /// Finishes the hash and returns the 32-byte digest (the hasher is spent afterwards).
    public mutating func finalize() -> [UInt8] {
        let words = finalizeWords()
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    /// Finishes the hash and returns the digest as 64 lower-case hex digits.
    public mutating func finalizeHex() -> String {
        let words = finalizeWords()
        return String(unsafeUninitializedCapacity: 64) { text in
            SHA256.writeHex(words, to: text.baseAddress!)
            return 64
        }
    }

    /// Finishes the hash and appends its 64 hex digits to `bytes` (no String in between).
    public mutating func appendHexDigest(to bytes: inout [UInt8]) {
        let words = finalizeWords()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { text in
            SHA256.writeHex(words, to: text.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(text))
        }
    }

    private typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// Pads the message (0x80, zeros up to 56 bytes into a block, the length in bits) and returns the state.
    private mutating func finalizeWords() -> Words {
        let totalBits = countedBytes &* 8
        let filled = pendingCount
        let tailCount = filled < 56 ? 64 : 128
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            tail.initialize(repeating: 0)
            withUnsafeBytes(of: &pending) { buffer in
                for i in 0..<filled { tail[i] = buffer[i] }
            }
            tail[filled] = 0x80
            for i in 0..<8 { tail[tailCount - 1 - i] = UInt8(truncatingIfNeeded: totalBits >> UInt64(8 * i)) }
            compress(blocks: UnsafeRawPointer(tail.baseAddress!), count: tailCount / 64)
        }
        pendingCount = 0
        return state
    }

    private static func writeHex(_ words: Words, to text: UnsafeMutablePointer<UInt8>) {
        withUnsafeBytes(of: words) { raw in
            for w in 0..<8 {
                let word = raw.load(fromByteOffset: 4 * w, as: UInt32.self)
                for digit in 0..<8 {
                    text[8 * w + digit] = hexDigit(UInt8(truncatingIfNeeded: word >> UInt32(28 - 4 * digit)) & 0x0F)
                }
            }
        }
    }

    @inline(__always) private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x57 + value
    }

    /// Runs the compression function over `count` consecutive 64-byte blocks at `blocks`.
    private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        Self.k.withUnsafeBufferPointer { kBuffer in
            let k = kBuffer.baseAddress!
            // The message schedule lives on the stack: one heap array per block was the hasher's main cost.
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let w = schedule.baseAddress!
                for block in 0..<count {
                    let bytes = blocks + block * 64
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let x = w[i - 15], y = w[i - 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                    // Eight rounds per turn with the roles of the working variables rotated in the calls,
                    // instead of shifting eight values after every round.
                    var i = 0
                    while i < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                        round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                        round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                        round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
                        round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
                        round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
                        round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
                        i += 8
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
            }
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// One round of the compression function: `d` and `h` are the two words it changes; `kw` is the
    /// round constant plus the schedule word.
    @inline(__always)
    private func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                       _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (c & (a ^ b)))
        d = d &+ t1
        h = t1 &+ t2
    }
}
