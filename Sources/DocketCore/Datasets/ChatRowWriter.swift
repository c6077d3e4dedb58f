/// Writes ``ExportRow``s as chat fine-tuning JSON Lines, the shape LLM fine-tuning tools read:
/// `{"messages":[{"role":"system",...},{"role":"user",...},{"role":"assistant",...}], ...}` with the
/// queue's guidelines as the system message, the content as the user turn and the gold label as the
/// assistant's answer. For a conversation the user turn gives the earlier turns as context, one
/// `speaker: text` line each, before the message to label. `id`, `group` and `split` ride along for traceability. Rows without a label are skipped.
public struct ChatRowWriter: Sendable {
    /// The system message: the queue's guidelines followed by the list of allowed answers.
    public var systemMessage: String

    public init(queue: QueueDefinition) {
        var message = queue.guidelines.trimmingCharacters(of: "\n ")
        if !message.isEmpty { message += "\n\n" }
        message += "Answer with exactly one of these labels: "
        message += queue.labels.map { $0.description.isEmpty ? $0.id : "\($0.id) (\($0.description))" }.joined(separator: "; ")
        message += "."
        systemMessage = message
    }

    /// Appends `row` and a newline to `out`; returns false (and writes nothing) when the row has no label.
    @discardableResult
    public func write(_ row: ExportRow, to out: inout JSONWriter) -> Bool {
        guard let label = row.label else { return false }
        out.writeRaw("{")
        out.writeKey("messages", first: true)
        out.writeRaw("[{\"role\":\"system\",\"content\":")
        out.writeString(systemMessage)
        out.writeRaw("},{\"role\":\"user\",\"content\":")
        out.writeString(userMessage(row))
        out.writeRaw("},{\"role\":\"assistant\",\"content\":")
        out.writeString(label)
        out.writeRaw("}]")
        out.writeKey("id")
        out.writeString(row.id)
        out.writeKey("group")
        if let group = row.group { out.writeString(group) } else { out.writeRaw("null") }
        out.writeKey("split")
        out.writeString(row.split)
        out.writeRaw("}\n")
        return true
    }
}

extension ChatRowWriter {
    /// The item's text, after the conversation so far when it is a conversation (its last turn is the text).
    func userMessage(_ row: ExportRow) -> String {
        var earlier = row.turns
        if earlier.last?.text == row.text { earlier.removeLast() }
        guard !earlier.isEmpty else { return row.text }
        return "Conversation so far:\n" + earlier.map { "\($0.speaker): \($0.text)" }.joined(separator: "\n")
            + "\n\nMessage to label:\n" + row.text
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(of set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
