/// Converts ConvAbuse's long CSV (one row per annotator response) into one record per item.
///
/// An item is a distinct (conv_id, prev_agent, prev_user, agent, user, bot), numbered in order of first
/// appearance after sorting rows by `example_no`. An annotator who rated an item more than once keeps their
/// first rating (by `example_no`); the README says the repeats measure intra-annotator agreement, so the
/// later ones go into the item's metadata as `repeat_ratings` (``IntraAnnotatorAgreement``).
enum ConvAbuseDataset {
    static let severityColumns = ["is_abuse.-3", "is_abuse.-2", "is_abuse.-1", "is_abuse.0", "is_abuse.1"]

    struct Row {
        var exampleNo: Int
        var line: Int
        var file: String
        var annotator: String
        var key: [String]
        var severity: String
    }

    static func records(files: [String], binary: Bool, from input: any InputFiles) throws(InputError) -> [PublicDataset.Entry] {
        var rows: [Row] = []
        for file in files { rows += try readRows(file, from: input) }
        rows.sort { $0.exampleNo < $1.exampleNo }
        var order: [[String]] = []
        var byKey: [[String]: (first: Row, votes: [(String, String)], raters: Set<String>, repeats: [(String, String)])] = [:]
        for row in rows {
            if byKey[row.key] == nil {
                order.append(row.key)
                byKey[row.key] = (row, [], [], [])
            }
            let label = binary ? ((Int(row.severity)! <= -1) ? "1" : "0") : row.severity
            if byKey[row.key]!.raters.contains(row.annotator) {
                byKey[row.key]!.repeats.append((row.annotator, label))
                continue
            }
            byKey[row.key]!.raters.insert(row.annotator)
            byKey[row.key]!.votes.append((row.annotator, label))
        }
        return order.enumerated().map { (index, key) in
            let entry = byKey[key]!
            let (convID, prevAgent, prevUser, agent, user, bot) = (key[0], key[1], key[2], key[3], key[4], key[5])
            var turns: [Turn] = []
            if prevAgent != "_" { turns.append(Turn(speaker: bot, text: prevAgent)) }
            if prevUser != "_" { turns.append(Turn(speaker: "user", text: prevUser)) }
            turns.append(Turn(speaker: bot, text: agent))
            turns.append(Turn(speaker: "user", text: user))
            var fields: [(String, JSONValue)] = [
                ("dataset", .string("convabuse")), ("conv_id", .string(convID)), ("bot", .string(bot)),
                ("first_example_no", .number(String(entry.first.exampleNo))),
            ]
            if !entry.repeats.isEmpty {
                fields.append((IntraAnnotatorAgreement.metadataField, .array(entry.repeats.map {
                    .object([("reviewer", .string($0.0)), ("label", .string($0.1))])
                })))
            }
            let meta = JSONValue.object(fields)
            let record = ImportRecord(
                id: "convabuse-\(index + 1)", text: user, kind: .conversation, turns: turns, group: "conv-\(convID)",
                meta: meta, decisions: entry.votes.map { ImportRecord.ImportedDecision(reviewer: $0.0, label: $0.1) },
                source: "convabuse")
            return PublicDataset.Entry(file: entry.first.file, line: entry.first.line, record: record)
        }
    }

    static func readRows(_ file: String, from input: any InputFiles) throws(InputError) -> [Row] {
        let reader = CSVReader(lines: try input.lines(of: file))
        let header: [String]
        do {
            guard let first = try reader.next() else { throw InputError(file: file, line: 1, "is empty (expected the ConvAbuse header)") }
            header = first
        } catch let error as InputError { throw error } catch { throw InputError(file: file, "\(error)") }
        func column(_ name: String) throws(InputError) -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw InputError(file: file, line: 1, field: name, "column is missing: this is not ConvAbuseEMNLPfull.csv (the long format)")
            }
            return index
        }
        let example = try column("example_no"), annotator = try column("annotator_id")
        let keyColumns = try ["conv_id", "prev_agent", "prev_user", "agent", "user", "bot"].map { (name) throws(InputError) in try column(name) }
        let severity = try severityColumns.map { (name) throws(InputError) in try column(name) }
        var rows: [Row] = []
        while true {
            let fields: [String]
            do {
                guard let next = try reader.next() else { break }
                fields = next
            } catch { throw InputError(file: file, line: reader.recordLine, "\(error)") }
            let line = reader.recordLine
            guard fields.count == header.count else {
                throw InputError(file: file, line: line, "has \(fields.count) fields, the header has \(header.count)")
            }
            guard let number = Int(fields[example]) else {
                throw InputError(file: file, line: line, field: "example_no", "must be a whole number, not '\(fields[example])'")
            }
            let chosen = severity.indices.filter { fields[severity[$0]] == "1" }
            guard chosen.count == 1 else {
                throw InputError(file: file, line: line, field: "is_abuse", "exactly one of is_abuse.* must be 1")
            }
            rows.append(Row(exampleNo: number, line: line, file: file, annotator: fields[annotator],
                            key: keyColumns.map { fields[$0] }, severity: String(severityColumns[chosen[0]].dropFirst("is_abuse.".count))))
        }
        return rows
    }
}
