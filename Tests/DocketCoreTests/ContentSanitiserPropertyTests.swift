import DocketCore
import Foundation
import PropertyBased
import Testing

/// Property tests of the content sanitiser: whatever the input, no scalar a terminal could obey or hide
/// comes out. Cases: `DOCKET_FUZZ_CASES` (default 100) times 10.
struct ContentSanitiserPropertyTests {
    static let cases = (Int(ProcessInfo.processInfo.environment["DOCKET_FUZZ_CASES"] ?? "") ?? 100) * 10

    /// Every control (Cc) and format (Cf) scalar, and the line and paragraph separators.
    static let hostile: [Unicode.Scalar] = (0...0x10FFFF).compactMap { value -> Unicode.Scalar? in
        guard let scalar = Unicode.Scalar(value) else { return nil }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return scalar
        default: return nil
        }
    }

    /// Ordinary scalars to mix with the hostile ones: ASCII, accents, combining marks, CJK, RTL, emoji.
    static let ordinary: [Unicode.Scalar] = Array("aZ 09~é\u{301}中ש ع🙂👍🏽\u{FE0F}".unicodeScalars)

    /// Scalars that must never reach the terminal: C0 (newline aside, in the multi-line form), DEL, C1,
    /// every format character (bidi embeddings, overrides, isolates and marks, zero-width, BOM, tags),
    /// line and paragraph separators.
    static func isForbidden(_ scalar: Unicode.Scalar, allowNewline: Bool) -> Bool {
        if scalar == "\n" { return !allowNewline }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    static let text = Gen.int(in: 0...(hostile.count + ordinary.count - 1))
        .map { index in index < hostile.count ? hostile[index] : ordinary[index - hostile.count] }
        .array(of: 0...60)
        .map { scalars -> String in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }

    @Test("sanitise and sanitiseLine let no C0/C1 control, ESC, DEL, bidi or other format character through")
    func nothingHostileThrough() async {
        await propertyCheck(count: Self.cases, input: Self.text) { text in
            let pane = ContentSanitiser.sanitise(text)
            let line = ContentSanitiser.sanitiseLine(text)
            let leakedPane = pane.unicodeScalars.filter { Self.isForbidden($0, allowNewline: true) }
            let leakedLine = line.unicodeScalars.filter { Self.isForbidden($0, allowNewline: false) }
            #expect(leakedPane.isEmpty, "sanitise let through \(leakedPane.map { String($0.value, radix: 16) })")
            #expect(leakedLine.isEmpty, "sanitiseLine let through \(leakedLine.map { String($0.value, radix: 16) })")
            // Nothing is silently dropped: every line of the input is still a line of the pane.
            // (Counted in scalars: a newline followed by an extending scalar may be one Character.)
            #expect(pane.unicodeScalars.filter { $0 == "\n" }.count == text.unicodeScalars.filter { $0 == "\n" }.count)
        }
    }

    @Test("every hostile scalar alone is replaced by something visible")
    func eachHostileScalar() {
        for scalar in Self.hostile where scalar != "\n" && scalar != "\t" {
            let shown = ContentSanitiser.sanitiseLine("a" + String(scalar) + "b")
            #expect(shown.hasPrefix("a") && shown.hasSuffix("b") && shown.unicodeScalars.count > 2,
                    "U+\(String(scalar.value, radix: 16)) became \(shown.debugDescription)")
            #expect(!shown.unicodeScalars.contains(where: { Self.isForbidden($0, allowNewline: false) }))
        }
    }

    @Test("text that needs no sanitising comes out unchanged")
    func plainTextUnchanged() async {
        let plain = Gen.int(in: 0...(Self.ordinary.count - 1)).map { Self.ordinary[$0] }.array(of: 0...40)
            .map { scalars -> String in
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                return String(view)
            }
        await propertyCheck(count: Self.cases, input: plain) { text in
            #expect(ContentSanitiser.sanitise(text) == text)
            #expect(ContentSanitiser.sanitiseLine(text) == text)
        }
    }

    @Test("truncating to a width stays within it and stays safe")
    func truncateStaysSafe() async {
        await propertyCheck(count: Self.cases, input: Self.text, Gen.int(in: 1...40)) { text, width in
            let cut = DisplayWidth.truncate(text, to: width)
            #expect(DisplayWidth.of(cut) <= width, "\(cut.debugDescription) is wider than \(width)")
            #expect(!cut.unicodeScalars.contains(where: { Self.isForbidden($0, allowNewline: false) }))
        }
    }
}
