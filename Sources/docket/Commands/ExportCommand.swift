import ArgumentParser
import DocketCore
import DocketIO
import DocketStore
import Foundation

/// `docket export`: a queue's gold-labelled items as a training and evaluation dataset.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a queue's gold labels as a dataset (JSONL, CSV, Hugging Face, chat, raw).",
        discussion: """
            Gold label per item: a lead's adjudication, else the known answer (gold items), else the \
            reviewers' majority vote; ties and escalated items are left out unless asked for. Splits are \
            grouped (same group key or content hash: same split), stratified by label and seeded: the same \
            database and arguments give byte-identical files. Every export writes DIR/manifest.json with \
            counts, filters, seed and the SHA-256 of each file. Files are written beside DIR and moved into \
            place at the end; a bad argument writes nothing. The split's working data goes to temporary \
            files in $TMPDIR (else /tmp; about 80 MB per million items with three labels, up to 130 MB). \
            Guide: Docs/export.md.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case majority
        case dawidSkene = "dawid-skene"
    }

    @OptionGroup var store: StoreOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Option(name: .long, help: ArgumentHelp("The folder to write (new or empty; see --force).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("jsonl, csv, hf (Hugging Face datasets folder), chat (fine-tuning messages) or raw (every decision).", valueName: "format"))
    var format: String = "jsonl"

    @Option(name: .long, help: ArgumentHelp("Named shares of the splits.", valueName: "name=fraction,..."))
    var split: String = "train=0.8,validation=0.1,test=0.1"

    @Option(name: .long, help: "Seed of the split assignment (same seed, same splits).")
    var seed: UInt64 = 0

    @Option(name: .long, help: ArgumentHelp("Keep the data set's own split: each item goes to the split named by this metadata field (replaces --split).", valueName: "meta.FIELD"))
    var splitBy: String?

    @Option(name: .long, help: ArgumentHelp("Stratify by this metadata field as well as by label, e.g. meta.source.", valueName: "meta.FIELD"))
    var stratify: String?

    @Option(name: .long, help: ArgumentHelp("Items with the same text join one split only when the text has at least this many characters (short replies such as 'yes' are shared by chance).", valueName: "n"))
    var minSharedText: Int = DatasetExport.defaultMinSharedText

    @Option(name: .long, help: ArgumentHelp("Warn when a split's share of a label differs from the whole by more than this (0-1).", valueName: "share"))
    var maxLabelDrift: Double = 0.05

    @Option(name: .long, help: ArgumentHelp("The class order of the labels (all of the queue's label ids, comma-separated): class 0 is the first. Default: the queue's order.", valueName: "labels"))
    var labelOrder: String?

    @Option(name: .long, help: ArgumentHelp("How reviewers' labels become one: majority or dawid-skene.", valueName: "method"))
    var method: Method = .majority

    @Option(name: .long, help: "Keep items with at least this many reviewers' labels.")
    var minReviewers: Int = 1

    @Option(name: .long, help: "Keep items on which at least this share of reviewers chose the most common label (0-1).")
    var minAgreement: Double = 0

    @Option(name: .long, help: ArgumentHelp("Keep items last decided at or after this time (ISO 8601 date or time, UTC).", valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Keep items last decided before this time.", valueName: "date"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Keep items whose gold label is one of these (comma-separated).", valueName: "labels"))
    var labels: String?

    @Flag(name: .long, help: "Keep only gold (known-answer) items.")
    var goldOnly = false

    @Flag(name: .long, help: "Keep tied items (label null, label_source 'tie'; not in chat exports).")
    var includeTies = false

    @Flag(name: .long, help: "Keep escalated items not yet adjudicated (labelled by their majority when they have one).")
    var includeEscalated = false

    @Flag(name: .long, help: "Copy each image into the export as media/<sha256>.<ext> (checked against its hash at import) and list the copies in the manifest.")
    var copyMedia = false

    @Flag(name: .long, help: "Replace --out when it holds an earlier export (its manifest.json lists every file; never a folder holding the database).")
    var force = false

    @OptionGroup var output: OutputOptions
    var json: Bool { output.json }

    /// Arguments checked before anything is opened or written.
    struct Checked {
        var format: ExportFormat
        var plan: SplitPlan
        var filter: ExportFilter
        var labelNames: [String]?
    }

    func validate() throws {
        _ = try checked()
    }

    func checked() throws -> Checked {
        guard let format = ExportFormat(rawValue: format) else {
            throw ValidationError("--format must be one of jsonl, csv, hf, chat, raw (not '\(format)')")
        }
        let plan: SplitPlan
        do { plan = try SplitPlan.parse(split) } catch { throw ValidationError(error.description) }
        var filter = ExportFilter()
        guard minReviewers >= 1 else { throw ValidationError("--min-reviewers must be at least 1 (got \(minReviewers))") }
        filter.minReviewers = minReviewers
        guard (0...1).contains(minAgreement) else { throw ValidationError("--min-agreement must be between 0 and 1 (got \(minAgreement))") }
        filter.minAgreement = minAgreement
        if let since {
            guard let time = Timestamp.parse(since) else { throw ValidationError("--since '\(since)' is not a date (use 2026-01-31 or 2026-01-31T12:00:00Z)") }
            filter.since = time
        }
        if let until {
            guard let time = Timestamp.parse(until) else { throw ValidationError("--until '\(until)' is not a date (use 2026-01-31 or 2026-01-31T12:00:00Z)") }
            filter.until = time
        }
        if let since = filter.since, let until = filter.until, since >= until {
            throw ValidationError("--since must be before --until")
        }
        var labelNames: [String]?
        if let labels {
            let names = labels.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw ValidationError("--labels is empty; name at least one label") }
            labelNames = names
        }
        filter.goldOnly = goldOnly
        filter.includeTies = includeTies
        filter.includeEscalated = includeEscalated
        if format == .chat && includeTies {
            throw ValidationError("--include-ties cannot be used with --format chat: a chat example needs an answer")
        }
        if out.isEmpty { throw ValidationError("--out is empty; name the folder to write") }
        if let splitBy, MetadataField(option: splitBy) == nil { throw ValidationError("--split-by '\(splitBy)' is not meta.FIELD") }
        if let stratify, MetadataField(option: stratify) == nil { throw ValidationError("--stratify '\(stratify)' is not meta.FIELD") }
        if minSharedText < 0 { throw ValidationError("--min-shared-text must be 0 or more") }
        guard (0...1).contains(maxLabelDrift) else { throw ValidationError("--max-label-drift must be between 0 and 1 (got \(maxLabelDrift))") }
        return Checked(format: format, plan: plan, filter: filter, labelNames: labelNames)
    }

    func run() throws {
        try reportingErrors {
            var checked = try checked()
            let db = try store.openForReading()
            var definition = try db.queue(queue)
            if let labelOrder { definition.labels = try Self.reordered(definition, labelOrder) }
            try Access.check(db, .exportData, queue: queue)
            try db.checkWritable()  // the export's audit line must be writable before any file is
            if let names = checked.labelNames {
                var wanted = Set<Int>()
                for name in names {
                    guard let index = definition.labels.firstIndex(where: { $0.id == name }) else {
                        throw ValidationError("--labels: queue '\(queue)' has no label '\(name)' (its labels: \(definition.labels.map(\.id).joined(separator: ", ")))")
                    }
                    wanted.insert(index)
                }
                checked.filter.labels = wanted
            }
            let identity = try db.exportIdentity(queue: queue)
            let salt = identity.first?.1.stringValue ?? queue
            if method == .dawidSkene { checked.filter.aggregateName = "dawid_skene" }
            var export = DatasetExport(
                queue: definition, format: checked.format, plan: checked.plan, seed: seed, filter: checked.filter,
                redaction: MetadataRedaction(queue: definition, salt: salt), method: method.rawValue,
                aggregate: MajorityVote.winner(counts:), command: ["docket"] + CommandLine.arguments.dropFirst(),
                docketVersion: DocketVersion.current, database: identity, filterDescription: filterDescription(checked))
            if method == .dawidSkene {
                export.fittedLabels = try ExportCommand.dawidSkeneLabels(db, queue: definition)
            }
            export.splitBy = splitBy.flatMap(MetadataField.init(option:))
            export.stratify = stratify.flatMap(MetadataField.init(option:))
            export.minSharedText = minSharedText
            export.driftMargin = maxLabelDrift
            let folder = try ExportFolder(path: out, force: force, database: store.path)
            export.copyMedia = copyMedia
            export.finalFolder = folder.final.path
            var bar = ProgressBar(label: "Exporting")
            let manifest: ExportManifest
            do {
                manifest = try db.withExportSnapshot { source in
                    try export.write(from: source, into: folder.temporary.path) { done, total in
                        bar.update(done: Int64(done), total: Int64(total), detail: "\(done) of \(total) items")
                    }
                }
                bar.finish()
                try folder.publish()
                // Who took which data where: the dataset has left the database. A database this user cannot
                // write cannot hold the entry: the export goes ahead (its manifest names the database) and says so.
                if db.isReadOnly {
                    printError("warning: the database is read-only, so this export is not recorded in its audit log")
                } else {
                    try db.recordAudit(actor: try Access.actor(db), action: "export", queue: queue, detail: [
                        ("out", .string(folder.final.path)), ("format", .string(manifest.format)),
                        ("method", .string(manifest.method)), ("rows", .number(String(manifest.summary.totalRows))),
                        ("seed", .number(String(seed))),
                    ])
                }
            } catch {
                bar.finish()
                folder.discard()
                throw error
            }
            if json {
                Output.json(manifest.json)
            } else {
                let perSplit = zip(manifest.plan.names, manifest.plan.shares.indices)
                    .map { "\($0.0) \(manifest.summary.rows(inSplit: $0.1))" }.joined(separator: ", ")
                print("Exported \(manifest.summary.totalRows) items of queue '\(queue)' to \(out) (\(perSplit)).")
                if !manifest.summary.excluded.isEmpty {
                    print("Left out: " + manifest.summary.excluded.keys.sorted().map { "\(manifest.summary.excluded[$0]!) \($0)" }.joined(separator: ", ") + ".")
                }
            }
            for warning in manifest.summary.warnings { printError("warning: " + warning) }
        }
    }

    /// The queue's labels in the order of `--label-order`, which must name each of them once.
    static func reordered(_ queue: QueueDefinition, _ order: String) throws -> [LabelOption] {
        let names = order.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let known = queue.labels.map(\.id)
        guard names.sorted() == known.sorted() else {
            throw ValidationError("--label-order must name each of queue '\(queue.id)''s labels once (its labels: \(known.joined(separator: ", ")))")
        }
        return names.map { name in queue.labels.first { $0.id == name }! }
    }

    /// The filters as the manifest records them.
    private func filterDescription(_ checked: Checked) -> [(String, JSONValue)] {
        [
            ("min_reviewers", .number(String(minReviewers))),
            ("min_agreement", .number(String(minAgreement))),
            ("since", since.map { .string($0) } ?? .null),
            ("until", until.map { .string($0) } ?? .null),
            ("labels", checked.labelNames.map { .array($0.map { .string($0) }) } ?? .null),
            ("gold_only", .bool(goldOnly)),
            ("include_ties", .bool(includeTies)),
            ("include_escalated", .bool(includeEscalated)),
        ]
    }

    /// Fits Dawid-Skene over every label decision in force in the queue and returns each item's most
    /// probable label by external id (adjudicated and known-answer items keep their own label later).
    static func dawidSkeneLabels(_ db: ReviewStore, queue: QueueDefinition) throws -> [String: Int] {
        let log = try db.reviewLog(queue: queue.id, withScores: false)
        let table = RatingsTable(ratings: log.ratings, labels: queue.labels.map(\.id))
        let fitted = DawidSkene().fit(table)
        var labels: [String: Int] = [:]
        labels.reserveCapacity(table.items.count)
        for (index, item) in table.items.enumerated() {
            if let label = fitted.labels[index] { labels[item] = label }
        }
        return labels
    }
}
