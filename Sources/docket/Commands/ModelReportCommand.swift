import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// `docket report model`: each model's scores on a queue against the gold labels, per model and category,
/// with calibration, bootstrap intervals, side-by-side comparisons and slices (Docs/model-report.md).
struct ModelReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Models against the gold labels: precision, recall, F1, PR/ROC AUC, thresholds, calibration, slices.",
        discussion: """
            Gold labels are a lead's adjudication, else the reviewers' strict majority (--gold consensus), or the \
            known answers of gold items (--gold answers). A category counts the gold label named like it as positive \
            unless --positive says otherwise. Two models scoring the same category are compared on the items both \
            scored. Needs the lead role when roles are managed.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The queue to report on.")
    var queue: String

    @Option(name: .long, help: "Where gold labels come from: consensus (adjudication, else strict majority) or answers (gold items' known answers).")
    var gold: ModelReport.GoldSource = .consensus

    @Option(name: .long, help: ArgumentHelp("Gold labels that count as positive for a category (repeatable), e.g. toxic=offensive,hatespeech.", valueName: "category=label,..."))
    var positive: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this model (repeatable; default: every model with scores).", valueName: "name"))
    var model: [String] = []

    @Option(name: .long, help: ArgumentHelp("Also report the threshold that reaches this precision with the most recall, e.g. 0.9.", valueName: "share"))
    var targetPrecision: Double?

    @Option(name: .long, help: ArgumentHelp("The same figures per value of a metadata field, e.g. meta.lang, with the best-worst gap.", valueName: "meta.FIELD"))
    var slice: String?

    @Option(name: .long, help: "Output format: table (aligned to the terminal), json, markdown, html (one self-contained file with charts).")
    var format: AgreementReportCommand.Format = .table

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: "Bootstrap resamples for the confidence intervals and the paired AUC test (0 for none).")
    var bootstrap: Int = 200

    @Option(name: .long, help: "Seed of the bootstrap (the same seed gives the same intervals).")
    var seed: UInt64 = 20_240_501

    func validate() throws {
        if !(0...maximumBootstrapReplicates).contains(bootstrap) {
            throw ValidationError("--bootstrap must be between 0 and \(maximumBootstrapReplicates)")
        }
        if let targetPrecision, !(targetPrecision > 0 && targetPrecision <= 1) { throw ValidationError("--target-precision must be above 0 and at most 1") }
        if let slice, MetadataField(option: slice) == nil { throw ValidationError("--slice '\(slice)' is not meta.FIELD") }
        _ = try AgreementReportCommand.positives(positive)
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            _ = try db.queue(queue)  // an unknown queue is named before any permission question
            try Access.check(db, .readReports, queue: queue)
            let options = ModelEvaluation.Options(targetPrecision: targetPrecision, bootstrapReplicates: bootstrap, seed: seed)
            let report = try db.modelReport(queue: queue, gold: gold, positives: try AgreementReportCommand.positives(positive),
                                            sliceField: slice.flatMap(MetadataField.init(option:))?.name, models: model, options: options)
            try AgreementReportCommand.emit(report, format: format, out: out)
        }
    }
}

extension ModelReport.GoldSource: ExpressibleByArgument {}
