/// One titled part of a report (lines, then a table), and the renderings every report shares: aligned terminal
/// text, GitHub-flavoured Markdown and the frame of a self-contained HTML page. The agreement, model and queue
/// reports build sections; these functions are the one place that lays them out.
struct ReportSection {
    var title: String
    var lines: [String] = []
    var table: TextTable?
    /// Inline SVG (or other HTML) that follows the table in the HTML rendering only.
    var html = ""

    /// Plain text for a terminal `width` columns wide.
    static func plain(_ sections: [ReportSection], width: Int) -> String {
        sections.map { section in
            var parts = [section.title, String(repeating: "-", count: min(width, DisplayWidth.of(section.title)))]
            parts += section.lines.flatMap { wrap(ContentSanitiser.sanitiseLine($0), width: width) }
            if let table = section.table { parts.append(table.plain(width: width)) }
            return parts.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// GitHub-flavoured Markdown: the first section is the document's title.
    static func markdown(_ sections: [ReportSection]) -> String {
        sections.enumerated().map { index, section in
            var parts = [(index == 0 ? "# " : "## ") + section.title]
            if !section.lines.isEmpty { parts.append(section.lines.map { "- " + $0 }.joined(separator: "\n")) }
            if let table = section.table { parts.append(table.markdown()) }
            return parts.joined(separator: "\n\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// One HTML document (no scripts, no external files) with every section, its table and its charts.
    static func htmlPage(_ sections: [ReportSection], title: String, footer: String) -> String {
        var body = ""
        for (index, section) in sections.enumerated() {
            body += index == 0 ? "<h1>\(escape(section.title))</h1>\n" : "<h2>\(escape(section.title))</h2>\n"
            if !section.lines.isEmpty { body += "<ul>" + section.lines.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n" }
            if let table = section.table { body += htmlTable(table) }
            body += section.html
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            svg { display: block; margin: 0.5em 0 1.5em; }
            svg text { font-size: 11px; font-family: system-ui, sans-serif; }
            </style>
            </head>
            <body>
            \(body)<p><small>\(escape(footer))</small></p>
            </body>
            </html>

            """
    }

    /// A table as HTML, numbers right-aligned (the first column is a name, even when it looks like a number).
    static func htmlTable(_ table: TextTable) -> String {
        var html = "<table>\n<thead><tr>" + table.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                index > 0 && TextTable.isNumeric(cell) ? "<td class=\"n\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
