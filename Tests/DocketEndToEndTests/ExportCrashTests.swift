import DocketCore
import Foundation
import Testing

/// `docket export` killed with SIGKILL at random moments: the output folder is either absent or a
/// complete dataset whose files match the manifest's checksums, and once an export completes no
/// temporary folder is left behind. Runs only once `docket export` is built (it is disabled, not
/// failed, on a binary with the placeholder command).
@Suite(.serialized)
struct ExportCrashTests {
    static let long = ProcessInfo.processInfo.environment["DOCKET_SOAK"] == "long"

    static var exportIsBuilt: Bool {
        guard DocketBinary.isBuilt, let help = try? docket(["export", "--help"]) else { return false }
        return help.status == 0 && !help.stdout.contains("Not built yet")
    }

    /// Why the folder at `path` is not a complete export (nil when it is one).
    static func incompleteness(of path: String) -> String? {
        let manifestPath = path + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return "no manifest.json" }
        guard let manifest = try? JSONParser.parse(Array(data)) else { return "manifest.json is not JSON" }
        let files = manifest["files"]?.arrayValue ?? []
        if files.isEmpty { return "the manifest lists no files" }
        for file in files {
            let name = file["path"]?.stringValue ?? ""
            guard let bytes = FileManager.default.contents(atPath: path + "/" + name) else { return "\(name) is missing" }
            var hash = SHA256()
            hash.update(Array(bytes))
            if hash.finalizeHex() != file["sha256"]?.stringValue { return "\(name) does not match its checksum" }
        }
        return nil
    }

    @Test("kill -9 during an export leaves either no dataset or a complete one, and no temporary folder once an export completes",
          .enabled(if: ExportCrashTests.exportIsBuilt))
    func killedExports() throws {
        let folder = try TemporaryFolder("crash-export")
        let itemCount = Self.long ? 50_000 : 4_000
        let kills = Self.long ? 40 : 10
        let db = try makeDatabase(in: folder, queue: "ex", items: 0)
        var lines = ""
        for index in 0..<itemCount {
            let label = index % 3 == 0 ? "bad" : "fine"
            lines += itemLine("e-\(index)", extra: ",\"group\":\"g\(index % 40)\",\"decisions\":[{\"reviewer\":\"r\(index % 5)\",\"label\":\"\(label)\"}]") + "\n"
        }
        let file = try folder.write("labelled.jsonl", lines)
        let imported = try docket(["import", file, "--queue", "ex", "--db", db])
        try #require(imported.status == 0, "\(imported.transcript)")
        let out = folder.file("dataset")
        let arguments = ["export", "--db", db, "--queue", "ex", "--out", out, "--force", "--seed", "7"]

        // One whole export first: the kills land at random moments within its duration, however fast this machine.
        let started = Date()
        let timed = try docket(arguments)
        try #require(timed.status == 0, "\(timed.transcript)")
        let duration = Date().timeIntervalSince(started)

        var killedMidway = 0
        for round in 0..<kills {
            let exporting = try RunningProcess(arguments)
            pause(Double.random(in: 0.05...0.8) * duration)
            exporting.kill()
            let result = exporting.wait()
            if result.status == 128 + SIGKILL { killedMidway += 1 } else {
                #expect(result.status == 0, "round \(round): \(result.transcript)")
            }
            if FileManager.default.fileExists(atPath: out) {
                #expect(Self.incompleteness(of: out) == nil, "round \(round): a half-written dataset: \(Self.incompleteness(of: out) ?? "")")
            }
        }
        #expect(killedMidway > 0, "no kill landed during an export")
        let final = try docket(arguments)
        #expect(final.status == 0, "\(final.transcript)")
        #expect(Self.incompleteness(of: out) == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".dataset") }
        #expect(leftovers.isEmpty, "temporary folders left behind by killed exports: \(leftovers)")
        print("export crash loop: \(kills) kills (\(killedMidway) mid-export) of a \(itemCount)-item export; dataset always absent or complete")
    }
}
