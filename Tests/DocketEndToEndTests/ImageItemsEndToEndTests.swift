import DocketCore
import DocketImages
import Foundation
import Testing

/// Image items through the real binary: import with `media`, `next --json`, the review screen in tmux
/// (masked until revealed, regions, placeholders for hostile files), and refusals naming file, line and field.
@Suite(.serialized) struct ImageItemsEndToEndTests {
    /// A queue of image items in a folder of their own, with pictures made by the test.
    struct ImageQueue {
        let folder: TemporaryFolder
        let db: String

        init(extraWellbeing: String = "", overlap: Int = 1) throws {
            folder = try TemporaryFolder("docket-images")
            db = folder.file("images.sqlite")
            var yaml = queueYAML(id: "memes", overlap: overlap, labels: ["bad", "fine"])
            if !extraWellbeing.isEmpty { yaml += "wellbeing:\n" + extraWellbeing }
            let queueFile = try folder.write("memes.yml", yaml)
            let add = try docket(["queues", "add", queueFile, "--db", db])
            guard add.status == 0 else { throw SetupFailure(add.transcript) }
            try FileManager.default.createDirectory(atPath: folder.file("pics"), withIntermediateDirectories: true)
        }

        /// Writes `bytes` as `name` (inside `pics/` unless the name says otherwise) and returns the path.
        @discardableResult
        func picture(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = folder.file(name)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }

        func importLines(_ lines: [String], arguments: [String] = []) throws -> ProcessResult {
            let file = try folder.write("items.jsonl", lines.joined(separator: "\n") + "\n")
            return try docket(["import", file, "--queue", "memes", "--db", db] + arguments)
        }
    }

    static func png(_ width: Int, _ height: Int, hue: Int = 0) throws -> [UInt8] {
        try #require(ImageWriter.encode(SamplePictures.pattern(width: width, height: height, hue: hue), as: .png))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    static func record(_ id: String, path: String, alt: String = "a caption", extra: String = "") -> String {
        """
        {"id":"\(id)","text":"post \(id)","media":[{"path":"\(path)","mime":"image/png","alt":"\(alt)",\
        "regions":[{"x":8,"y":8,"w":16,"h":16,"label":"weapon","weight":0.92},{"x":30,"y":2,"w":10,"h":10,"label":"text","weight":0.4}]}]\(extra)}
        """
    }

    @Test func importStoresEachImageWithItsHashAndNextPrintsThem() throws {
        let queue = try ImageQueue()
        let bytes = try Self.png(48, 32)
        let path = try queue.picture("pics/a.png", bytes)
        let result = try queue.importLines([Self.record("m1", path: "pics/a.png")])
        #expect(result.status == 0, "\(result.transcript)")
        let next = try docket(["next", "--queue", "memes", "--reviewer", "ann", "--json", "--db", queue.db])
        #expect(next.status == 0, "\(next.transcript)")
        let item = try JSONParser.parse(next.stdout)
        let media = try #require(item["media"]?.arrayValue)
        #expect(media.count == 1)
        #expect(media[0]["path"]?.stringValue == "pics/a.png")
        #expect(media[0]["sha256"]?.stringValue == Self.sha256(bytes))
        #expect(media[0]["resolved_path"]?.stringValue == URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        #expect(media[0]["bytes"]?.doubleValue == Double(bytes.count))
        #expect(media[0]["alt"]?.stringValue == "a caption")
        let regions = try #require(media[0]["regions"]?.arrayValue)
        #expect(regions.count == 2 && regions[0]["label"]?.stringValue == "weapon" && regions[0]["w"]?.doubleValue == 16)
    }

    @Test func aURLIsKeptAsTextAndAnAltSpanIsStored() throws {
        let queue = try ImageQueue()
        let line = """
            {"id":"u1","text":"see link","media":[{"path":"https://example.invalid/x.png","alt":"kill them all"}],\
            "explanations":[{"model":"m","text":"alt","spans":[{"start":0,"end":4,"label":"threat","media":0}]}]}
            """
        let result = try queue.importLines([line])
        #expect(result.status == 0, "\(result.transcript)")
        let next = try docket(["next", "--queue", "memes", "--reviewer", "ann", "--json", "--db", queue.db])
        let item = try JSONParser.parse(next.stdout)
        let media = try #require(item["media"]?.arrayValue)
        #expect(media[0]["path"]?.stringValue == "https://example.invalid/x.png")
        #expect(media[0]["sha256"] == nil)
        let span = try #require(item["explanations"]?.arrayValue?.first?["spans"]?.arrayValue?.first)
        #expect(span["media"]?.doubleValue == 0)
    }

    @Test func unknownAndOutOfRangeMediaFieldsAreRejectedWithFileLineAndField() throws {
        let queue = try ImageQueue()
        try queue.picture("pics/a.png", try Self.png(16, 16))
        let lines = [
            Self.record("ok", path: "pics/a.png"),
            #"{"id":"b1","text":"x","media":[{"path":"pics/a.png","regions":[{"x":1,"y":1,"w":2,"h":2,"colour":"red"}]}]}"#,
            #"{"id":"b2","text":"x","media":[{"path":"pics/a.png","caption":"y"}]}"#,
            #"{"id":"b3","text":"x","media":[{"path":"pics/a.png","regions":[{"x":-1,"y":1,"w":2,"h":2}]}]}"#,
            #"{"id":"b4","text":"x","media":[{"path":"pics/a.png","mime":"text/html"}]}"#,
            #"{"id":"b5","text":"x","media":[{"path":"pics/a.png","alt":"ab"}],"explanations":[{"model":"m","spans":[{"start":0,"end":3,"media":0}]}]}"#,
        ]
        let result = try queue.importLines(lines)
        #expect(result.status == 65, "\(result.transcript)")
        #expect(result.stdout.contains("1 inserted") && result.stdout.contains("5 rejected"))
        #expect(result.stderr.contains("items.jsonl:2") && result.stderr.contains("media[0].regions[0].colour"))
        #expect(result.stderr.contains("items.jsonl:3") && result.stderr.contains("media[0].caption"))
        #expect(result.stderr.contains("items.jsonl:4") && result.stderr.contains("media[0].regions[0].x"))
        #expect(result.stderr.contains("items.jsonl:5") && result.stderr.contains("media[0].mime"))
        #expect(result.stderr.contains("items.jsonl:6") && result.stderr.contains("explanations[0].spans[0].end"))
    }

    @Test func pathsLeadingOutsideTheAllowedFoldersAreRefused() throws {
        let queue = try ImageQueue()
        let outside = try TemporaryFolder("docket-outside")
        let bytes = try Self.png(16, 16)
        try Data(bytes).write(to: URL(fileURLWithPath: outside.file("secret.png")))
        try FileManager.default.createSymbolicLink(atPath: queue.folder.file("pics/link.png"), withDestinationPath: outside.file("secret.png"))
        let escape = "../" + URL(fileURLWithPath: outside.path).lastPathComponent + "/secret.png"
        let lines = [
            Self.record("dots", path: escape),
            Self.record("link", path: "pics/link.png"),
            Self.record("absolute", path: outside.file("secret.png")),
            Self.record("missing", path: "pics/none.png"),
        ]
        let refused = try queue.importLines(lines)
        #expect(refused.status == 65, "\(refused.transcript)")
        #expect(refused.stdout.contains("0 inserted") && refused.stdout.contains("4 rejected"))
        for line in 1...3 {
            #expect(refused.stderr.contains("items.jsonl:\(line)"))
        }
        #expect(refused.stderr.components(separatedBy: "outside the allowed folders").count == 4)
        #expect(refused.stderr.contains("items.jsonl:4") && refused.stderr.contains("does not exist"))
        // Naming the other folder allows it.
        let allowed = try queue.importLines(Array(lines.prefix(3)), arguments: ["--media-root", outside.path])
        #expect(allowed.status == 0, "\(allowed.transcript)")
        #expect(allowed.stdout.contains("3 inserted"))
    }

    @Test func docketCopyCarriesTheImages() throws {
        let queue = try ImageQueue()
        let bytes = try Self.png(24, 24)
        try queue.picture("pics/a.png", bytes)
        #expect(try queue.importLines([Self.record("m1", path: "pics/a.png")]).status == 0)
        let copy = queue.folder.file("copy.sqlite")
        let copied = try docket(["copy", "--from", queue.db, "--to", copy])
        #expect(copied.status == 0, "\(copied.transcript)")
        let next = try docket(["next", "--queue", "memes", "--reviewer", "ann", "--json", "--db", copy])
        let media = try #require(try JSONParser.parse(next.stdout)["media"]?.arrayValue?.first)
        #expect(media["sha256"]?.stringValue == Self.sha256(bytes))
        #expect(media["regions"]?.arrayValue?.count == 2)
    }

    @Test func aChangedFileChangesTheRecordOnReimport() throws {
        let queue = try ImageQueue()
        try queue.picture("pics/a.png", try Self.png(16, 16))
        #expect(try queue.importLines([Self.record("m1", path: "pics/a.png")]).stdout.contains("1 inserted"))
        #expect(try queue.importLines([Self.record("m1", path: "pics/a.png")]).stdout.contains("1 unchanged"))
        let changed = try Self.png(16, 16, hue: 90)
        try queue.picture("pics/a.png", changed)
        #expect(try queue.importLines([Self.record("m1", path: "pics/a.png")]).stdout.contains("1 updated"))
        let next = try docket(["next", "--queue", "memes", "--reviewer", "ann", "--json", "--db", queue.db])
        #expect(try JSONParser.parse(next.stdout)["media"]?.arrayValue?.first?["sha256"]?.stringValue == Self.sha256(changed))
    }
}

/// `docket demo` builds an image queue from pictures it draws itself (nothing fetched).
@Suite struct DemoImageQueueTests {
    @Test func theDemoHasAnImageQueueWithHashedPicturesAndHostileFiles() throws {
        let folder = try TemporaryFolder("docket-demo-images")
        let db = folder.file("demo.sqlite")
        let queues = DocketBinary.repositoryRoot.appendingPathComponent("Queues").path
        let demo = try docket(["demo", "--db", db, "--queues", queues, "--no-review"])
        #expect(demo.status == 0, "\(demo.transcript)")
        #expect(demo.stdout.contains("Queue 'image-review': 8 image items (8 new)"))
        let again = try docket(["demo", "--db", db, "--queues", queues, "--no-review"])
        #expect(again.stdout.contains("Queue 'image-review': 8 image items (0 new)"))
        let next = try docket(["next", "--queue", "image-review", "--reviewer", "ann", "--json", "--db", db])
        let media = try #require(try JSONParser.parse(next.stdout)["media"]?.arrayValue?.first)
        let path = try #require(media["resolved_path"]?.stringValue)
        #expect(path.hasPrefix(URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path + "/demo.sqlite-images/"))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(media["sha256"]?.stringValue == ImageItemsEndToEndTests.sha256(bytes))
        #expect(FileManager.default.fileExists(atPath: folder.file("demo.sqlite-images/bomb.png")))
    }
}
