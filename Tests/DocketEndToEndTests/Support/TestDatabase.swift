import Foundation

// Small queues and generated items for the end-to-end tests, set up through the real binary.

/// A small queue file for tests: `labels` become single-choice labels with keys 1, 2, 3...
func queueYAML(id: String, overlap: Int = 1, leaseSeconds: Int = 300, labels: [String] = ["bad", "fine"],
               priority: String? = nil, goldRate: Double = 0) -> String {
    var text = """
        id: \(id)
        title: Test queue \(id)
        guidelines: Label each item.
        overlap: \(overlap)
        lease_seconds: \(leaseSeconds)
        gold_rate: \(goldRate)
        labels:

        """
    for (index, label) in labels.enumerated() {
        text += "  - id: \(label)\n    key: \"\(index + 1)\"\n    description: \(label)\n"
    }
    if let priority { text += "priority:\n" + priority + "\n" }
    return text
}

/// One JSONL import record with `id` and `text` and a score per category (the usual test item).
func itemLine(_ id: String, text: String? = nil, score: Double = 0.5, extra: String = "") -> String {
    let body = text ?? "Item \(id): some content to review."
    let escaped = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "{\"id\":\"\(id)\",\"text\":\"\(escaped)\",\"scores\":[{\"model\":\"m\",\"category\":\"bad\",\"score\":\(score),\"threshold\":0.5}]\(extra)}"
}

/// Creates a database in `folder` (or at `location`, a PostgreSQL URL for instance) with one queue, and imports
/// `items` generated items into it. Returns the database path (or `location`).
@discardableResult
func makeDatabase(in folder: TemporaryFolder, queue: String, overlap: Int = 1, leaseSeconds: Int = 300,
                  items: Int, idPrefix: String = "item", at location: String? = nil) throws -> String {
    let db = location ?? folder.file("\(queue).sqlite")
    let queueFile = try folder.write("\(queue).yml", queueYAML(id: queue, overlap: overlap, leaseSeconds: leaseSeconds))
    let add = try docket(["queues", "add", queueFile, "--db", db])
    guard add.status == 0 else { throw SetupFailure("queues add failed: \(add.transcript)") }
    if items > 0 {
        var lines = ""
        for index in 0..<items {
            lines += itemLine(String(format: "\(idPrefix)-%05d", index), score: Double(index % 100) / 100) + "\n"
        }
        let file = try folder.write("\(queue)-items.jsonl", lines)
        let imported = try docket(["import", file, "--queue", queue, "--db", db])
        guard imported.status == 0 else { throw SetupFailure("import failed: \(imported.transcript)") }
    }
    return db
}

/// A test's setup went wrong (not what the test checks).
struct SetupFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
