import DocketCore
import Foundation

/// A report that `docket report ...` prints in every format (agreement, model, queue).
protocol PrintableReport {
    var json: JSONValue { get }
    func table(width: Int) -> String
    func markdown() -> String
    func html() -> String
}

extension AgreementReport: PrintableReport {}
extension ModelReport: PrintableReport {}
extension QueueReport: PrintableReport {}

extension AgreementReportCommand {
    /// Renders `report` in `format` and writes it to `out` (standard output when nil); tables fit the terminal
    /// on standard output and 100 columns in a file.
    static func emit(_ report: some PrintableReport, format: Format, out: String?) throws {
        let text: String
        switch format {
        case .json: text = JSONWriter.string(report.json) + "\n"
        case .markdown: text = report.markdown()
        case .html: text = report.html()
        case .table: text = report.table(width: out == nil ? terminalWidth() : 100)
        }
        try deliver(text, to: out, quiet: format == .json)
    }
}
