@testable import DocketCore
import Testing

/// The stored form of explanation spans, written directly, must be the bytes the JSON value gives.
struct SpanCodingTests {
    @Test("spans written directly equal the JSON of their values, and read back the same")
    func directWritingMatchesTheJSONValue() {
        let lists: [[Span]] = [
            [],
            [Span(start: 0, end: 8, label: "toxic", weight: 0.8765)],
            [Span(start: 3, end: 9, label: nil, weight: nil), Span(start: 10, end: 12, label: "quote \" back\\slash \u{202E}", weight: 1e-7)],
            [Span(start: 1, end: 2, label: "ünï", weight: 2)],
        ]
        for spans in lists {
            #expect(SpanCoding.encode(spans) == JSONWriter.string(SpanCoding.json(spans)))
            #expect(SpanCoding.decode(SpanCoding.encode(spans)) == spans)
        }
    }
}
