import DocketCore
import Foundation

/// Integer codes for the few distinct short texts of a large read (reviewer names, labels, decision kinds), found
/// by their UTF-8 bytes straight from SQLite's buffer: a text seen before costs a hash and a compare, no String.
struct TextCodes {
    private var entries: [(bytes: [UInt8], code: Int32)] = []
    /// Open addressing: entry index + 1 per slot, 0 for empty; the count of slots is a power of two.
    private var slots = [Int32](repeating: 0, count: 64)

    /// The code of `bytes`; the first time they are seen, `make` gives it (from the text as a String).
    mutating func code(_ bytes: UnsafeBufferPointer<UInt8>, make: (String) -> Int32) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if Self.same(entries[entry].bytes, bytes) { return entries[entry].code }
            slot = (slot + 1) & mask
        }
        let code = make(String(decoding: bytes, as: UTF8.self))
        entries.append((Array(bytes), code))
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return code
    }

    private static func same(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.count == bytes.count else { return false }
        if bytes.isEmpty { return true }
        return known.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in entry.bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

extension DecisionKind {
    /// The kind stored as `firstByte`'s name: the kinds differ in their first letter, so a large read (the
    /// report, the export) codes them from one byte of SQLite's buffer instead of making a String each.
    static func fromFirstByte(_ firstByte: UInt8) -> DecisionKind {
        switch firstByte {
        case UInt8(ascii: "l"): return .label
        case UInt8(ascii: "e"): return .escalate
        case UInt8(ascii: "a"): return .adjudication
        case UInt8(ascii: "u"): return .undo
        default: return .skip
        }
    }
}
