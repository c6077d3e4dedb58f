/// A model's explanation of its scores: rationale text and highlighted spans.
public struct Explanation: Equatable, Sendable {
    public var model: String
    public var text: String
    public var spans: [Span]

    public init(model: String, text: String, spans: [Span] = []) {
        self.model = model
        self.text = text
        self.spans = spans
    }
}
