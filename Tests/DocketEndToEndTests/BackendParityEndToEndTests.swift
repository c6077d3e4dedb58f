import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The same queue, import and decisions through the real `docket` binary, once into a SQLite file and once into a
/// PostgreSQL database: `report agreement --format json`, `adjudicate --list --json` and every `docket export`
/// format (with a split, stratified, split by a metadata field) must come out byte for byte the same. Manifests
/// differ only in their command line; the raw history only in the times of the decisions made
/// here (the binary stamps them with the clock; imported decisions carry their own and must match exactly;
/// BackendParityTests compares those times too, at fixed instants).
@Suite(.enabled(if: PostgresUnderTest.isOn, "needs PostgreSQL (DOCKET_TEST_BACKENDS=sqlite,postgres or CI=true)"))
struct BackendParityEndToEndTests {
    static let fixtures = BackendParityFixture.folder

    /// ConvAbuse's 400 items, each imported decision at a fixed time, and an item whose metadata holds numbers
    /// that print differently in every language (1.0, 1e300, -0.0), nested values and unicode, plus a gold item.
    static func importFile(in folder: TemporaryFolder) throws -> String {
        var lines = try BackendParityFixture.timedLines(fraction: ".25")
        lines.append(#"{"id": "x-meta", "text": "  padded\t text \n", "meta": {"bot": "E.L.I.Z.A.", "split": "valid", "n": 1.0, "big": 1e300, "neg": -0.0, "obj": {"z": [1, 2.50, {"k": "é ✓"}], "a": null}, "flag": true}, "decisions": [{"reviewer": "annotator4", "label": "ambiguous", "at": "2024-05-01T10:00:00.125Z", "seconds": 3.5, "note": "hmm"}, {"reviewer": "annotator6", "label": "abusive", "at": "2024-05-01T10:01:00Z"}]}"#)
        lines.append(#"{"id": "x-nul", "text": "\u0000 starts with a NUL, and ends with white space \t", "meta": {"bot": "CarbonBot", "split": "test"}, "decisions": [{"reviewer": "annotator7", "label": "not_abusive", "at": 1714557601}]}"#)
        lines.append(#"{"id": "x-gold", "text": "a known answer", "gold": "abusive", "meta": {"bot": "CarbonBot", "split": "test", "n": 2}, "decisions": [{"reviewer": "annotator6", "label": "abusive", "at": 1714557600.5}]}"#)
        return try folder.write("timed.jsonl", lines.joined(separator: "\n") + "\n")
    }

    /// Runs `docket` as the lead `lee` (the same name on both databases, whoever runs the test) and requires success.
    @discardableResult
    static func run(_ arguments: [String]) throws -> ProcessResult {
        let result = try docket(arguments, environment: ["DOCKET_USER": "lee"])
        try #require(result.status == 0, "\(arguments.joined(separator: " ")): \(result.transcript)")
        return result
    }

    /// The queue, the import and the decisions, through the binary; `disputed` are the items to settle (the
    /// first database's list, so both get the same commands).
    static func build(_ db: String, items: String, disputed: [String]?) throws -> [String] {
        try run(["init", "--db", db])
        try run(["queues", "add", fixtures + "/convabuse.yml", "--db", db])
        try run(["import", items, "--queue", "convabuse", "--db", db])
        let listed = try JSONParser.parse(try run(["adjudicate", "--queue", "convabuse", "--list", "--json", "--db", db]).stdout)
        let chosen = disputed ?? (listed.arrayValue ?? []).prefix(3).compactMap { $0["id"]?.stringValue ?? $0["item"]?.stringValue }
        try #require(chosen.count == 3, "three disputed items to settle: \(listed)")
        let q = ["--queue", "convabuse", "--db", db]
        // A reviewer labels four items (claimed in priority order), corrects one, undoes the last.
        for (index, label) in ["abusive", "not_abusive", "ambiguous", "abusive"].enumerated() {
            let next = try JSONParser.parse(try run(["next", "--reviewer", "zed", "--json"] + q).stdout)
            let id = try #require(next["id"]?.stringValue)
            try run(["decide", id, "--reviewer", "zed", "--label", label, "--seconds", "\(index + 2).5", "--note", "note \(index)"]
                    + (label == "abusive" ? ["--severity", "strong"] : []) + q)
            if index == 1 { try run(["decide", id, "--reviewer", "zed", "--label", "abusive", "--correct"] + q) }
        }
        try run(["undo", "--reviewer", "zed"] + q)
        let skipped = try JSONParser.parse(try run(["next", "--reviewer", "yan", "--json"] + q).stdout)
        try run(["decide", try #require(skipped["id"]?.stringValue), "--reviewer", "yan", "--skip", "not my language"] + q)
        let escalated = try JSONParser.parse(try run(["next", "--reviewer", "yan", "--json"] + q).stdout)
        try run(["decide", try #require(escalated["id"]?.stringValue), "--reviewer", "yan", "--escalate", "a threat?"] + q)
        // A lead settles three disputed items, the last one twice.
        try run(["adjudicate", chosen[0], "--label", "abusive", "--severity", "mild", "--note", "settled"] + q)
        try run(["adjudicate", chosen[1], "--label", "ambiguous"] + q)
        try run(["adjudicate", chosen[2], "--label", "ambiguous"] + q)
        try run(["adjudicate", chosen[2], "--label", "not_abusive", "--note", "second look", "--replace"] + q)
        return chosen
    }

    /// What a user reads of a database: the agreement report, the disputed list and every export's files, by name.
    static func outputs(_ db: String, in folder: TemporaryFolder, tag: String) throws -> [String: String] {
        let q = ["--queue", "convabuse", "--db", db]
        var result = [
            "report": try run(["report", "agreement", "--format", "json"] + q).stdout,
            "report-since": try run(["report", "agreement", "--format", "json", "--since", "2024-05-01T10:00:00Z"] + q).stdout,
            "disputed": try run(["adjudicate", "--list", "--json", "--no-include-escalated"] + q).stdout,
            "disputed-escalated": try run(["adjudicate", "--list", "--json", "--threshold", "0.7"] + q).stdout,
        ]
        let exports: [(String, [String])] = [
            ("jsonl", ["--format", "jsonl", "--split", "train=0.8,test=0.2", "--seed", "7"]),
            ("jsonl-stratified", ["--format", "jsonl", "--split", "train=0.7,dev=0.1,test=0.2", "--stratify", "meta.bot", "--include-ties"]),
            ("jsonl-split-by", ["--format", "jsonl", "--split-by", "meta.split"]),
            ("csv", ["--format", "csv", "--split", "train=0.8,test=0.2", "--seed", "7"]),
            ("hf", ["--format", "hf", "--split", "train=0.8,test=0.2", "--seed", "7"]),
            ("chat", ["--format", "chat", "--split", "train=0.8,test=0.2", "--seed", "7"]),
            ("raw", ["--format", "raw", "--split", "train=0.8,test=0.2", "--seed", "7"]),
            ("dawid-skene", ["--format", "jsonl", "--method", "dawid-skene", "--min-reviewers", "2"]),
        ]
        for (name, arguments) in exports {
            let out = folder.file("\(tag)-\(name)")
            try run(["export", "--out", out] + arguments + q)
            let files = try #require(FileManager.default.enumerator(atPath: out)).compactMap { $0 as? String }
            for file in files.sorted() {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: out + "/" + file, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                var text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
                if file == "manifest.json" { text = try withoutCommand(text, droppingChecksums: name == "raw") }
                if name == "raw" && file.hasSuffix(".jsonl") { text = try withoutClockTimes(text) }
                result["\(name)/\(file)"] = text
            }
        }
        return result
    }

    /// A manifest without its command line (which names the database); `droppingChecksums`, also without its
    /// files' sizes and checksums (those of the raw history change with the clock's times, compared apart).
    static func withoutCommand(_ text: String, droppingChecksums: Bool) throws -> String {
        guard case .object(let fields) = try JSONParser.parse(text) else { return text }
        return JSONWriter.string(.object(fields.compactMap { key, value in
            if key == "command" { return nil }
            if droppingChecksums, key == "files", case .array(let files) = value {
                return (key, .array(files.map { file in
                    guard case .object(let members) = file else { return file }
                    return .object(members.filter { $0.0 != "bytes" && $0.0 != "sha256" })
                }))
            }
            return (key, value)
        }))
    }

    /// Raw decision rows with `decided_at` blanked for the decisions made by this test's commands (the clock's);
    /// imported decisions keep theirs.
    static func withoutClockTimes(_ text: String) throws -> String {
        try text.split(separator: "\n").map { line in
            guard case .object(let fields) = try JSONParser.parse(String(line)), fields.contains(where: { $0.0 == "origin" && $0.1 != .string("import") })
            else { return String(line) }
            return JSONWriter.string(.object(fields.map { $0.0 == "decided_at" ? ($0.0, .string("(clock)")) : $0 }))
        }.joined(separator: "\n")
    }

    @Test("one history, two backends: the agreement report, the disputed list and every export are the same bytes")
    func sameOutputs() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("docket-parity")
        let items = try Self.importFile(in: folder)
        let sqlite = folder.file("docket.sqlite")
        let database = try PostgresTestServer.shared().makeDatabase()
        let chosen = try Self.build(sqlite, items: items, disputed: nil)
        _ = try Self.build(database.url, items: items, disputed: chosen)
        // The database's random id salts the hashes of personal data in exports and is named in manifests: the
        // PostgreSQL database takes the SQLite file's, as `docket copy` would carry it, so that the two hold the same data.
        let id = try #require(try DatabaseFacts(sqlite).rows("SELECT value FROM docket_info WHERE key = 'database_id'").first?.first)
        try database.connect().execute("UPDATE docket_info SET value = $1 WHERE key = 'database_id'", [id])

        let expected = try Self.outputs(sqlite, in: folder, tag: "sqlite")
        let got = try Self.outputs(database.url, in: folder, tag: "postgres")
        #expect(expected.keys.sorted() == got.keys.sorted())
        for (name, text) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[name] == text, "\(name) differs between SQLite and PostgreSQL")
        }
        // The comparison is about something: the files hold the history made above.
        for name in ["jsonl/train.jsonl", "csv/train.csv", "hf/data/train.jsonl", "chat/train.jsonl", "raw/decisions.jsonl"] {
            #expect(expected[name]?.isEmpty == false, "\(name) was written")
        }
        #expect(expected["raw/decisions.jsonl"]?.contains("\"kind\":\"undo\"") == true)
        #expect(expected["raw/decisions.jsonl"]?.contains("\"decided_at\":\"2024-05-01T10:00:01Z\"") == true)
        #expect(expected["report"]?.contains("\"annotator4\"") == true)
        #expect(expected["jsonl-split-by/test.jsonl"]?.contains("x-gold") == true)
    }
}
