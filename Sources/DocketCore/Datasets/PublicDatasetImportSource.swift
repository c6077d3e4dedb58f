/// Feeds a public data set's converted records to the ordinary import path (`docket import --from KIND`),
/// so its items and annotators' decisions are stored exactly as a JSONL import would store them.
public final class PublicDatasetImportSource: ImportSource {
    public let file: String
    private let entries: [PublicDataset.Entry]
    private var position = 0

    /// Reads (through `input`) and converts every file up front (the data sets are a few megabytes); errors
    /// name file, line and field.
    public init(kind: PublicDataset, task: String?, files: [String], from input: any InputFiles) throws(InputError) {
        file = files.joined(separator: ", ")
        entries = try PublicDataset.records(kind: kind, task: task, files: files, from: input)
    }

    public var progress: (done: Int64, total: Int64?) { (Int64(position), Int64(entries.count)) }

    public func next() throws -> ImportInput? {
        guard position < entries.count else { return nil }
        let entry = entries[position]
        position += 1
        return .record(entry.record, line: entry.line, fingerprint: Self.fingerprint(entry.record))
    }

    /// A fingerprint of what the record stores, so an unchanged re-import is recognised and skipped.
    static func fingerprint(_ record: ImportRecord) -> UInt64 {
        var print = Fingerprint()
        print.add(record.id)
        print.add(record.text)
        print.add(JSONWriter.string(record.meta))
        print.add(record.group ?? "")
        for turn in record.turns { print.add(turn.speaker); print.add(turn.text) }
        for decision in record.decisions { print.add(decision.reviewer); print.add(decision.label); print.add(decision.note ?? "") }
        for explanation in record.explanations {
            print.add(explanation.model)
            for span in explanation.spans { print.add("\(span.start):\(span.end)") }
        }
        return print.value
    }
}
