import DocketCore

/// A queue's guidelines, written in Markdown, made readable in a pane: headings become titles, list bullets
/// become `•`, and the markers of bold, italic and code are dropped, bold and code text highlighted.
/// Only what guidelines use is understood; anything else is shown as written.
public enum GuidelinesDocument {
    /// The document for `markdown` under `title` (the queue's title).
    public static func make(title: String, markdown: String) -> ContentDocument {
        var blocks: [ContentDocument.Block] = []
        var current = ContentDocument.Block(title: title, text: "")
        var lines: [String] = []
        var spans: [Span] = []
        var offset = 0
        func finish() {
            while lines.last?.isEmpty == true { lines.removeLast() }
            current.text = lines.joined(separator: "\n")
            current.spans = spans
            if !current.text.isEmpty || current.title != nil { blocks.append(current) }
            lines = []
            spans = []
            offset = 0
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("#") {
                let heading = trimmed.drop { $0 == "#" }.drop { $0 == " " }
                finish()
                current = ContentDocument.Block(title: inline(String(heading)).text, text: "")
                continue
            }
            if lines.isEmpty, line.isEmpty { continue }
            var text = line
            let indent = line.prefix { $0 == " " }
            if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ") {
                text = indent + "• " + trimmed.dropFirst(2)
            }
            let rendered = inline(text)
            spans += rendered.spans.map { Span(start: $0.start + offset, end: $0.end + offset) }
            lines.append(rendered.text)
            offset += rendered.text.unicodeScalars.count + 1
        }
        finish()
        return ContentDocument(blocks: blocks.isEmpty ? [.init(title: title, text: "This queue has no guidelines.")] : blocks)
    }

    /// `text` without `**`, `__`, `*` and backtick markers; the spans (code points) of bold and code text.
    static func inline(_ text: String) -> (text: String, spans: [Span]) {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var spans: [Span] = []
        var openBold: Int?
        var openCode: Int?
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            if openCode == nil, (scalar == "*" && next == "*") || (scalar == "_" && next == "_") {
                if let start = openBold { spans.append(Span(start: start, end: out.count)); openBold = nil } else { openBold = out.count }
                i += 2
                continue
            }
            if scalar == "`" {
                if let start = openCode { spans.append(Span(start: start, end: out.count)); openCode = nil } else { openCode = out.count }
                i += 1
                continue
            }
            // A single `*` around words is emphasis; one between spaces (`a * b`) is kept.
            let previous = i > 0 ? scalars[i - 1] : nil
            if openCode == nil, scalar == "*", (next != nil && next != " ") || (previous != nil && previous != " ") {
                i += 1
                continue
            }
            out.append(scalar)
            i += 1
        }
        return (String(out), spans.filter { $0.end > $0.start })
    }
}
