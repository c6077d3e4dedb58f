import Foundation
import Testing

/// `docket export --force` through the real binary: it replaces an earlier export and nothing else, and
/// never a folder that holds the database (issue 17, item 4: `--out` = the database's folder deleted it).
@Suite struct ExportForceSafetyTests {
    let folder: TemporaryFolder
    let data: URL
    let db: String

    /// A database in `FOLDER/data/` with one queue whose 6 items carry imported decisions (so they export).
    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("export-force")
        data = folder.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        db = data.appendingPathComponent("review.sqlite").path
        let queueFile = try folder.write("q.yml", queueYAML(id: "q"))
        let add = try docket(["queues", "add", queueFile, "--db", db])
        try #require(add.status == 0, Comment(rawValue: add.transcript))
        let lines = (0..<6).map { index in
            itemLine("item-\(index)", extra: ",\"decisions\":[{\"reviewer\":\"ext\",\"label\":\"\(index % 2 == 0 ? "bad" : "fine")\"}]")
        }
        let items = try folder.write("items.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try docket(["import", items, "--queue", "q", "--db", db])
        try #require(imported.status == 0, Comment(rawValue: imported.transcript))
        // Something of the user's beside the database, which an export must never take with it.
        try Data("keep me\n".utf8).write(to: data.appendingPathComponent("notes.txt"))
    }

    /// What must survive every refused export: the database answers, and the files beside it are there.
    func expectNothingLost(_ result: ProcessResult, _ why: String) throws {
        #expect(result.status == 4, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains(why), Comment(rawValue: result.stderr))
        #expect(FileManager.default.fileExists(atPath: db))
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("notes.txt").path))
        let status = try docket(["status", "--db", db, "--json"])
        #expect(status.status == 0, Comment(rawValue: status.transcript))
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "temporary folders left: \(hidden)")
    }

    @Test func theDatabaseFolderIsNeverReplaced() throws {
        let result = try docket(["export", "--queue", "q", "--db", db, "--out", data.path, "--force"])
        try expectNothingLost(result, "holds the database")
    }

    @Test func theCurrentFolderHoldingTheDatabaseIsNeverReplaced() throws {
        let result = try shell("cd '\(data.path)' && '\(DocketBinary.path)' export --queue q --db review.sqlite --out . --force")
        try expectNothingLost(result, "holds the database")
    }

    @Test func theDatabaseFoldersParentIsNeverReplaced() throws {
        let result = try docket(["export", "--queue", "q", "--db", db, "--out", folder.path, "--force"])
        try expectNothingLost(result, "holds the database")
    }

    @Test func aFolderThatIsNotAnExportIsNeverReplaced() throws {
        let other = folder.url.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("holiday".utf8).write(to: other.appendingPathComponent("beach.jpg"))
        let result = try docket(["export", "--queue", "q", "--db", db, "--out", other.path, "--force"])
        try expectNothingLost(result, "not an earlier Docket export")
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("beach.jpg").path))
    }

    @Test(arguments: ["jsonl", "hf"])
    func anEarlierExportIsReplacedButNotWithAStrangersFileInIt(format: String) throws {
        let out = folder.url.appendingPathComponent("export").path
        let arguments = ["export", "--queue", "q", "--db", db, "--out", out, "--format", format]
        let first = try docket(arguments)
        try #require(first.status == 0, Comment(rawValue: first.transcript))
        let again = try docket(arguments + ["--force", "--seed", "3"])
        #expect(again.status == 0, Comment(rawValue: again.transcript))
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"seed\": 3"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/mine.txt"))
        let refused = try docket(arguments + ["--force"])
        try expectNothingLost(refused, "'mine.txt', which its manifest.json does not list")
        #expect(FileManager.default.fileExists(atPath: out + "/mine.txt"))
    }
}
