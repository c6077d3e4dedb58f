import DocketCore

/// An export source over import records (the real fixture), standing in for the store in pure tests:
/// decisions become in-force label votes, `gold` the known answer.
struct FixtureExportSource: ExportSource {
    var records: [ImportRecord]
    /// Items gone by the second pass (as if deleted during the export).
    var goneBeforeSecondPass: Set<String> = []

    func scanVotes(queue: String, labels: [String], _ body: (ExportKey, ItemVotes) throws -> Void) throws {
        for (index, record) in records.enumerated() {
            let key = ExportKey(rowID: Int64(index + 1), externalID: record.id, group: record.group,
                                contentHash: SHA256.hex(record.text.lowercased()))
            try body(key, votes(record, labels: labels))
        }
    }

    func scanItems(queue: String, labels: [String], history: Bool, wanted: (Int64) -> Bool,
                   _ body: (ExportItem) throws -> Void) throws {
        for (index, record) in records.enumerated() where !goneBeforeSecondPass.contains(record.id) && wanted(Int64(index + 1)) {
            var decisions: [(decision: Decision, inForce: Bool)] = []
            if history {
                for (n, imported) in record.decisions.enumerated() {
                    let decision = Decision(id: Int64(index * 10 + n), externalID: record.id, queue: queue,
                                            reviewer: imported.reviewer, kind: .label, label: imported.label,
                                            severity: imported.severity, decidedAt: 1_700_000_000, origin: "import")
                    decisions.append((decision, true))
                }
            }
            try body(ExportItem(rowID: Int64(index + 1), externalID: record.id, text: record.text, group: record.group,
                                metaJSON: JSONWriter.string(record.meta), scoresJSON: ScoreCoding.string(record.scores),
                                history: decisions))
        }
    }

    private func votes(_ record: ImportRecord, labels: [String]) -> ItemVotes {
        var votes = ItemVotes(labels: labels.count)
        for decision in record.decisions {
            votes.add(kind: .label, label: labels.firstIndex(of: decision.label), hasLabel: true, decidedAt: 1_700_000_000)
        }
        votes.knownAnswer = record.gold.flatMap { labels.firstIndex(of: $0) }
        return votes
    }
}
