import DocketCore
import DocketIO
import Foundation
import PropertyBased
import Testing

/// Every numeric field of every input format (a JSONL record, a CSV row, a queue file's YAML) fed extreme
/// numbers: ±1e300, 2^63, 2^64, -0, subnormals, overflow to infinity, NaN and Infinity spelled every way, and
/// random doubles. Whatever the value, nothing traps; it is either refused naming its file, line and field,
/// or accepted exactly as written (in its documented range, never wrapped or clamped). Issue 17, items 1-3, 8.
/// Cases per format: `DOCKET_FUZZ_CASES` (default 100) times 10, plus every catalogue spelling in every field.
struct ExtremeNumberPropertyTests {
    static let cases = (Int(ProcessInfo.processInfo.environment["DOCKET_FUZZ_CASES"] ?? "") ?? 100) * 10

    /// Spellings of extreme numbers as the three formats might carry them (some are not numbers in a format).
    static let catalogue = [
        "1e300", "-1e300", "1E+300", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "1e19", "9e18", "-0", "-0.0", "0", "5e-324", "4.9e-324",
        "2.2250738585072014e-308", "1e-320", "1e400", "-1e400", "1e999", "NaN", "nan", "-nan", "NAN", "Infinity",
        "-Infinity", "+Infinity", "inf", "-inf", "INF", "infinity", ".inf", "-.inf", ".nan", ".NaN", "+.Inf",
        "0x1p3", "0x10", "1_000", "+1", "1.", ".5", "01", "2.5", "1e2", "0.5", "86400", "86401", "1440",
    ]

    /// A spelling: from the catalogue, or a random double as Swift writes it (`1e+300`, `nan`, `-inf`, `5e-324`).
    static let spelling = zip(Gen.bool, Gen.int(in: 0...(catalogue.count - 1)), Gen.uint64()).map { fromCatalogue, index, bits in
        fromCatalogue ? catalogue[index] : "\(Double(bitPattern: bits))"
    }

    /// The JSONL record fields that hold numbers, and how to write a record with `value` there.
    static let jsonFields: [(field: String, record: @Sendable (String) -> String)] = [
        ("reports", { #"{"id":"a","text":"hello","reports":\#($0)}"# }),
        ("created_at", { #"{"id":"a","text":"hello","created_at":\#($0)}"# }),
        ("scores[0].score", { #"{"id":"a","text":"hello","scores":[{"model":"m","category":"c","score":\#($0)}]}"# }),
        ("scores[0].threshold", { #"{"id":"a","text":"hello","scores":[{"model":"m","category":"c","score":0.5,"threshold":\#($0)}]}"# }),
        ("explanations[0].spans[0].start", { #"{"id":"a","text":"hello","explanations":[{"model":"m","spans":[{"start":\#($0),"end":5}]}]}"# }),
        ("explanations[0].spans[0].end", { #"{"id":"a","text":"hello","explanations":[{"model":"m","spans":[{"start":0,"end":\#($0)}]}]}"# }),
        ("explanations[0].spans[0].weight", { #"{"id":"a","text":"hello","explanations":[{"model":"m","spans":[{"start":0,"end":1,"weight":\#($0)}]}]}"# }),
        ("decisions[0].at", { #"{"id":"a","text":"hello","decisions":[{"reviewer":"r","label":"x","at":\#($0)}]}"# }),
        ("decisions[0].seconds", { #"{"id":"a","text":"hello","decisions":[{"reviewer":"r","label":"x","seconds":\#($0)}]}"# }),
    ]

    /// The CSV columns that hold numbers.
    static let csvColumns = ["reports", "created_at", "score.m.c", "threshold.m.c"]

    /// The queue-file keys that hold numbers, and how to write a queue with `value` there.
    static let yamlFields: [(field: String, line: Int, queue: @Sendable (String) -> String)] = [
        ("overlap", 4, { "id: q\nlabels:\n  - {id: a, key: '1'}\noverlap: \($0)\n" }),
        ("gold_rate", 4, { "id: q\nlabels:\n  - {id: a, key: '1'}\ngold_rate: \($0)\n" }),
        ("lease_seconds", 4, { "id: q\nlabels:\n  - {id: a, key: '1'}\nlease_seconds: \($0)\n" }),
        ("lease_minutes", 4, { "id: q\nlabels:\n  - {id: a, key: '1'}\nlease_minutes: \($0)\n" }),
        ("priority[0].weight", 6, { "id: q\nlabels:\n  - {id: a, key: '1'}\npriority:\n  mode: weighted\n  rules: [{rule: reports, weight: \($0)}]\n" }),
        ("wellbeing.break_reminder_minutes", 5, { "id: q\nlabels:\n  - {id: a, key: '1'}\nwellbeing:\n  break_reminder_minutes: \($0)\n" }),
    ]

    /// The value `spelling` stands for when a format accepts it as a number (the yardstick for "not clamped").
    static func exact(_ spelling: String) -> Double? { Double(spelling) }

    /// One JSONL record with `value` in `field`: refused naming that field (or, when the spelling is not
    /// JSON at all, naming the byte), or accepted with the value exactly as written and in range.
    static func checkJSON(field: String, record: String, value: String) {
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(record) } catch {
            #expect(error.message.contains("byte"), "\(field)=\(value): \(error)")
            return
        }
        let accepted: ImportRecord
        do { accepted = try ImportRecord.from(parsed) } catch {
            #expect(error.field == field || error.field?.hasPrefix(field) == true, "\(field)=\(value) refused naming \(error.field ?? "nothing"): \(error)")
            return
        }
        guard let number = exact(value) else {
            Issue.record("\(field)=\(value) accepted, but it is not a number")
            return
        }
        let stored: Double?
        switch field {
        case "reports": stored = Double(accepted.reports)
        case "created_at": stored = accepted.createdAt
        case "scores[0].score": stored = accepted.scores.first?.score
        case "scores[0].threshold": stored = accepted.scores.first?.threshold
        case "explanations[0].spans[0].start": stored = accepted.explanations.first?.spans.first.map { Double($0.start) }
        case "explanations[0].spans[0].end": stored = accepted.explanations.first?.spans.first.map { Double($0.end) }
        case "explanations[0].spans[0].weight": stored = accepted.explanations.first?.spans.first?.weight
        case "decisions[0].at": stored = accepted.decisions.first?.at
        default: stored = accepted.decisions.first?.seconds
        }
        #expect(stored == number, "\(field)=\(value) stored as \(String(describing: stored))")
        // What the commands do with an accepted record must not trap either: the core's part of storing it
        // (the store's StoredItemFields calls these), the priority key and the scores' and explanations' JSON.
        let createdAt = accepted.createdAt ?? 0
        let policy = PriorityPolicy(mode: .weighted, rules: [.init(.reports), .init(.oldest)])
        #expect(!policy.sortKey(.init(scores: accepted.scores, reports: accepted.reports, createdAt: createdAt)).isEmpty)
        var json = JSONWriter(capacity: 256)
        ScoreCoding.write(accepted.scores, to: &json)
        ExplanationCoding.write(accepted.explanations, to: &json)
        #expect(!Timestamp.format(createdAt).isEmpty)
        if let at = accepted.decisions.first?.at { #expect(!Timestamp.format(at).hasPrefix("invalid")) }
    }

    @Test("every catalogue spelling in every numeric field of a JSONL record: refused with its field or kept exactly")
    func jsonCatalogue() {
        for (field, record) in Self.jsonFields {
            for value in Self.catalogue { Self.checkJSON(field: field, record: record(value), value: value) }
        }
    }

    @Test("random extreme numbers in random numeric fields of a JSONL record")
    func jsonProperty() async {
        await propertyCheck(count: Self.cases, input: Gen.int(in: 0...(Self.jsonFields.count - 1)), Self.spelling) { index, value in
            let (field, record) = Self.jsonFields[index]
            Self.checkJSON(field: field, record: record(value), value: value)
        }
    }

    /// One CSV file with `value` in `column`, read through the real source: refused naming the file, line 2
    /// and the column, or accepted exactly.
    static func checkCSV(column: String, value: String, in folder: URL) throws {
        let path = folder.appendingPathComponent("numbers.csv").path
        let extra = column == "threshold.m.c" ? ",score.m.c" : ""
        let cells = column == "threshold.m.c" ? ",0.5" : ""
        try Data("id,text,\(column)\(extra)\na,hello,\(value)\(cells)\n".utf8).write(to: URL(fileURLWithPath: path))
        let source = try CSVImportSource(path: path)
        guard let input = try source.next() else { Issue.record("no row read"); return }
        switch input {
        case .rejected(let error):
            #expect(error.file == path && error.line == 2 && error.field == column, "\(column)=\(value): \(error)")
        case .record(let record, _, _):
            let number = exact(value)
            let stored: Double? = switch column {
            case "reports": Double(record.reports)
            case "created_at": record.createdAt
            case "score.m.c": record.scores.first?.score
            default: record.scores.first?.threshold
            }
            #expect(number != nil && stored == number, "\(column)=\(value) stored as \(String(describing: stored))")
        }
    }

    @Test("every catalogue spelling and random numbers in every numeric CSV column: refused with file, line and column, or kept exactly")
    func csv() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-numbers-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for column in Self.csvColumns {
            for value in Self.catalogue { try Self.checkCSV(column: column, value: value, in: folder) }
        }
        await propertyCheck(count: Self.cases, input: Gen.int(in: 0...(Self.csvColumns.count - 1)), Self.spelling) { index, value in
            try Self.checkCSV(column: Self.csvColumns[index], value: value, in: folder)
        }
    }

    /// One queue file with `value` at `field`: refused naming the file, the line and the field, or accepted
    /// with the value exactly as written.
    static func checkYAML(field: String, line: Int, text: String, value: String) {
        let queue: QueueDefinition
        do { queue = try QueueFile.parse(text, file: "q.yml") } catch {
            #expect(error.file == "q.yml" && error.line == line && error.field?.hasPrefix(field.split(separator: "[").first.map(String.init) ?? field) == true,
                    "\(field)=\(value) refused as \(error)")
            return
        }
        let stored: Double? = switch field {
        case "overlap": Double(queue.overlap)
        case "gold_rate": queue.goldRate
        case "lease_seconds": Double(queue.leaseSeconds)
        case "lease_minutes": Double(queue.leaseSeconds) / 60
        case "priority[0].weight": queue.priority.rules.first?.weight
        default: queue.wellbeing.breakReminderMinutes.map(Double.init)
        }
        #expect(stored == exact(value), "\(field)=\(value) stored as \(String(describing: stored))")
    }

    @Test("every catalogue spelling and random numbers in every numeric key of a queue file: refused with file, line and key, or kept exactly")
    func yaml() async {
        for (field, line, queue) in Self.yamlFields {
            for value in Self.catalogue { Self.checkYAML(field: field, line: line, text: queue(value), value: value) }
        }
        await propertyCheck(count: Self.cases, input: Gen.int(in: 0...(Self.yamlFields.count - 1)), Self.spelling) { index, value in
            let (field, line, queue) = Self.yamlFields[index]
            Self.checkYAML(field: field, line: line, text: queue(value), value: value)
        }
    }

    @Test("a time outside the years 0000-9999 is shown as invalid, never trapped on (a hand-edited database)")
    func timestampsNeverTrap() async {
        for value in [1e300, -1e300, .nan, .infinity, -.infinity, 9.3e18, -9.3e18, 1.8446744073709552e19] {
            #expect(Timestamp.format(value).hasPrefix("invalid time"))
        }
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { bits in
            let value = Double(bitPattern: bits)
            let text = Timestamp.format(value)
            #expect(Timestamp.representable.contains(value) ? text.hasSuffix("Z") : text.hasPrefix("invalid time"))
        }
    }
}
