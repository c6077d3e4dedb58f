@testable import DocketCore
import Testing

/// The content hash groups near-duplicates; its fast path must agree with the plain definition
/// (lower-case the whole text, fold white space), or items imported before and after would not meet.
struct ContentHashTests {
    /// The definition, written the slow and obvious way.
    static func reference(_ text: String) -> String {
        var normalised: [UInt8] = []
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
            normalised.append(contentsOf: String(scalar).utf8)
        }
        return String(SHA256.hex(String(decoding: normalised, as: UTF8.self)).prefix(16))
    }

    @Test func caseAndWhiteSpaceDoNotMatter() {
        #expect(ContentHash.of("Hello   World") == ContentHash.of("hello world"))
        #expect(ContentHash.of("  ÉCOLE\u{3000}Straße\n") == ContentHash.of("école straße"))
        #expect(ContentHash.of("hello world") != ContentHash.of("hello  worlds"))
    }

    @Test func agreesWithTheDefinition() {
        let samples = [
            "", " ", "ASCII only", "Ünïcödé ÀÉÎÕÜ", "ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ", "İstanbul KELVIN \u{212A}", "日本語 😀 emoji",
            "tab\tnew\nline\u{0085}nel\u{00A0}nbsp\u{2028}ls\u{205F}", "Ǆ ǅ ǆ titlecase", "ﬁ ligature ẞ capital sharp s",
            "\u{202E}right-to-left\u{200B}zero-width", "Привет МИР", "ԱԲԳ ႠႡ ᏸ",
        ]
        for text in samples {
            #expect(ContentHash.of(text) == Self.reference(text), "\(text)")
        }
    }

    @Test func everyScalarTakesTheRightPath() {
        // The fast path's three shortcuts, checked against the Unicode tables for every scalar:
        // the spelled-out White_Space list, the ranges listed as caseless, and "does not change when lower-cased" meaning it maps to itself.
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ContentHash.isWhitespace(scalar) != scalar.properties.isWhitespace {
                Issue.record("White_Space differs for U+\(String(value, radix: 16))")
            }
            if ContentHash.isKnownCaseless(scalar), scalar.properties.changesWhenLowercased || scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16)) is listed as caseless but is not")
            }
            if !scalar.properties.changesWhenLowercased, scalar.properties.lowercaseMapping != String(scalar) {
                Issue.record("U+\(String(value, radix: 16)) lower-cases to something else")
            }
        }
    }
}
