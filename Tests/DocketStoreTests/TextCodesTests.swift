@testable import DocketStore
import Testing

/// Codes for texts read from SQLite's buffers (the agreement report's reviewers, labels and score series): equal
/// texts get one code, different ones never share it, whatever their length or shared prefix.
struct TextCodesTests {
    @Test("every distinct text gets its own code, made once; a text seen again gets the same code")
    func codesAreStable() {
        // Lengths around 8 and 16 bytes, texts differing only past byte 16, after byte 8, in their last byte, by a
        // trailing NUL, and the empty text; enough of them for the table to grow.
        let texts = ["", "a", "fine", "rude", "hateful", "reviewer", "reviewer-1", "reviewer-2", "reviewer-10",
                     "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr",
                     "bench-model@v1\u{1F}hateful", "bench-model@v1\u{1F}hatefum", "a\u{0}", "a\u{0}\u{0}", "é", "日本語のラベル名"]
            + (0 ..< 200).map { "queue-reviewer-\($0)" }
        var codes = TextCodes()
        var made: [String] = []
        func code(_ text: String) -> Int32 {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                codes.code(bytes) { name in made.append(name); return Int32(made.count - 1) }
            }
        }
        let first = texts.map(code)
        #expect(made == texts, "each text made once, in order, from its own bytes")
        #expect(Set(first).count == Set(texts).count)
        let again = texts.reversed().map(code)
        #expect(Array(again.reversed()) == first)
        #expect(made.count == texts.count, "nothing made twice")
    }
}
