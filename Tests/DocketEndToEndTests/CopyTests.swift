import DocketCore
import DocketStore
import Foundation
import Testing

/// `docket copy` through the real binary: a database with every kind of history is copied, and the copy has
/// the same rows in every table, the same agreement report and the same export files.
@Suite struct CopyTests {
    static let fixtures = DocketBinary.repositoryRoot.appendingPathComponent("Tests/Fixtures/export").path
    /// Who runs the commands: the admin registered in the source.
    static let user = ["DOCKET_USER": "copy-admin"]

    /// Runs `docket` as the test's admin and requires success.
    @discardableResult
    static func run(_ arguments: [String]) throws -> ProcessResult {
        let result = try docket(arguments, environment: user)
        try #require(result.status == 0, "\(arguments.joined(separator: " ")): \(result.transcript)")
        return result
    }

    /// A source database with ConvAbuse's 400 items and their imported decisions, plus reviewers and roles, an
    /// assignment, corrections, an undo, a skip, an escalation, an adjudication, a live lease and an export.
    static func source(in folder: TemporaryFolder) throws -> String {
        let db = folder.file("source.sqlite")
        try run(["init", "--db", db])
        // DOCKET_USER (copy-admin) is honoured in a database with roles only for an admin's session: the
        // operating-system user becomes an admin first and registers copy-admin.
        for arguments in [["reviewers", "add", OperatingSystemUser.name, "--role", "admin", "--db", db],
                          ["reviewers", "add", "copy-admin", "--role", "admin", "--db", db]] {
            let result = try docket(arguments)
            try #require(result.status == 0, "\(arguments.joined(separator: " ")): \(result.transcript)")
        }
        try run(["queues", "add", fixtures + "/convabuse.yml", "--db", db])
        try run(["import", fixtures + "/convabuse-valid-400.jsonl", "--queue", "convabuse", "--db", db])
        try run(["reviewers", "add", "lee", "--role", "lead", "--db", db])
        for name in ["ann", "bob", "cat", "dan"] {
            try run(["reviewers", "add", name, "--role", "reviewer", "--db", db])
            try run(["reviewers", "assign", name, "--queue", "convabuse", "--db", db])
        }
        for (index, label) in ["abusive", "not_abusive", "ambiguous", "abusive"].enumerated() {
            let next = try JSONParser.parse(try run(["next", "--queue", "convabuse", "--reviewer", "ann", "--json", "--db", db]).stdout)
            let id = try #require(next["id"]?.stringValue)
            try run(["decide", id, "--queue", "convabuse", "--reviewer", "ann", "--label", label, "--seconds", "\(index + 2).5",
                     "--note", "note \(index)", "--db", db])
            if index == 1 {
                try run(["decide", id, "--queue", "convabuse", "--reviewer", "ann", "--label", "abusive", "--correct", "--db", db])
            }
        }
        try run(["undo", "--queue", "convabuse", "--reviewer", "ann", "--db", db])
        let skipped = try JSONParser.parse(try run(["next", "--queue", "convabuse", "--reviewer", "bob", "--json", "--db", db]).stdout)
        try run(["decide", try #require(skipped["id"]?.stringValue), "--queue", "convabuse", "--reviewer", "bob",
                 "--skip", "not my language", "--db", db])
        let escalated = try JSONParser.parse(try run(["next", "--queue", "convabuse", "--reviewer", "cat", "--json", "--db", db]).stdout)
        try run(["decide", try #require(escalated["id"]?.stringValue), "--queue", "convabuse", "--reviewer", "cat",
                 "--escalate", "threat", "--db", db])
        // The command has no scriptable adjudication yet: a lead settles two disputed items through the store, one twice.
        let store = try StoreLocation(db).open()
        let disputed = try store.disputedItems(queue: "convabuse").prefix(2).map(\.externalID)
        try #require(disputed.count == 2)
        try store.adjudicate(queue: "convabuse", externalID: disputed[0], lead: "lee", label: "abusive", tags: [], severity: "mild",
                             note: "settled")
        try store.adjudicate(queue: "convabuse", externalID: disputed[1], lead: "lee", label: "ambiguous")
        try store.adjudicate(queue: "convabuse", externalID: disputed[1], lead: "lee", label: "not_abusive", note: "second look")
        // A live lease: dan holds an item.
        try run(["next", "--queue", "convabuse", "--reviewer", "dan", "--db", db])
        try run(["export", "--queue", "convabuse", "--out", folder.file("export-before"), "--db", db])
        return db
    }
}

extension CopyTests {
    /// Every table of a SQLite database as text rows in a fixed order (the SQLite tables `docket copy` fills).
    static func tables(_ path: String) throws -> [String: [[String]]] {
        let facts = try DatabaseFacts(path)
        var result: [String: [[String]]] = [:]
        for table in ["docket_info", "queues", "items", "decisions", "decision_heads", "leases", "reviewers", "queue_reviewers", "audit"] {
            result[table] = try facts.rows("SELECT * FROM \(table) ORDER BY 1, 2")
        }
        return result
    }

    /// What a user checks of a database: its agreement report and every export file (raw history and the
    /// dataset), each manifest without the command line that made it.
    static func outputs(_ db: String, in folder: TemporaryFolder, tag: String) throws -> [String: String] {
        var result = ["report": try run(["report", "agreement", "--queue", "convabuse", "--format", "json", "--db", db]).stdout]
        for format in ["jsonl", "raw"] {
            let out = folder.file("export-\(tag)-\(format)")
            try run(["export", "--queue", "convabuse", "--format", format, "--out", out, "--db", db])
            for name in try FileManager.default.contentsOfDirectory(atPath: out).sorted() {
                var text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
                if name == "manifest.json", case .object(let fields) = try JSONParser.parse(text) {
                    text = JSONWriter.string(.object(fields.filter { $0.0 != "command" }))
                }
                result["\(format)/\(name)"] = text
            }
        }
        return result
    }

    @Test("SQLite -> SQLite: every table, the agreement report and every export file are the same in the copy")
    func sqliteToSQLite() throws {
        let folder = try TemporaryFolder("docket-copy")
        let source = try Self.source(in: folder)
        let copy = folder.file("copy.sqlite")
        let printed = try Self.run(["copy", "--from", source, "--to", copy, "--json"])
        let counts = try JSONParser.parse(printed.stdout)["copied"]
        #expect(counts?["items"]?.doubleValue == 400)
        #expect(counts?["reviewers"]?.doubleValue == 7 && counts?["assignments"]?.doubleValue == 4 && counts?["leases"]?.doubleValue == 2)
        let sourceTables = try Self.tables(source)
        #expect(sourceTables["decisions"]!.contains { $0[4] == "undo" } && sourceTables["decisions"]!.contains { $0[12] != "NULL" })
        let copyTables = try Self.tables(copy)
        for (table, rows) in sourceTables {
            #expect(copyTables[table] == rows, "table \(table) differs in the copy")
        }
        #expect(Int(counts?["decisions"]?.doubleValue ?? 0) == sourceTables["decisions"]!.count)
        #expect(Int(counts?["audit"]?.doubleValue ?? 0) == sourceTables["audit"]!.count)
        // The copy's audit log is chained anew, and its history checks out.
        #expect(try Self.run(["audit", "--verify", "--db", copy]).stdout.contains("Audit log intact"))
        #expect(try docket(["status", "--full-check", "--db", copy], environment: Self.user).status == 0)
        let before = try Self.outputs(source, in: folder, tag: "source")
        let after = try Self.outputs(copy, in: folder, tag: "copy")
        #expect(before.keys.sorted() == after.keys.sorted())
        for (name, text) in before { #expect(after[name] == text, "\(name) differs from the copy") }
        #expect(before.keys.contains("raw/manifest.json") && before["report"]!.contains("\"queue\""))
    }

    @Test("a destination that holds data is refused and left as it was; --replace overwrites a SQLite file")
    func nonEmptyDestination() throws {
        let folder = try TemporaryFolder("docket-copy")
        let source = try Self.source(in: folder)
        let other = try makeDatabase(in: folder, queue: "other", items: 3)
        let before = try Self.tables(other)
        let refused = try docket(["copy", "--from", source, "--to", other], environment: Self.user)
        #expect(refused.status == 4 && refused.stderr.contains("already holds data") && refused.stderr.contains("--replace"))
        #expect(try Self.tables(other) == before)
        try Self.run(["copy", "--from", source, "--to", other, "--replace"])
        #expect(try Self.tables(other) == Self.tables(source))
        #expect(!FileManager.default.fileExists(atPath: other + ".copying"))
    }

    @Test("a password in a PostgreSQL URL never appears in what docket prints")
    func passwordsAreNeverPrinted() throws {
        let folder = try TemporaryFolder("docket-copy")
        let db = try makeDatabase(in: folder, queue: "tiny", items: 2)
        for url in ["postgresql://ann:pa55-w0rd@127.0.0.1:1/docket?sslmode=disable",
                    "postgres://ann@127.0.0.1:1/docket?password=pa55-w0rd&sslmode=disable"] {
            let runs: [(arguments: [String], environment: [String: String])] = [
                (["copy", "--from", db, "--to", url], [:]), (["copy", "--from", url, "--to", folder.file("x.sqlite")], [:]),
                (["status", "--db", url], [:]), (["status"], ["DOCKET_DB": url]),
                (["demo", "--no-review", "--queues", DocketBinary.repositoryRoot.appendingPathComponent("Queues").path, "--db", url], [:]),
                (["queues", "--json"], ["DOCKET_DB": url]),
            ]
            for run in runs {
                let result = try docket(run.arguments, environment: run.environment)
                #expect(result.status == 69, "a PostgreSQL URL that cannot be used is 'unavailable': \(result.transcript)")
                #expect(!(result.stdout + result.stderr).contains("pa55-w0rd"), "\(run.arguments): \(result.transcript)")
                #expect(result.stderr.contains("127.0.0.1"), "the message names the server: \(result.stderr)")
            }
            // Nothing was created under the URL's name as if it were a file.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("postgres") })
        }
    }
}

extension CopyTests {
    /// Whether the PostgreSQL round trip runs: once the build has the backend, with a test server named, and
    /// always in CI (where it fails rather than being left out when there is none).
    static var postgresEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        return StoreLocation.hasPostgresBackend
            && (environment["CI"] == "true" || !(environment["DOCKET_TEST_POSTGRES_URL"] ?? "").isEmpty)
    }

    @Test("SQLite -> PostgreSQL -> SQLite: every table, the report and the export files survive the round trip",
          .enabled(if: postgresEnabled))
    func roundTripThroughPostgres() throws {
        let server = try #require(ProcessInfo.processInfo.environment["DOCKET_TEST_POSTGRES_URL"],
                                  "CI=true but DOCKET_TEST_POSTGRES_URL is not set: the PostgreSQL round trip must not be skipped in CI")
        let folder = try TemporaryFolder("docket-copy")
        let source = try Self.source(in: folder)
        // The PostgreSQL lane's test support plugs in here: a fresh database per test on `server`.
        let middle = server
        try Self.run(["copy", "--from", source, "--to", middle])
        let back = folder.file("back.sqlite")
        try Self.run(["copy", "--from", middle, "--to", back])
        #expect(try Self.tables(back) == Self.tables(source))
        let before = try Self.outputs(source, in: folder, tag: "source")
        let postgres = try Self.outputs(middle, in: folder, tag: "postgres")
        let after = try Self.outputs(back, in: folder, tag: "back")
        for (name, text) in before {
            #expect(postgres[name] == text, "\(name) differs on PostgreSQL")
            #expect(after[name] == text, "\(name) differs after the round trip")
        }
    }
}
