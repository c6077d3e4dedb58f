import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// `docket report`: reports for leads and ML engineers (`agreement`, `model`).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports for leads and ML engineers (agreement between reviewers, models against the gold labels, queue operations).",
        subcommands: [AgreementReportCommand.self, ModelReportCommand.self, QueueReportCommand.self])
}

/// `docket report agreement`: how far reviewers agree on a queue, with the figures leads trust from the
/// standard libraries (Docs/agreement.md says how each is computed and checked).
struct AgreementReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Agreement between reviewers on a queue: kappa, alpha, gold labels, per reviewer, human vs model.",
        discussion: """
            Counts every decision in force (each reviewer's latest label per item). Figures that the scale \
            does not allow, or that are undefined on these ratings, are null in JSON and '-' in tables, with \
            the reason. Ordinal, interval and ratio alpha need label values: they are taken from the label \
            ids when every id is a number, or from --scale. Needs the lead role when roles are managed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown, html
    }

    @OptionGroup var store: StoreOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Option(name: .long, help: "Only decisions made from this time (ISO 8601, e.g. 2026-11-01).")
    var since: String?

    @Option(name: .long, help: "Output format: table (aligned to the terminal), json, markdown, html (one self-contained file).")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Label values for an ordered scale, e.g. normal=0,offensive=1,hatespeech=2.", valueName: "label=value,..."))
    var scale: String?

    @Option(name: .long, help: ArgumentHelp("Human labels that count as positive for a model category (repeatable), e.g. toxic=offensive,hatespeech. Default: the label named like the category.", valueName: "category=label,..."))
    var positive: [String] = []

    @Option(name: .long, help: "Bootstrap resamples for the confidence intervals (0 for none). Default: 200, fewer on queues over 100,000 ratings (at least 20) so the report stays quick.")
    var bootstrap: Int?

    @Option(name: .long, help: "Seed of the bootstrap (the same seed gives the same intervals).")
    var seed: UInt64 = 20_240_501

    @Option(name: .long, help: "Most disagreed items to list.")
    var top: Int = 20

    @Option(name: .long, help: "Items in common a reviewer pair needs for Cohen's kappa (pairs with fewer are counted, not listed).")
    var minPairItems: Int = 10

    func validate() throws {
        if let since, Timestamp.parse(since) == nil { throw ValidationError("--since '\(since)' is not an ISO 8601 time") }
        if let bootstrap, !(0...maximumBootstrapReplicates).contains(bootstrap) {
            throw ValidationError("--bootstrap must be between 0 and \(maximumBootstrapReplicates)")
        }
        if top < 0 { throw ValidationError("--top must be 0 or more") }
        if minPairItems < 1 { throw ValidationError("--min-pair-items must be at least 1") }
        _ = try scaleValues()
        _ = try positives()
    }

    func run() throws {
        try reportingErrors {
            let db = try store.openForReading()
            _ = try db.queue(queue)  // an unknown queue is named before any permission question
            try Access.check(db, .readReports, queue: queue)
            let report = try db.agreementReport(
                queue: queue, since: since.flatMap(Timestamp.parse), scale: try scaleValues(), positives: try positives(),
                bootstrap: bootstrap, seed: seed, top: top, minPairItems: minPairItems)
            try AgreementReportCommand.emit(report, format: format, out: out)
        }
    }

    /// Writes a report to `out`, or to standard output when nil; `quiet` leaves out the "Wrote" line.
    static func deliver(_ text: String, to out: String?, quiet: Bool) throws {
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw DocketError.io("cannot write '\(out)': \(error.localizedDescription)")
            }
            if !quiet { printError("Wrote \(out)") }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// `--scale` as label values (nil when not given).
    func scaleValues() throws -> [String: Double]? {
        guard let scale else { return nil }
        var values: [String: Double] = [:]
        for part in scale.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, !pieces[0].isEmpty, let value = Double(pieces[1]), value.isFinite else {
                throw ValidationError("--scale: '\(part)' is not label=number")
            }
            values[pieces[0]] = value
        }
        return values
    }

    /// `--positive` as category -> labels.
    func positives() throws -> [String: [String]] { try Self.positives(positive) }

    /// `--positive` entries (category=label,...) as category -> labels.
    static func positives(_ entries: [String]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for entry in entries {
            let pieces = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                throw ValidationError("--positive: '\(entry)' is not category=label,...")
            }
            result[pieces[0]] = pieces[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return result
    }

    /// Columns of the terminal on standard output ($COLUMNS, else 100 when not a terminal).
    static func terminalWidth() -> Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        return 100
    }
}
