import DocketCore
import Testing

/// A hostile character must come out as a visible placeholder and never as itself.
@Suite struct ContentSanitiserTests {
    @Test(arguments: [
        ("\u{1B}", "␛"), ("\u{0}", "␀"), ("\u{7}", "␇"), ("\u{8}", "␈"), ("\u{7F}", "␡"), ("\r", "␍"),
        ("\u{85}", "⟨U+0085⟩"), ("\u{9B}", "⟨U+009B⟩"), ("\u{202E}", "⟨U+202E⟩"), ("\u{202A}", "⟨U+202A⟩"),
        ("\u{2066}", "⟨U+2066⟩"), ("\u{2069}", "⟨U+2069⟩"), ("\u{200E}", "⟨U+200E⟩"), ("\u{200F}", "⟨U+200F⟩"),
        ("\u{61C}", "⟨U+061C⟩"), ("\u{200B}", "⟨U+200B⟩"), ("\u{200D}", "⟨U+200D⟩"), ("\u{FEFF}", "⟨U+FEFF⟩"),
        ("\u{2028}", "⟨U+2028⟩"), ("\u{2029}", "⟨U+2029⟩"), ("\u{AD}", "⟨U+00AD⟩"), ("\u{E000}", "⟨U+E000⟩"),
        ("\u{E0001}", "⟨U+E0001⟩"),
    ])
    func hostileCharacterBecomesPlaceholder(_ input: String, _ shown: String) {
        #expect(ContentSanitiser.sanitise("a" + input + "b") == "a" + shown + "b")
        #expect(ContentSanitiser.sanitiseLine(input) == shown)
    }

    @Test func escapeSequencesAreShownNotObeyed() {
        let title = "\u{1B}]0;PWNED\u{7}hi \u{1B}[2J\u{1B}c"
        #expect(ContentSanitiser.sanitise(title) == "␛]0;PWNED␇hi ␛[2J␛c")
    }

    @Test func newlinesTabsAndCRLF() {
        #expect(ContentSanitiser.sanitise("a\tb\r\nc\nd") == "a    b\nc\nd")
        #expect(ContentSanitiser.sanitiseLine("a\nb") == "a␤b")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Hello, wörld! 日本語 😀 e\u{301} שלום مرحبا ︎❤\u{FE0F}"
        #expect(ContentSanitiser.sanitise(text) == text)
    }

    /// Every code point: what the sanitiser lets through is never a control, format or separator character.
    @Test func noCodePointSlipsThrough() {
        var scalar: UInt32 = 0
        while scalar <= 0x10FFFF {
            defer { scalar += scalar < 0x3000 ? 1 : 7 }  // every one up to 0x3000, then a stride for speed
            guard let s = Unicode.Scalar(scalar), s != "\n", s != "\t" else { continue }
            let out = ContentSanitiser.sanitise(String(s))
            for o in out.unicodeScalars {
                switch o.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
                    Issue.record("U+\(String(scalar, radix: 16)) came out with U+\(String(o.value, radix: 16))")
                    return
                default: break
                }
            }
        }
    }
}

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("한") == 2)
        #expect(DisplayWidth.of("\u{1B}") == 1)  // shown as ␛
        #expect(DisplayWidth.of("\u{202E}") == 8)  // shown as ⟨U+202E⟩
    }

    @Test func truncateKeepsCombiningMarksAndWideCharactersWhole() {
        #expect(DisplayWidth.truncate("日本語", to: 5) == "日本…")
        #expect(DisplayWidth.truncate("日本語", to: 6) == "日本語")
        #expect(DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("a\u{1B}[2J", to: 3) == "a␛…")
    }

    @Test func truncateIsCheapOnHugeText() {
        let huge = String(repeating: "x", count: 5_000_000)
        #expect(DisplayWidth.truncate(huge, to: 10) == "xxxxxxxxx…")
    }

    @Test func rightToLeftIsDetected() {
        #expect(TextDirection.containsRightToLeft("abc שלום"[...].unicodeScalars))
        #expect(TextDirection.containsRightToLeft("مرحبا"[...].unicodeScalars))
        #expect(!TextDirection.containsRightToLeft("abc 日本"[...].unicodeScalars))
    }
}
