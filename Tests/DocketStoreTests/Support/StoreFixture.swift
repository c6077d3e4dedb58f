import DocketCore
@testable import DocketStore
import DocketIO
import Foundation
import GRDB
import PostgresTestSupport
import Testing

/// A fresh store of one backend (a real SQLite file in a temporary folder by default) with one queue, for store
/// tests; removed when released.
final class StoreFixture: @unchecked Sendable {
    let folder: URL
    let backend: StoreBackend
    let store: any ReviewStore
    let queue: QueueDefinition
    /// What the backend needs alive while the store is used (PostgreSQL: the test's database).
    private let keepAlive: AnyObject?

    /// The test's own PostgreSQL database (PostgreSQL-only tests: raw SQL beside the store), nil on SQLite.
    var postgresDatabase: PostgresTestDatabase? { keepAlive as? PostgresTestDatabase }

    /// The SQLite file (SQLite-only tests: WAL size, raw tables).
    var path: String { folder.appendingPathComponent("docket.sqlite").path }

    /// Where the store is, for tests that open more stores on it (one per simulated process).
    var location: StoreLocation {
        if let database = keepAlive as? PostgresTestDatabase { return .postgres(url: database.url) }
        return .sqlite(path: path)
    }

    /// The SQLite store, for tests that read its raw tables; only for fixtures of the SQLite backend.
    var sqlite: SQLiteReviewStore {
        guard let store = store as? SQLiteReviewStore else { preconditionFailure("a SQLite-only check on the \(backend) backend") }
        return store
    }

    /// A store of `backend` with queue `queueID`; `yamlExtra` is appended to the queue file (priority rules, tags...).
    convenience init(_ backend: StoreBackend = .sqlite, queue queueID: String = "q", overlap: Int = 1, leaseSeconds: Int = 300,
                     labels: [String] = ["bad", "fine"], yamlExtra: String = "") throws {
        try self.init(backend, queueYAML: Self.queueYAML(queueID, overlap: overlap, leaseSeconds: leaseSeconds, labels: labels,
                                                         extra: yamlExtra))
    }

    /// The queue file the short initialiser writes (label `n` on key `n`), for tests that save it again changed.
    static func queueYAML(_ queueID: String = "q", overlap: Int = 1, leaseSeconds: Int = 300, labels: [String] = ["bad", "fine"],
                          extra: String = "") -> String {
        var yaml = """
            id: \(queueID)
            title: Queue \(queueID)
            guidelines: Label it.
            overlap: \(overlap)
            lease_seconds: \(leaseSeconds)
            labels:

            """
        for (index, label) in labels.enumerated() {
            yaml += "  - id: \(label)\n    key: \"\(index + 1)\"\n    description: \(label)\n"
        }
        return yaml + extra
    }

    /// A store of `backend` with the queue of the queue file `queueYAML`.
    init(_ backend: StoreBackend, queueYAML yaml: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.backend = backend
        (store, keepAlive) = try backend.makeStore(in: folder)
        queue = try QueueFile.parse(yaml, file: "test.yml")
        try store.saveQueue(queue, yaml: yaml, actor: "admin")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` to a file in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes raw bytes (invalid UTF-8, NUL) to a file in the folder and returns its path.
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Imports a JSONL (or, by extension, CSV) file into the queue.
    @discardableResult
    func importFile(_ path: String, strict: Bool = false, batchSize: Int = 10_000) throws -> ImportSummary {
        let source: ImportSource = path.hasSuffix(".csv") ? try CSVImportSource(path: path) : try JSONLImportSource(path: path)
        return try store.importItems(into: queue.id, from: [source],
                                     options: ImportOptions(strict: strict, batchSize: batchSize, actor: "admin"))
    }

    /// Imports JSONL lines given as text.
    @discardableResult
    func importLines(_ lines: [String], name: String = "items.jsonl", strict: Bool = false) throws -> ImportSummary {
        try importFile(try write(name, lines.joined(separator: "\n") + "\n"), strict: strict)
    }

    /// Claims and decides as `reviewer` until nothing is left; returns the external ids in claim order.
    func drain(reviewer: String, label: String = "bad", now: Double = Timestamp.now()) throws -> [String] {
        var order: [String] = []
        while let item = try store.claimNext(queue: queue.id, reviewer: reviewer, now: now) {
            order.append(item.externalID)
            try store.decide(DecisionRequest(queue: queue.id, item: .external(item.externalID), reviewer: reviewer, label: label), now: now)
        }
        return order
    }

    /// Every row of the queue's decision history, oldest first (through the interface, so on every backend).
    func history() throws -> [Decision] {
        var rows: [Decision] = []
        try store.forEachHistoryRow(queue: queue.id) { rows.append($0) }
        return rows
    }

    /// How many audit entries have `action` (all when nil), through the interface.
    func auditCount(_ action: String? = nil) throws -> Int {
        try store.auditEntries(AuditFilter(action: action)).count
    }

    /// The queue's progress counts.
    func summary() throws -> QueueSummary {
        try #require(try store.queueSummaries(only: queue.id).first)
    }

    /// One integer from a raw query (counts of rows the API does not expose; SQLite only).
    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try sqlite.pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    /// A checksum of everything stored about the items whose id starts with `prefix`: their rows (text, metadata,
    /// scores, explanations, state; not the import's time), decisions and decisions in force, read through the interface's dump so that it
    /// means the same on every backend. Equal checksums mean nothing about them changed.
    func checksum(itemsWithPrefix prefix: String) throws -> String {
        var text = ""
        try store.dump { record in
            var record = record
            switch record {
            case .item(var item) where item.externalID.hasPrefix(prefix):
                item.ingestedAt = 0  // when the import ran, not what it stored
                record = .item(item)
            case .decision(let decision) where decision.externalID.hasPrefix(prefix): break
            case .head(_, let externalID, _, _) where externalID.hasPrefix(prefix): break
            default: return
            }
            text += String(describing: record) + "\u{1E}"
        }
        return SHA256.hex(text)
    }
}
