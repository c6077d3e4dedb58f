@testable import DocketCore
import Testing

/// A JSON number's value: the shortcut for plain decimals must give exactly what `Double(text)` gives.
struct JSONNumberTests {
    @Test("plain decimals read the same as Double(text), to the last bit")
    func plainDecimalsMatchStrtod() {
        var samples = ["0", "-0", "1", "0.5", "0.1", "0.3", "0.7", "1.0", "0.1234", "0.9999", "123456789012345",
                       "-17", "0.000000000000001", "99999.999999999", "3.141592653589793", "0.30000000000000004"]
        // Scores as classifiers write them (2 to 15 digits) and whole numbers such as report counts.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let digits = Int(state >> 59) % 17 + 1
            let integer = Int(state >> 20 & 0xFF) % 3 == 0 ? String(state >> 40 & 0xFFFF) : "0"
            var fraction = String(state % 100_000_000_000_000_000)
            fraction = String(fraction.prefix(max(1, digits - integer.count)))
            samples.append("\(integer).\(fraction)")
            samples.append(String(state >> 30))
        }
        for text in samples {
            let expected = Double(text)
            #expect(JSONValue.number(text).doubleValue?.bitPattern == expected?.bitPattern, "\(text)")
        }
    }

    @Test("numbers the shortcut does not handle still read as Double(text)")
    func otherNumbersFallBack() {
        for text in ["1e5", "-2.5E-3", "12345678901234567890", "0.12345678901234567", "1.7976931348623157e308", "5e-324"] {
            #expect(JSONValue.simpleDecimal(text) == nil, "\(text)")
            #expect(JSONValue.number(text).doubleValue == Double(text), "\(text)")
        }
        // Leading zeros are not significant digits: these are short cuts too, and exact.
        for text in ["0.000394225409543941", "0.0042", "-0.0000000000000000000001"] {
            #expect(JSONValue.simpleDecimal(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        // More than 22 places is past the exact powers of ten: left to Double(text), never a crash.
        #expect(JSONValue.simpleDecimal("0.00000000000000000000000001") == nil)
        #expect(JSONValue.simpleDecimal("1.") == nil)
        #expect(JSONValue.simpleDecimal(".5") == nil)
        #expect(JSONValue.simpleDecimal("-") == nil)
        #expect(JSONValue.simpleDecimal("") == nil)
    }
}
