import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// `docket adjudicate` end to end: the real binary, set up with the real CLI, the screen driven in tmux.
@Suite struct AdjudicateEndToEndTests {
    static let queueFile = """
        id: adj
        title: Adjudication test
        overlap: 2
        labels:
          - {id: hate, key: "1"}
          - {id: offensive, key: "2"}
          - {id: normal, key: "3"}
        """

    /// ann and bob disagree on p1 (bob's note tries to set the window title); they agree on p2.
    static let items = [
        #"{"id":"p1","text":"you people should all go back","scores":[{"model":"clf","category":"hate","score":0.71,"threshold":0.5}],"#
            + #""decisions":[{"reviewer":"ann","label":"hate","note":"dog whistle aimed at migrants"},"#
            + #"{"reviewer":"bob","label":"normal","note":"quoting it to condemn it \u001b]2;pwned\u0007"}]}"#,
        #"{"id":"p2","text":"nice weather today","decisions":[{"reviewer":"ann","label":"normal"},{"reviewer":"bob","label":"normal"}]}"#,
    ]

    /// A database with the queue, the items and three users: admin, lee (lead) and ann (reviewer).
    static func setUp(_ folder: Folder) throws -> String {
        let db = folder.path("db.sqlite")
        try FileManager.default.createDirectory(atPath: folder.path("queues"), withIntermediateDirectories: true)
        try folder.write("queues/adj.yml", queueFile)
        try folder.write("items.jsonl", items.joined(separator: "\n") + "\n")
        // Run as the operating-system user, made an admin first: DOCKET_USER (lee, ann below) is honoured in a
        // database with roles only for an admin's session.
        let admin: [String: String] = [:]
        for arguments in [["init", "--db", db, "--queues", folder.path("queues")],
                          ["import", folder.path("items.jsonl"), "--queue", "adj", "--db", db],
                          ["reviewers", "add", OperatingSystemUser.name, "--role", "admin", "--db", db],
                          ["reviewers", "add", "admin", "--role", "admin", "--db", db],
                          ["reviewers", "add", "lee", "--role", "lead", "--db", db],
                          ["reviewers", "add", "ann", "--db", db]] {
            let result = try run(arguments, environment: admin)
            try #require(result.status == 0, Comment(rawValue: "\(arguments.joined(separator: " ")): \(result.stderr)"))
        }
        return db
    }

    @Test func aReviewerIsRefusedBeforeTheScreenOpens() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let refused = try Self.run(["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "ann"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("'ann' is a reviewer; adjudicate needs the lead role"))
        #expect(refused.stdout.isEmpty)
        #expect(try SQLiteReviewStore(path: db).adjudications(queue: "adj").isEmpty)
        // The lead may list the disputes for a script; p2, where ann and bob agree, is not among them.
        let listed = try Self.run(["adjudicate", "--queue", "adj", "--list", "--json", "--db", db], environment: ["DOCKET_USER": "lee"])
        #expect(listed.status == 0, Comment(rawValue: listed.stderr))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["p1"])
        #expect(items.first?["votes"] as? [String: Int] == ["hate": 1, "normal": 1])
        let notes = (items.first?["decisions"] as? [[String: Any]])?.compactMap { $0["note"] as? String }
        #expect(notes?.first == "dog whistle aimed at migrants")
        let bad = try Self.run(["adjudicate", "--queue", "adj", "--threshold", "1.5", "--db", db], environment: ["DOCKET_USER": "lee"])
        #expect(bad.status == 64 && bad.stderr.contains("--threshold must be a share between 0 and 1"))
    }

    @Test func theLeadSeesBothReviewersAndSettlesTheItemWithOneKey() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let terminal = try ReviewTerminal("adj", arguments: ["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "lee"])
        try terminal.waitFor("disputed item 1 of 1")
        // The panes are drawn below the header: wait for each part (a missing one fails).
        for shown in ["votes: hate 1 · normal 1", "you people should all go back", "0.71 ≥ 0.50",
                      "dog whistle aimed at migrants", "quoting it to condemn it ␛]2;pwned␇", "[1] hate"] {
            #expect(try terminal.waitFor(shown).contains(shown))
        }
        try terminal.waitForLine("ann's vote") { $0.hasPrefix("ann ") && $0.contains(" hate ") }
        try terminal.waitForLine("bob's vote") { $0.hasPrefix("bob ") && $0.contains(" normal ") }
        #expect(!(try terminal.title()).contains("pwned"))

        try terminal.press("2")
        try terminal.waitFor("Adjudicated as offensive")
        #expect(try terminal.waitFor("Nothing left to adjudicate").contains("Nothing left to adjudicate"))
        try terminal.press("q")
        let end = try terminal.waitFor("EXITED")
        #expect(end.contains("Adjudicated 1 item(s) in queue 'adj'; 0 still disputed."))
        #expect(end.contains("EXITED 0"))

        let stored = try #require(try SQLiteReviewStore(path: db).adjudication(queue: "adj", externalID: "p1"))
        #expect(stored.kind == .adjudication && stored.label == "offensive" && stored.reviewer == "lee")
        let audit = try Self.run(["audit", "--action", "adjudicate", "--json", "--db", db], environment: ["DOCKET_USER": "lee"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["actor"] as? String == "lee")
        #expect(entries.first?["item"] as? String == "p1")
        #expect((entries.first?["detail"] as? [String: Any])?["label"] as? String == "offensive")
        let left = try Self.run(["adjudicate", "--queue", "adj", "--list", "--json", "--db", db], environment: ["DOCKET_USER": "lee"])
        #expect(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func skippingLeavesTheItemDisputed() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let terminal = try ReviewTerminal("adj", arguments: ["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "lee"])
        try terminal.waitFor("disputed item 1 of 1")
        try terminal.press("Right")
        try terminal.waitFor("only item left")
        try terminal.press("q")
        #expect(try terminal.waitFor("EXITED").contains("Adjudicated 0 item(s) in queue 'adj'; 1 still disputed."))
        #expect(try SQLiteReviewStore(path: db).adjudications(queue: "adj").isEmpty)
    }

    @Test func ctrlCRestoresTheTerminalAndExitsAsTheSignalDoes() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let terminal = try ReviewTerminal("adj", arguments: ["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "lee"])
        try terminal.waitFor("disputed item 1 of 1")
        try terminal.press("C-c")
        let end = try terminal.waitFor("EXITED")
        #expect(end.contains("EXITED 130"))
        #expect(!end.contains("disputed item 1 of 1"))  // the screen was given back to the shell
        #expect(try SQLiteReviewStore(path: db).adjudications(queue: "adj").isEmpty)
    }

    // MARK: - Running the binary

    /// Runs `docket` to the end and collects its exit status and output (``SpawnedProgram``: a clean signal state,
    /// output in files), without progress bars.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = SpawnedProgram.run(DocketBinary.path, arguments, environment: ["CI": "1"].merging(environment) { $1 })
        return (result.status, result.stdout, result.stderr)
    }

    /// A temporary folder of one test, removed afterwards.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docket-adjudicate-\(UUID().uuidString.prefix(8))")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path(name))) }
    }
}
