import DocketCore
import DocketIO
import Foundation

/// The real ConvAbuse slice in Tests/Fixtures/export, read with Docket's own parsers.
enum ExportFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/export").path

    static func queue() throws -> QueueDefinition {
        let path = folder + "/convabuse.yml"
        return try QueueFile.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    static func records() throws -> [ImportRecord] {
        let reader = try LineReader(path: folder + "/convabuse-valid-400.jsonl")
        var records: [ImportRecord] = []
        while let record = try reader.next({ bytes in try ImportRecord.from(JSONParser.parse(bytes)) }) {
            records.append(record)
        }
        return records
    }

    /// The plain majority label index of a record (nil for a tie), computed here independently of export code.
    static func majority(_ record: ImportRecord, labels: [String]) -> Int? {
        var counts: [String: Int] = [:]
        for decision in record.decisions { counts[decision.label, default: 0] += 1 }
        guard let top = counts.values.max() else { return nil }
        let winners = counts.filter { $0.value == top }.map(\.key)
        return winners.count == 1 ? labels.firstIndex(of: winners[0]) : nil
    }
}
