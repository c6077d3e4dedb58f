import Foundation
import Testing

/// Every exit status listed in Docs/cli.md, produced through the real binary by the case the table names:
/// a code added to the table without a case here, or a case that returns another code, fails.
@Suite struct DocumentedExitCodeTests {
    /// The statuses of the "Exit codes" table of Docs/cli.md.
    static func documentedCodes() throws -> Set<Int32> {
        let text = try String(contentsOf: DocketBinary.repositoryRoot.appendingPathComponent("Docs/cli.md"), encoding: .utf8)
        let section = text.components(separatedBy: "## Exit codes").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        return Set(section.split(separator: "\n").compactMap { line -> Int32? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return line.hasPrefix("|") ? cells.first.flatMap { Int32($0) } : nil
        })
    }

    /// One documented case: what to run (shell, in the test's folder, `docket` on the PATH, `$DB` a fresh
    /// database with queue `q` of two items) and what the message must mention.
    struct Case: Sendable, CustomStringConvertible {
        var status: Int32
        var script: String
        var mentions: String
        var description: String { "exit \(status): \(script)" }
    }

    /// A shell filter printing the `id` of `docket next --json`'s item (failing on empty input).
    static let nextID = "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"id\"])'"

    static let cases: [Case] = [
        Case(status: 0, script: "docket queues --db \"$DB\"", mentions: ""),
        Case(status: 1, script: "sqlite3 \"$DB\" 'DROP TABLE audit' && docket audit --db \"$DB\"", mentions: "no such table"),
        Case(status: 3, script: "while id=$(docket next --queue q --reviewer ann --db \"$DB\" --json | \(nextID)); do docket decide \"$id\" --queue q --reviewer ann --label bad --db \"$DB\"; done; docket next --queue q --reviewer ann --db \"$DB\"", mentions: ""),
        Case(status: 4, script: "id=$(docket next --queue q --reviewer ann --db \"$DB\" --json | \(nextID)) && docket decide \"$id\" --queue q --reviewer ann --label nonsense --db \"$DB\"", mentions: "nonsense"),
        Case(status: 5, script: "head -c 8192 /dev/zero | tr '\\0' A > bad.sqlite && docket queues --db bad.sqlite", mentions: "damaged"),
        Case(status: 6, script: "sqlite3 \"$DB\" \"INSERT INTO grdb_migrations VALUES ('v999-from-a-newer-docket'); PRAGMA user_version = 999\" && docket reviewers add ann --db \"$DB\"", mentions: "newer"),
        Case(status: 64, script: "docket queues --no-such-option", mentions: "no-such-option"),
        Case(status: 65, script: "printf '{\"id\": \"x\"}\\n' > bad.jsonl && docket import bad.jsonl --queue q --db \"$DB\"", mentions: "bad.jsonl"),
        Case(status: 66, script: "docket import absent.jsonl --queue q --db \"$DB\"", mentions: "absent.jsonl"),
        Case(status: 69, script: "docket review --queue q --reviewer ann --db \"$DB\" </dev/null", mentions: "terminal"),
        Case(status: 74, script: "docket init --db no-such-folder/x.sqlite", mentions: "no-such-folder/x.sqlite"),
        Case(status: 77, script: "docket reviewers add boss --role admin --db \"$DB\" && DOCKET_USER=ann docket import absent.jsonl --queue q --db \"$DB\"", mentions: "admin"),
    ]

    @Test func everyDocumentedCodeHasACase() throws {
        #expect(try Self.documentedCodes() == Set(Self.cases.map(\.status)))
    }

    @Test(arguments: cases)
    func theBinaryReturnsTheDocumentedCode(_ documented: Case) throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        let folder = try TemporaryFolder("exit-\(documented.status)")
        let db = try makeDatabase(in: folder, queue: "q", items: 2)
        let bin = folder.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/docket", withDestinationPath: DocketBinary.path)
        let result = try shell("cd '\(folder.path)' && " + documented.script, environment: [
            "DB": db, "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        #expect(result.status == documented.status, Comment(rawValue: "\(documented)\n\(result.transcript)"))
        #expect(documented.mentions.isEmpty || result.stderr.contains(documented.mentions), Comment(rawValue: "\(documented)\n\(result.transcript)"))
    }
}
