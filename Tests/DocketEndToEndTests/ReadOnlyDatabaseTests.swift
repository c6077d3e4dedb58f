import Foundation
import Testing

/// A database this user cannot write (read-only file in a read-only folder, as on read-only storage):
/// the read commands work and leave no file behind; the writing commands fail with 74 and change nothing.
@Suite struct ReadOnlyDatabaseTests {
    let folder: TemporaryFolder
    let data: String
    let db: String

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("read-only")
        data = folder.path + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        db = data + "/team.sqlite"
        for line in ["init --examples", "import items.jsonl --queue spam-scams"] {
            _ = try folder.write("items.jsonl", itemLine("a") + "\n" + itemLine("b") + "\n")
            let result = try shell("cd '\(folder.path)' && '\(DocketBinary.path)' \(line) --db '\(db)'")
            try #require(result.status == 0, Comment(rawValue: result.transcript))
        }
        let claim = try docket(["next", "--queue", "spam-scams", "--reviewer", "ann", "--db", db])
        try #require(claim.status == 0, Comment(rawValue: claim.transcript))
        // The last process closed the file cleanly: no -wal or -shm is left for a reader to reuse.
        try #require(!FileManager.default.fileExists(atPath: db + "-wal"))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: data)
    }

    /// Runs docket as a user who cannot write `data`: root writes anywhere, so then as `nobody`.
    func runReadOnly(_ arguments: String) throws -> ProcessResult {
        let asReader = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        return try shell("cd '\(folder.path)' && \(asReader)'\(DocketBinary.path)' \(arguments) --db '\(db)'",
                         environment: ["HOME": folder.path])
    }

    @Test func readCommandsWorkAndWriteNothing() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let out = folder.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        for command in ["status", "queues --json", "report agreement --queue spam-scams",
                        "audit --limit 5", "export --queue spam-scams --out '\(out)/set' --format jsonl"] {
            let result = try runReadOnly(command)
            #expect(result.status == 0, Comment(rawValue: command + "\n" + result.transcript))
            #expect(!result.stderr.contains("readonly database"), Comment(rawValue: result.transcript))
        }
        let queues = try runReadOnly("queues --json")
        #expect(queues.stdout.contains("\"spam-scams\""), Comment(rawValue: queues.transcript))
        let export = try runReadOnly("export --queue spam-scams --out '\(out)/again' --format jsonl")
        #expect(export.stderr.contains("not recorded in its audit log"), Comment(rawValue: export.transcript))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"))
    }

    @Test func writingCommandsFailWithAnIOErrorAndChangeNothing() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try runReadOnly("decide a --queue spam-scams --reviewer ann --label spam")
        #expect(result.status == 74, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("team.sqlite"), Comment(rawValue: result.transcript))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
