import DocketCore
@testable import DocketStore
import Foundation
import GRDB
import PostgresTestSupport
import Testing

/// What only the PostgreSQL import has to prove, on a real server: it stores exactly what the SQLite import
/// stores (row for row, read with raw SQL on each side), a re-import rewrites no row at all, its staging table
/// never outlives a transaction (even a failed one), NUL content survives, and imports run beside claims.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresImportTests {
    /// Records exercising every column: decisions (new item, stored item, a reviewer who already decided),
    /// gold, a repeated id in one file, NUL and the encoding's marker in content, media-free conversations.
    static func records(scoreOfA: String = "0.9") -> [String] {
        let marker = String(Character(PostgresStoredText.marker))
        return [
            #"{"id":"a","text":"first","created_at":1700000000,"reports":2,"scores":[{"model":"m","category":"bad","score":\#(scoreOfA)}],"decisions":[{"reviewer":"r1","label":"bad","at":1700000100,"seconds":4.5,"tags":[]},{"reviewer":"r2","label":"fine","at":1700000200,"note":"ok"}]}"#,
            #"{"id":"b","text":"nul\u0000inside","created_at":1700000001,"gold":"fine"}"#,
            JSONWriter.string(.object([("id", .string("c")), ("text", .string(marker + "starts with the marker\u{0}")),
                                       ("created_at", .number("1700000002"))])),
            #"{"id":"d","text":"talk","kind":"conversation","turns":[{"speaker":"u","text":"hi\u0000"}],"created_at":1700000003,"meta":{"lang":"en"},"group":"g"}"#,
            #"{"id":"a","text":"first, again","created_at":1700000000,"scores":[{"model":"m","category":"bad","score":0.1}],"decisions":[{"reviewer":"r1","label":"fine","at":1700000300},{"reviewer":"r3","label":"bad","at":1700000400}]}"#,
            #"{"id":"e","text":"plain","created_at":1700000004,"explanations":[{"model":"m","text":"why","spans":[{"start":0,"end":2}]}]}"#,
        ]
    }

    /// The content is read as bytes on SQLite (GRDB reads text as a C string, which would end at a NUL).
    static let itemsSQL = """
        SELECT external_id, kind, CONTENT, turns, meta, group_key, content_hash, source, reports, created_at, record_hash,
            gold_label, is_gold, priority, state, label_count, scores_json, explanations_json, media_json FROM items ORDER BY id
        """
    static let decisionsSQL = """
        SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.seconds, d.decided_at, d.origin
        FROM decisions d JOIN items i ON i.id = d.item_id ORDER BY d.id
        """
    static let headsSQL = """
        SELECT i.external_id, h.reviewer, h.decision_id, h.kind, h.label, h.tags, h.seconds, h.decided_at
        FROM decision_heads h JOIN items i ON i.id = h.item_id ORDER BY 1, 2
        """

    /// A value as both sides compare it: numbers by value (SQLite and PostgreSQL print them differently).
    static func normal(_ text: String?) -> String {
        guard let text else { return "NULL" }
        if let integer = Int64(text) { return String(integer) }
        guard let number = Double(text) else { return text }
        return number == number.rounded() && abs(number) < 9e15 ? String(Int64(number)) : "\(number)"
    }

    static func sqliteRows(_ f: StoreFixture, _ sql: String) throws -> [[String]] {
        try f.sqlite.pool.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                (0..<row.count).map { index in
                    let value: DatabaseValue = row[index]
                    switch value.storage {
                    case .null: return "NULL"
                    case .int64(let v): return normal(String(v))
                    case .double(let v): return normal(String(v))
                    case .string(let v): return normal(v)
                    case .blob(let v): return normal(String(decoding: v, as: UTF8.self))
                    }
                }
            }
        }
    }

    static func postgresRows(_ c: PostgresConnection, _ sql: String, decodeColumn: Int? = nil) throws -> [[String]] {
        let rows = try c.execute(sql)
        return (0..<rows.rowCount).map { r in
            (0..<rows.columnCount).map { column in
                let text = rows.string(r, column)
                return normal(column == decodeColumn ? text.map(PostgresStoredText.decode) : text)
            }
        }
    }

    @Test("the same file stores the same items, decisions and decisions in force as on SQLite, and reports the same")
    func sameRowsAsSQLite() throws {
        let sqlite = try StoreFixture(.sqlite, overlap: 2)
        let postgres = try StoreFixture(.postgres, overlap: 2)
        let database = try #require(postgres.postgresDatabase)
        for (name, lines) in [("one.jsonl", Self.records()), ("two.jsonl", Self.records(scoreOfA: "0.5") + [#"{"id":"x"}"#])] {
            let expected = try sqlite.importLines(lines, name: name)
            let got = try postgres.importLines(lines, name: name)
            #expect(got.inserted == expected.inserted && got.updated == expected.updated && got.unchanged == expected.unchanged
                    && got.decisionsAdded == expected.decisionsAdded && got.rejected == expected.rejected, "\(got) vs \(expected)")
            #expect(got.rejections.map { $0.description.replacingOccurrences(of: postgres.folder.path, with: "") }
                    == expected.rejections.map { $0.description.replacingOccurrences(of: sqlite.folder.path, with: "") })
        }
        try Self.expectSameRows(sqlite, postgres)
        let c = try database.connect()
        #expect(try postgres.store.item(queue: "q", externalID: "b").text == "nul\u{0}inside")
        #expect(try postgres.store.item(queue: "q", externalID: "c").text.unicodeScalars.first == PostgresStoredText.marker)
        // What psql shows: ordinary text as it is, NUL content in its stored form.
        #expect(try c.execute("SELECT content FROM items WHERE external_id = 'e'").string(0, 0) == "plain")
        #expect(try c.execute("SELECT content FROM items WHERE external_id = 'b'").string(0, 0)
                == String(Character(PostgresStoredText.marker)) + "nul" + String(Character(PostgresStoredText.marker)) + "0inside")
    }

    @Test("ConvAbuse's 400 items with their 1,173 annotations are stored as on SQLite")
    func publicDatasetSameRowsAsSQLite() throws {
        let yaml = try String(contentsOfFile: BackendParityFixture.folder + "/convabuse.yml", encoding: .utf8)
        let sqlite = try StoreFixture(.sqlite, queueYAML: yaml)
        let postgres = try StoreFixture(.postgres, queueYAML: yaml)
        // A fixed creation time: without one each store takes its own import's clock (and ranks by it).
        let lines = try BackendParityFixture.timedLines().map { String($0.dropLast()) + #","created_at":1700000000}"# }
        #expect(try sqlite.importLines(lines) == postgres.importLines(lines))
        try Self.expectSameRows(sqlite, postgres)
    }

    /// Every item, decision and decision in force of the two fixtures' stores is the same, and so are the queue's counts.
    static func expectSameRows(_ sqlite: StoreFixture, _ postgres: StoreFixture) throws {
        let c = try #require(postgres.postgresDatabase).connect()
        for (sql, decode) in [(itemsSQL, 2), (decisionsSQL, nil), (headsSQL, nil)] {
            let got = try postgresRows(c, sql.replacingOccurrences(of: "CONTENT", with: "content"), decodeColumn: decode)
            let expected = try sqliteRows(sqlite, sql.replacingOccurrences(of: "CONTENT", with: "CAST(content AS BLOB)"))
            #expect(got.count == expected.count, "\(sql)")
            for (row, wanted) in zip(got, expected) {
                let differing = row.indices.filter { row[$0] != wanted[$0] }
                #expect(differing.isEmpty, "\(differing.map { "column \($0): \(row[$0]) vs \(wanted[$0])" })")
            }
        }
        #expect(try postgres.summary() == sqlite.summary())
    }

    @Test("a second import of the same file rewrites no row: every item keeps its row version")
    func reimportRewritesNothing() throws {
        let f = try StoreFixture(.postgres)
        let lines = (0..<3_000).map { #"{"id":"i\#($0)","text":"t\#($0)","decisions":[{"reviewer":"r","label":"bad"}]}"# }
        #expect(try f.importFile(try f.write("a.jsonl", lines.joined(separator: "\n")), batchSize: 700).inserted == 3_000)
        let c = try #require(f.postgresDatabase).connect()
        let versions = "SELECT id, xmin::text, label_count, state FROM items ORDER BY id"
        let before = try Self.postgresRows(c, versions)
        let decisions = try c.execute("SELECT count(*) FROM decisions").int64(0, 0)
        let again = try f.importFile(try f.write("a.jsonl", lines.joined(separator: "\n")), batchSize: 700)
        #expect(again.unchanged == 3_000 && again.inserted == 0 && again.updated == 0 && again.decisionsAdded == 0)
        #expect(try Self.postgresRows(c, versions) == before)
        #expect(try c.execute("SELECT count(*) FROM decisions").int64(0, 0) == decisions)
    }

    @Test("the staging tables never outlive their transaction: not between batches, not after a failed import")
    func stagingIsCleanedUp() throws {
        let f = try StoreFixture(.postgres)
        let c = try #require(f.postgresDatabase).connect()
        let staging = "SELECT count(*) FROM pg_class WHERE relname IN ('docket_import_rows', 'docket_import_decisions', 'docket_import_merged')"
        // Records with decisions, so that every staging table is made.
        var lines = (0..<40).map { #"{"id":"s\#($0)","text":"ok","decisions":[{"reviewer":"r","label":"bad"}]}"# }
        lines.insert(#"{"id":"s-bad","text":"x","scores":[{"model":"m","category":"bad","score":7}]}"#, at: 33)
        let path = try f.write("s.jsonl", lines.joined(separator: "\n") + "\n")
        // Strict, in chunks of 5: the staging table was made and filled several times before line 34 failed.
        #expect(throws: StrictImportFailure.self) { try f.importFile(path, strict: true, batchSize: 5) }
        #expect(try c.execute(staging).int64(0, 0) == 0)
        #expect(try c.execute("SELECT count(*) FROM items").int64(0, 0) == 0)
        // Between committed batches (seen from the progress callback) and after the end, no staging table.
        var seen: [Int64] = []
        let source = try JSONLImportSource(path: path)
        let summary = try f.store.importItems(into: "q", from: [source], options: ImportOptions(batchSize: 10, actor: "admin")) { _, _, _ in
            seen.append((try? c.execute(staging).int64(0, 0)) ?? -1)
        }
        #expect(summary.inserted == 40 && summary.rejected == 1 && summary.decisionsAdded == 40)
        #expect(seen.count == 5 && seen.allSatisfy { $0 == 0 }, "\(seen)")
        #expect(try c.execute(staging).int64(0, 0) == 0)
        // An import whose connection is cut mid-way fails plainly; what it committed stays; the next one finishes.
        let more = (0..<2_000).map { #"{"id":"m\#($0)","text":"ok"}"# }
        let morePath = try f.write("more.jsonl", more.joined(separator: "\n"))
        let cut = #expect(throws: DocketError.self) {
            try f.store.importItems(into: "q", from: [try JSONLImportSource(path: morePath)],
                                    options: ImportOptions(batchSize: 500, actor: "admin")) { _, _, _ in
                _ = try? c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            }
        }
        #expect(cut.map { if case .unavailable = $0 { true } else { false } } == true, "\(String(describing: cut))")
        #expect(try c.execute("SELECT count(*) FROM items WHERE external_id LIKE 'm%'").int64(0, 0) == 500)
        let rest = try f.importFile(morePath)
        #expect(rest.inserted == 1_500 && rest.unchanged == 500)
        #expect(try c.execute(staging).int64(0, 0) == 0)
    }

    @Test("an import runs while reviewers claim and decide: every item once, every decision kept, scores updated")
    func importBesideClaims() throws {
        let f = try StoreFixture(.postgres, overlap: 1)
        let database = try #require(f.postgresDatabase)
        func line(_ index: Int, _ score: String) -> String {
            #"{"id":"c\#(index)","text":"t\#(index)","scores":[{"model":"m","category":"bad","score":\#(score)}]}"#
        }
        #expect(try f.importLines((0..<2_000).map { line($0, "0.5") }).inserted == 2_000)
        // The second file changes every stored record's score and adds as many new ones, while four reviewers work.
        let path = try f.write("second.jsonl", ((0..<4_000).map { line($0, "0.25") }).joined(separator: "\n"))
        let decided = ThreadLog(), failures = ThreadLog()
        @Sendable func work(_ worker: Int) {
            do {
                if worker == 0 {
                    let summary = try f.store.importItems(into: "q", from: [try JSONLImportSource(path: path)],
                                                          options: ImportOptions(batchSize: 250, actor: "admin"), progress: nil)
                    if summary.updated + summary.unchanged != 2_000 || summary.inserted != 2_000 { failures.append("\(summary)") }
                    return
                }
                let store = try StoreLocation.resolve(option: database.url).open(create: false)
                for _ in 0..<150 {
                    guard let item = try store.claimNext(queue: "q", reviewer: "r\(worker)") else { break }
                    try store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "r\(worker)", label: "bad"))
                    decided.append(item.externalID)
                }
            } catch {
                failures.append("worker \(worker): \(error)")
            }
        }
        // Threads of their own: on a two-core machine a dispatch queue might run the workers one after another.
        let group = DispatchGroup()
        for worker in 0..<5 {
            group.enter()
            Thread { work(worker); group.leave() }.start()
        }
        group.wait()
        #expect(failures.all == [])
        let ids = decided.all
        #expect(ids.count == 600 && Set(ids).count == 600)
        let c = try database.connect()
        #expect(try c.execute("SELECT count(*) FROM items").int64(0, 0) == 4_000)
        #expect(try c.execute("SELECT count(*) FROM decisions").int64(0, 0) == 600)
        // Every decided item is complete with one label, whatever the import rewrote beside it.
        #expect(try c.execute("SELECT count(*) FROM items WHERE state = 1 AND label_count = 1").int64(0, 0) == 600)
        #expect(try c.execute("SELECT count(*) FROM items WHERE scores_json LIKE '%0.5%'").int64(0, 0) == 0)
        #expect(try f.summary().complete == 600)
    }

    @Test("the stored form of text round-trips every text, and leaves text without NUL or a leading marker as it is")
    func storedTextRoundTrips() {
        let marker = String(Character(PostgresStoredText.marker))
        let samples = ["", "plain", "\u{0}", "a\u{0}b\u{0}", marker, marker + "x", "x" + marker, marker + "0", marker + marker + "\u{0}",
                       "\u{0}" + marker + "0", "é🙂\u{0}中"]
        for text in samples {
            let stored = PostgresStoredText.encode(text)
            #expect(!stored.utf8.contains(0), "\(text.debugDescription)")
            #expect(Array(PostgresStoredText.decode(stored).unicodeScalars) == Array(text.unicodeScalars), "\(text.debugDescription)")
        }
        #expect(PostgresStoredText.encode("plain") == "plain")
        #expect(PostgresStoredText.encode("x" + marker) == "x" + marker)
    }
}
