/// FNV-1a, 64 bit: a fast fingerprint of a record's raw bytes to detect unchanged re-imports.
public struct Fingerprint {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        value = hash
    }

    public mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { add($0) }
        var separator: UInt8 = 0x1F
        withUnsafePointer(to: &separator) { add(UnsafeBufferPointer(start: $0, count: 1)) }
    }
}
