import DocketCore
import DocketImages
import Foundation
import Testing
import TestScratch

/// Exports and reports of an image queue through the real binary: each image's path and SHA-256 in the
/// rows, `--copy-media` copies under content-addressed names listed in the manifest, the `hf` folder loads
/// in `datasets` with an `Image` feature, and the agreement report works as on text.
@Suite(.serialized) struct ImageExportEndToEndTests {
    typealias Queue = ImageItemsEndToEndTests.ImageQueue

    /// A queue of three image items (two share a picture) and one URL item, each labelled by two reviewers.
    static func labelledQueue() throws -> (Queue, [String: [UInt8]]) {
        let queue = try Queue(overlap: 2)
        let pictures = ["a": try ImageItemsEndToEndTests.png(40, 30), "b": try ImageItemsEndToEndTests.png(20, 20, hue: 80)]
        for (name, bytes) in pictures { try queue.picture("pics/\(name).png", bytes) }
        let score = #","scores":[{"model":"m","category":"bad","score":0.8,"threshold":0.5}]"#
        let lines = [
            ImageItemsEndToEndTests.record("m1", path: "pics/a.png", extra: score),
            ImageItemsEndToEndTests.record("m2", path: "pics/b.png", extra: score),
            ImageItemsEndToEndTests.record("m3", path: "pics/a.png", extra: score),
            #"{"id":"m4","text":"link only","media":[{"path":"https://example.invalid/x.png"}]}"#,
        ]
        let imported = try queue.importLines(lines)
        guard imported.status == 0 else { throw SetupFailure(imported.transcript) }
        for id in ["m1", "m2", "m3", "m4"] {
            for (reviewer, label) in [("ann", id == "m2" ? "fine" : "bad"), ("bob", id == "m2" ? "fine" : "bad")] {
                let decided = try docket(["decide", id, "--queue", "memes", "--reviewer", reviewer, "--label", label, "--unclaimed", "--db", queue.db])  // labels set up for the export, not claimed
                guard decided.status == 0 else { throw SetupFailure(decided.transcript) }
            }
        }
        return (queue, pictures)
    }

    static func rows(_ folder: String) throws -> [JSONValue] {
        try ["train", "validation", "test"].flatMap { split -> [JSONValue] in
            let path = folder + "/" + split + ".jsonl"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        }
    }

    @Test func rowsCarryEachImagesPathAndHashAndCopiesAreContentAddressed() throws {
        let (queue, pictures) = try Self.labelledQueue()
        let out = queue.folder.file("export")
        let result = try docket(["export", "--queue", "memes", "--out", out, "--copy-media", "--db", queue.db])
        #expect(result.status == 0, "\(result.transcript)")
        let rows = try Self.rows(out)
        #expect(rows.count == 4)
        let manifest = try JSONParser.parse(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8))
        let listed = (manifest["files"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        for row in rows {
            let media = try #require(row["media"]?.arrayValue?.first)
            if row["id"]?.stringValue == "m4" {
                #expect(media["path"]?.stringValue == "https://example.invalid/x.png" && media["sha256"] == nil)
                continue
            }
            let sha = try #require(media["sha256"]?.stringValue)
            let name = row["id"]?.stringValue == "m2" ? "b" : "a"
            #expect(sha == ImageItemsEndToEndTests.sha256(pictures[name]!))
            #expect(media["path"]?.stringValue == "media/\(sha).png")
            #expect(listed.contains("media/\(sha).png"))
            let copy = try Data(contentsOf: URL(fileURLWithPath: out + "/media/\(sha).png"))
            #expect([UInt8](copy) == pictures[name]!)
        }
        // Two items share picture a: one copy.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/media").count == 2)
        // Without --copy-media the rows point at the files where they were imported.
        let plain = queue.folder.file("plain")
        #expect(try docket(["export", "--queue", "memes", "--out", plain, "--db", queue.db]).status == 0)
        let first = try #require(try Self.rows(plain).first { $0["id"]?.stringValue == "m2" }?["media"]?.arrayValue?.first)
        #expect(first["path"]?.stringValue == URL(fileURLWithPath: queue.folder.file("pics/b.png")).resolvingSymlinksInPath().path)
        #expect(!FileManager.default.fileExists(atPath: plain + "/media"))
    }

    @Test func aFileChangedSinceImportStopsTheCopyAndLeavesNothing() throws {
        let (queue, _) = try Self.labelledQueue()
        try queue.picture("pics/b.png", try ImageItemsEndToEndTests.png(20, 20, hue: 200))
        let out = queue.folder.file("export")
        let result = try docket(["export", "--queue", "memes", "--out", out, "--copy-media", "--db", queue.db])
        #expect(result.status == 4, "\(result.transcript)")
        #expect(result.stderr.contains("changed since it was imported"))
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }

    @Test func datasetsLoadsTheImagesAsAnImageFeature() throws {
        let (queue, _) = try Self.labelledQueue()
        let out = queue.folder.file("hf")
        let result = try docket(["export", "--queue", "memes", "--out", out, "--format", "hf", "--copy-media", "--db", queue.db])
        #expect(result.status == 0, "\(result.transcript)")
        let script = """
        import sys, json, datasets
        ds = datasets.load_dataset(sys.argv[1])
        out = {}
        for name in ds:
            for row in ds[name]:
                image = row["image"]
                out[row["id"]] = {"feature": type(ds[name].features["image"]).__name__,
                                  "size": list(image.size) if image is not None else None,
                                  "sha": json.loads(row["media"])[0].get("sha256")}
        print(json.dumps(out))
        """
        let python = try docketPython(script, arguments: [out])
        #expect(python.status == 0, "python3 failed (pip install datasets pillow):\n\(python.stderr.suffix(1500))")
        let loaded = try JSONParser.parse(python.stdout)
        #expect(loaded["m1"]?["feature"]?.stringValue == "Image")
        #expect(loaded["m1"]?["size"] == .array([.number("40"), .number("30")]))
        #expect(loaded["m2"]?["size"] == .array([.number("20"), .number("20")]))
        #expect(loaded["m4"]?["size"] == .null)
    }

    @Test func theAgreementReportWorksOnAnImageQueue() throws {
        let (queue, _) = try Self.labelledQueue()
        let report = try docket(["report", "agreement", "--queue", "memes", "--format", "json", "--bootstrap", "20", "--db", queue.db])
        #expect(report.status == 0, "\(report.transcript)")
        let json = try JSONParser.parse(report.stdout)
        #expect(json["items"]?.doubleValue == 4 || report.stdout.contains("\"items\""))
        #expect(report.stdout.contains("bob") && report.stdout.contains("ann"))
    }

    /// Runs python3 with `script` offline (no hub), as the export consumer tests do.
    func docketPython(_ script: String, arguments: [String]) throws -> ProcessResult {
        try shell("python3 -c \"$SCRIPT\" " + arguments.map { "'\($0)'" }.joined(separator: " "), environment: [
            "SCRIPT": script, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
            "HF_DATASETS_CACHE": TestScratch.folder("docket-hf-cache").path,
        ])
    }
}
