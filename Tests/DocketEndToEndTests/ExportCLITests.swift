import DocketCore
import Foundation
import Testing

/// `docket export` driven through the real binary on a real SQLite file holding the ConvAbuse fixture.
@Suite final class ExportCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/export").path

    /// Runs the real `docket` as the user "export-tests".
    static func docket(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        try DocketEndToEndTests.docket(arguments, environment: extra.merging(["DOCKET_USER": "export-tests"]) { $1 })
    }

    let folder: String
    let db: String

    /// A database with the ConvAbuse queue and its 400 items imported through `docket import`.
    init() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        folder = NSTemporaryDirectory() + "docket-export-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        db = folder + "/review.sqlite"
        for arguments in [["init", "--db", db],
                          ["queues", "add", Self.fixtures + "/convabuse.yml", "--db", db],
                          ["import", Self.fixtures + "/convabuse-valid-400.jsonl", "--queue", "convabuse", "--db", db]] {
            let result = try Self.docket(arguments)
            try #require(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    deinit {
        if ProcessInfo.processInfo.environment["DOCKET_KEEP_TMP"] == nil { try? FileManager.default.removeItem(atPath: folder) }
    }

    func files(_ dir: String) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: dir)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found[path] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path))
            }
        }
        return found
    }

    @Test(arguments: ["jsonl", "csv", "hf", "chat", "raw"])
    func twoProcessesWriteByteIdenticalExports(format: String) throws {
        let out = folder + "/out-" + format
        let arguments = ["export", "--queue", "convabuse", "--out", out, "--format", format, "--seed", "9", "--db", db]
        let first = try Self.docket(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let firstFiles = try files(out)
        try FileManager.default.moveItem(atPath: out, toPath: out + "-first")
        let second = try Self.docket(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let secondFiles = try files(out)
        #expect(firstFiles.keys.contains("manifest.json"))
        #expect(firstFiles.count >= 2)
        #expect(firstFiles == secondFiles, "the two exports differ in \(Set(firstFiles.keys).symmetricDifference(secondFiles.keys)) or content")
        // The manifest's checksums are the files' own.
        let manifest = try JSONParser.parse(String(decoding: firstFiles["manifest.json"]!, as: UTF8.self))
        for entry in manifest["files"]?.arrayValue ?? [] {
            let path = try #require(entry["path"]?.stringValue)
            var hasher = SHA256()
            hasher.update([UInt8](try #require(firstFiles[path])))
            #expect(entry["sha256"]?.stringValue == hasher.finalizeHex(), "\(path)")
        }
    }

    @Test func groupsAndDuplicatesNeverCrossSplitsInTheRealExport() throws {
        let out = folder + "/grouped"
        let result = try Self.docket(["export", "--queue", "convabuse", "--out", out, "--seed", "5", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        var splitOfGroup: [String: String] = [:]
        var rows = 0
        for split in ["train", "validation", "test"] {
            let text = try String(contentsOfFile: out + "/\(split).jsonl", encoding: .utf8)
            for line in text.split(separator: "\n") {
                rows += 1
                let row = try JSONParser.parse(String(line))
                if let group = row["group"]?.stringValue {
                    #expect(splitOfGroup[group, default: split] == split, "group \(group) in two splits")
                    splitOfGroup[group] = split
                }
            }
        }
        #expect(rows > 300)
        #expect(result.stdout.contains("Exported \(rows) items"))
    }

    @Test(arguments: [
        (["--split", "train=0.9,test=0.2"], "sum to"),
        (["--split", "train"], "name=fraction"),
        (["--format", "parquet"], "--format must be one of"),
        (["--method", "vote"], "'dawid-skene'"),
        (["--min-agreement", "1.5"], "--min-agreement must be between 0 and 1"),
        (["--min-reviewers", "0"], "--min-reviewers must be at least 1"),
        (["--since", "yesterday"], "--since 'yesterday' is not a date"),
        (["--since", "2026-02-01", "--until", "2026-01-01"], "--since must be before --until"),
        (["--labels", "abusive,rude"], "has no label 'rude'"),
        (["--format", "chat", "--include-ties"], "cannot be used with --format chat"),
        (["--queue", "nope"], "nope"),
    ])
    func badArgumentsSayWhyAndWriteNothing(extra: [String], message: String) throws {
        let out = folder + "/never"
        var arguments = ["export", "--queue", "convabuse", "--out", out, "--db", db]
        if extra.first == "--queue" { arguments[2] = extra[1] } else { arguments += extra }
        let result = try Self.docket(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary folders left: \(leftovers)")
    }

    /// The split keeps its per-item facts in temporary files under $TMPDIR: when none can be made the
    /// export says where and what to do, and writes nothing.
    @Test func anUnusableTemporaryFolderIsNamedAndNothingIsWritten() throws {
        let out = folder + "/no-temp"
        let missing = folder + "/missing-tmp"
        let result = try Self.docket(["export", "--queue", "convabuse", "--out", out, "--db", db],
                                     environment: ["TMPDIR": missing])
        #expect(result.status == 74, "an unusable TMPDIR is an I/O error (Docs/cli.md)")
        #expect(result.stderr.contains(missing) && result.stderr.contains("TMPDIR"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary folders left: \(leftovers)")
    }

    @Test func aNonEmptyFolderIsKeptUnlessForced() throws {
        let out = folder + "/existing"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        let refused = try Self.docket(["export", "--queue", "convabuse", "--out", out, "--db", db])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("is not empty") && refused.stderr.contains("--force"))
        #expect(try files(out).keys.sorted() == ["notes.txt"])
        // --force replaces an earlier export only: a folder holding someone's notes is refused, kept whole.
        let forced = try Self.docket(["export", "--queue", "convabuse", "--out", out, "--force", "--db", db])
        #expect(forced.status == 4, "\(forced.stderr)")
        #expect(forced.stderr.contains("not an earlier Docket export"))
        #expect(try files(out).keys.sorted() == ["notes.txt"])
        try FileManager.default.removeItem(atPath: out + "/notes.txt")
        let first = try Self.docket(["export", "--queue", "convabuse", "--out", out, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let replaced = try Self.docket(["export", "--queue", "convabuse", "--out", out, "--force", "--seed", "2", "--db", db])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try files(out).keys.sorted() == ["manifest.json", "test.jsonl", "train.jsonl", "validation.jsonl"])
    }

    @Test func filtersAndTiesShowInTheManifest() throws {
        let out = folder + "/filtered"
        let result = try Self.docket(["export", "--queue", "convabuse", "--out", out, "--min-reviewers", "3",
                                      "--min-agreement", "0.6", "--include-ties", "--labels", "abusive,not_abusive",
                                      "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try JSONParser.parse(result.stdout)
        let excluded = try #require(manifest["counts"]?["excluded"])
        #expect((excluded["min_reviewers"]?.doubleValue ?? 0) > 0)
        #expect(manifest["filters"]?["min_reviewers"]?.doubleValue == 3)
        for split in ["train", "validation", "test"] {
            for line in try String(contentsOfFile: out + "/\(split).jsonl", encoding: .utf8).split(separator: "\n") {
                let row = try JSONParser.parse(String(line))
                #expect((row["reviewers"]?.doubleValue ?? 0) >= 3)
                #expect((row["agreement"]?.doubleValue ?? 0) >= 0.6)
                #expect(["abusive", "not_abusive"].contains(row["label"]?.stringValue ?? ""))
            }
        }
    }
}
