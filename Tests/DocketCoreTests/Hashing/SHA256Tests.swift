import DocketCore
import Testing

/// SHA-256 against the FIPS 180-4 example digests, and incremental updates against one-shot hashing
/// (export hashes files in 1 MB chunks that split blocks anywhere).
struct SHA256Tests {
    @Test func knownDigests() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { chunk.withUnsafeBufferPointer { million.update(bytes: $0) } }
        #expect(million.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func chunkedUpdatesMatchOneShot() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var whole = SHA256()
            whole.update(bytes)
            let expected = whole.finalizeHex()
            for step in [1, 3, 63, 64, 65, 200] {
                var pieces = SHA256()
                var offset = 0
                while offset < bytes.count {
                    let end = min(offset + step, bytes.count)
                    bytes[offset..<end].withUnsafeBufferPointer { pieces.update(bytes: $0) }
                    offset = end
                }
                #expect(pieces.finalizeHex() == expected, "length \(length), step \(step)")
            }
        }
    }
}
