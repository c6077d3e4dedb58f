import DocketCore
@testable import DocketStore
import Foundation
import Testing

/// `docket import` through the store: good, bad, empty, huge and hostile input; re-import; --strict.
struct ImportTests {
    let full = """
        {"id":"a1","text":"You people are the worst","group":"author-9","meta":{"lang":"en","thread":{"depth":2}},\
        "scores":[{"model":"tox","version":"2","category":"bad","score":0.91,"threshold":0.5},{"model":"tox","category":"spam","score":0.02}],\
        "explanations":[{"model":"tox","text":"insult","spans":[{"start":4,"end":10,"label":"target","weight":0.8}]}],\
        "decisions":[{"reviewer":"hx-1","label":"bad","note":"from HateXplain"},{"reviewer":"hx-2","label":"fine"}],\
        "reports":3,"created_at":"2024-05-01T12:00:00Z","source":"forum"}
        """

    /// Checkpoints run beside the import (ImportCheckpointer); the WAL must still start over every few
    /// transactions, or it would hold the whole import while anyone keeps the database open.
    @Test("while an import runs with the database open elsewhere, the WAL stays a few transactions long")
    func walStaysBounded() throws {
        let f = try StoreFixture()
        let words = String(repeating: "a few words of a post under review ", count: 14)   // about 500 bytes
        let lines = (0..<20_000).map { index in
            #"{"id":"item-\#(index)","text":"\#(index) \#(words)","scores":[{"model":"m","category":"bad","score":0.\#(index % 97)}]}"#
        }
        let file = try f.write("many.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try f.importFile(file, batchSize: 500)   // 40 transactions
        #expect(summary.inserted == 20_000)
        // The fixture's store still has the file open, so the WAL is still there, at its largest size so far.
        let wal = try #require(try FileManager.default.attributesOfItem(atPath: f.path + "-wal")[.size] as? Int)
        let database = try #require(try FileManager.default.attributesOfItem(atPath: f.path)[.size] as? Int)
        #expect(database > 10_000_000)           // the items reached the database file itself
        #expect(wal < database / 3, "WAL \(wal) bytes for a \(database)-byte database")
        #expect(try f.summary().items == 20_000)
    }

    @Test("a good record round-trips: text, group, metadata, scores, explanation spans, imported decisions", arguments: StoreBackend.underTest)
    func goodRecord(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 3)
        let summary = try f.importLines([full, #"{"id":2,"text":"plain"}"#])
        #expect(summary.inserted == 2 && summary.rejected == 0 && summary.decisionsAdded == 2)
        let item = try f.store.item(queue: "q", externalID: "a1")
        #expect(item.text == "You people are the worst")
        #expect(item.group == "author-9")
        #expect(item.meta["thread"]?["depth"]?.doubleValue == 2)
        #expect(item.scores.contains(ModelScore(model: "tox@2", category: "bad", score: 0.91, threshold: 0.5)))
        #expect(item.explanations == [Explanation(model: "tox", text: "insult", spans: [Span(start: 4, end: 10, label: "target", weight: 0.8)])])
        #expect(item.reports == 3)
        #expect(item.createdAt == 1_714_564_800)
        // A numeric id is kept as its text.
        #expect(try f.store.item(queue: "q", externalID: "2").text == "plain")
        var imported: [String] = []
        try f.store.forEachDecisionInForce(queue: "q") { imported.append($0.decision.reviewer + ":" + ($0.decision.label ?? "")) }
        #expect(imported == ["hx-1:bad", "hx-2:fine"])
    }

    /// Each kind of bad record, the field its message must name, and a word of the reason.
    static let badRecords: [(line: String, field: String?, reason: String)] = [
        (#"{"id":"b1","text":"x""#, nil, "not closed"),
        (#"not json at all"#, nil, "invalid JSON"),
        (#"["a list"]"#, nil, "must be a JSON object"),
        (#"{"id":"b2"}"#, "text", "required"),
        (#"{"text":"no id"}"#, "id", "required"),
        (#"{"id":"b3","text":"x","colour":"red"}"#, "colour", "unknown field"),
        (#"{"id":"b4","text":"x","scores":[{"model":"m","category":"bad","score":1.5}]}"#, "scores[0].score", "between 0 and 1"),
        (#"{"id":"b5","text":"x","scores":[{"model":"m","score":0.5}]}"#, "scores[0].category", "required"),
        (#"{"id":"b6","text":"abc","explanations":[{"model":"m","spans":[{"start":1,"end":9}]}]}"#, "explanations[0].spans[0].end", "past the end"),
        (#"{"id":"b7","text":"x","meta":[1,2]}"#, "meta", "must be an object"),
        (#"{"id":"b8","text":"x","decisions":[{"reviewer":"r","label":"nonsense"}]}"#, "decisions[0]", "no label 'nonsense'"),
        (#"{"id":"b9","text":"x","gold":"nonsense"}"#, "gold", "not a label"),
        (#"{"id":"b10","text":"x","reports":-1}"#, "reports", "whole number"),
        (#"{"id":"b11","text":"x","created_at":"yesterday"}"#, "created_at", "ISO 8601"),
        (#"{"id":"b12","text":"x","decisions":[{"reviewer":"r","label":"bad"},{"reviewer":"r","label":"fine"}]}"#, "decisions[1].reviewer", "twice"),
        // SQLite C strings end at NUL: a NUL in an id or a name would silently cut it (two ids becoming one).
        (#"{"id":"b13\u0000x","text":"x"}"#, "id", "NUL"),
        (#"{"id":"b14","text":"x","group":"g\u0000"}"#, "group", "NUL"),
        (#"{"id":"b15","text":"x","explanations":[{"model":"m","text":"why\u0000not"}]}"#, "explanations[0].text", "NUL"),
        (#"{"id":"b16","text":"x","decisions":[{"reviewer":"r\u0000","label":"bad"}]}"#, "decisions[0].reviewer", "NUL"),
    ]

    @Test("every kind of bad record is rejected with file, line and field; the good lines around it go in", arguments: StoreBackend.underTest)
    func badRecords(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        var lines: [String] = []
        for (index, bad) in Self.badRecords.enumerated() {
            lines.append(#"{"id":"good-\#(index)","text":"fine"}"#)
            lines.append(bad.line)
        }
        let path = try f.write("bad.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try f.importFile(path)
        #expect(summary.inserted == Self.badRecords.count)
        #expect(summary.rejected == Self.badRecords.count)
        for (index, bad) in Self.badRecords.enumerated() {
            let rejection = summary.rejections.first { $0.line == 2 * index + 2 }
            let message = rejection?.description ?? ""
            #expect(rejection?.file == path, "line \(2 * index + 2): \(message)")
            #expect(message.hasPrefix("\(path):\(2 * index + 2): "), "\(message)")
            if let field = bad.field { #expect(rejection?.field == field, "\(message)") }
            #expect(message.contains(bad.reason), "expected '\(bad.reason)' in: \(message)")
        }
        #expect(try f.summary().items == Self.badRecords.count)
    }

    @Test("an empty file and a file of blank lines import nothing and fail nothing", arguments: StoreBackend.underTest)
    func emptyInput(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        #expect(try f.importFile(try f.write("empty.jsonl", "")) == ImportSummary())
        let blank = try f.importFile(try f.write("blank.jsonl", "\n\n  \n\r\n"))
        #expect(blank.inserted == 0 && blank.rejected == 0)
        let csv = try f.importFile(try f.write("empty.csv", "id,text\n"))
        #expect(csv.inserted == 0 && csv.rejected == 0)
    }

    @Test("a 5 MB content field round-trips byte for byte", arguments: StoreBackend.underTest)
    func hugeField(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        var text = ""
        let pieces = ["a", "é", "🙂", "中", "\u{202E}", " ", "\\", "\""]
        for index in 0..<2_700_000 { text += pieces[index % pieces.count] }
        #expect(text.utf8.count > 5_000_000)
        let line = JSONWriter.string(.object([("id", .string("huge")), ("text", .string(text))]))
        #expect(try f.importLines([line]).inserted == 1)
        #expect(try f.store.item(queue: "q", externalID: "huge").text == text)
    }

    @Test("hostile text: NUL, controls, right-to-left and zero-width characters are stored exactly", arguments: StoreBackend.underTest)
    func hostileTextStoredExactly(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        let samples: [String: String] = [
            "nul": "before\u{0}after",
            "controls": "\u{1}\u{7}\u{8}\u{1B}[31mred\u{1B}[0m\u{7F}\u{85}\u{9B}",
            "rtl": "abc\u{202E}txt.exe\u{202C}\u{2067}isolated\u{2069}\u{200F}",
            "zero-width": "pay\u{200B}pal\u{200C}\u{200D}\u{2060}\u{FEFF}.com",
            "newlines": "line\nbreak\r\nand\u{2028}sep\u{2029}",
        ]
        let lines = samples.sorted { $0.key < $1.key }.map { JSONWriter.string(.object([("id", .string($0.key)), ("text", .string($0.value))])) }
        #expect(try f.importLines(lines).inserted == samples.count)
        for (id, text) in samples {
            let stored = try f.store.item(queue: "q", externalID: id).text
            #expect(Array(stored.unicodeScalars) == Array(text.unicodeScalars), "\(id)")
        }
    }

    @Test("invalid UTF-8 is rejected with its line (JSONL and CSV); the other lines go in", arguments: StoreBackend.underTest)
    func invalidUTF8(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        var jsonl = Array(#"{"id":"u1","text":"ok"}"#.utf8) + [0x0A]
        jsonl += Array(#"{"id":"u2","text":"bad "#.utf8) + [0xFF, 0xC3] + Array("\"}".utf8) + [0x0A]
        jsonl += Array(#"{"id":"u3","text":"ok"}"#.utf8) + [0x0A]
        let jsonlPath = try f.write("bad-utf8.jsonl", bytes: jsonl)
        let summary = try f.importFile(jsonlPath)
        #expect(summary.inserted == 2 && summary.rejected == 1)
        #expect(summary.rejections.first?.line == 2)
        #expect(summary.rejections.first?.description.contains("UTF-8") == true)

        var csv = Array("id,text\nc1,ok\nc2,bad ".utf8) + [0xFF] + Array(" here\nc3,ok\n".utf8)
        csv += Array("c4,\"multi\nline ".utf8) + [0xC3] + Array(" quoted\"\nc5,ok\n".utf8)
        let csvPath = try f.write("bad-utf8.csv", bytes: csv)
        let csvSummary = try f.importFile(csvPath)
        #expect(csvSummary.inserted == 3, "c1, c3, c5 go in")
        #expect(csvSummary.rejected == 2)
        #expect(csvSummary.rejections.map(\.line) == [3, 5])
        #expect(csvSummary.rejections.allSatisfy { $0.file == csvPath && $0.description.contains("UTF-8") })
    }

    @Test("re-importing the same file changes nothing; changed scores update the item and keep its decisions", arguments: StoreBackend.underTest)
    func idempotentReimport(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2)
        let lines = (0..<50).map { #"{"id":"r\#($0)","text":"t\#($0)","scores":[{"model":"m","category":"bad","score":0.\#($0 % 10)}]}"# }
        #expect(try f.importLines(lines).inserted == 50)
        let claimed = try #require(try f.store.claimNext(queue: "q", reviewer: "ann"))
        try f.store.decide(DecisionRequest(queue: "q", item: .external(claimed.externalID), reviewer: "ann", label: "bad"))
        let decisionsBefore = try f.checksum(itemsWithPrefix: "r")

        let again = try f.importLines(lines)
        #expect(again.unchanged == 50 && again.inserted == 0 && again.updated == 0)
        #expect(try f.checksum(itemsWithPrefix: "r") == decisionsBefore)

        var changed = lines
        changed[Int(claimed.externalID.dropFirst())!] = #"{"id":"\#(claimed.externalID)","text":"new text","scores":[{"model":"m","category":"bad","score":0.99}]}"#
        let update = try f.importLines(changed)
        #expect(update.updated == 1 && update.unchanged == 49)
        let item = try f.store.item(queue: "q", externalID: claimed.externalID)
        #expect(item.scores == [ModelScore(model: "m", category: "bad", score: 0.99)])
        #expect(item.text == "new text")
        #expect(try f.history().count == 1)
        var inForce: [String] = []
        try f.store.forEachDecisionInForce(queue: "q") { inForce.append($0.externalID) }
        #expect(inForce == [claimed.externalID])
        #expect(try f.summary().items == 50)
    }

    @Test("new and stored records mixed in one file: new ones go in, a changed one is updated, an unchanged one is left alone", arguments: StoreBackend.underTest)
    func mixedNewAndStoredRecords(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 1)
        func line(_ id: String, _ score: String) -> String {
            #"{"id":"\#(id)","text":"text of \#(id)","scores":[{"model":"m","category":"bad","score":\#(score)},{"model":"m","category":"spam","score":0.1}]}"#
        }
        #expect(try f.importLines([line("a", "0.2"), line("b", "0.3")]).inserted == 2)
        // A new record first (the writer then inserts before looking up), then stored ones after new ones.
        let summary = try f.importLines([line("c", "0.4"), line("a", "0.9"), line("d", "0.5"), line("b", "0.3"), line("e", "0.6")])
        #expect(summary.inserted == 3 && summary.updated == 1 && summary.unchanged == 1 && summary.rejected == 0)
        #expect(try f.store.item(queue: "q", externalID: "a").scores
                == [ModelScore(model: "m", category: "bad", score: 0.9), ModelScore(model: "m", category: "spam", score: 0.1)])
        #expect(try f.summary().items == 5)
        #expect(try ["a", "b", "c", "d", "e"].map { try f.store.item(queue: "q", externalID: $0).scores.count } == [2, 2, 2, 2, 2])
    }

    @Test("--strict stores nothing when one record is bad, and names it", arguments: StoreBackend.underTest)
    func strictAllOrNothing(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        // More records than one batch, so that a non-strict import would have committed some already.
        var lines = (0..<30).map { #"{"id":"s\#($0)","text":"ok"}"# }
        lines.insert(#"{"id":"s-bad","text":"x","scores":[{"model":"m","category":"bad","score":7}]}"#, at: 25)
        let path = try f.write("strict.jsonl", lines.joined(separator: "\n") + "\n")
        #expect {
            _ = try f.importFile(path, strict: true, batchSize: 5)
        } throws: { error in
            guard let failure = error as? StrictImportFailure else { return false }
            return failure.rejection.line == 26 && failure.rejection.field == "scores[0].score" && "\(failure)".contains("nothing was stored")
        }
        #expect(try f.summary().items == 0)
        #expect(try f.auditCount("import") == 0)
        // The same file without --strict: the 30 good records go in.
        #expect(try f.importFile(path, batchSize: 5).inserted == 30)
    }

    @Test("a re-import that turns from unchanged records to changed and new ones stores them as a fresh import does", arguments: StoreBackend.underTest)
    func reimportAfterManyUnchangedRecords(backend: StoreBackend) throws {
        // After its first unchanged records the writer tells the reading thread to stop working out columns
        // (an unchanged record needs none); the reader runs up to 8,192 records ahead, so the changed and new
        // records after 12,000 unchanged ones reach the writer without columns, and it works them out itself.
        func line(_ index: Int, score: String) -> String {
            #"{"id":"r-\#(index)","text":"text \#(index) naïve","group":"g\#(index % 50)","meta":{"n":\#(index)},"#
                + #""scores":[{"model":"m","category":"bad","score":\#(score),"threshold":0.5},{"model":"m","category":"fine","score":0.25}],"#
                + #""explanations":[{"model":"m","text":"why","spans":[{"start":0,"end":4,"label":"bad"}]}],"#
                + #""created_at":1700000000,"reports":\#(index % 7)}"#
        }
        let unchanged = 12_000
        let f = try StoreFixture(backend)
        #expect(try f.importLines((0..<unchanged).map { line($0, score: "0.5") }, name: "first.jsonl").inserted == unchanged)
        let changed = (0..<30).map { line($0, score: "0.875") }
        let added = (unchanged..<(unchanged + 30)).map { line($0, score: "0.125") }
        let again = try f.importLines((30..<unchanged).map { line($0, score: "0.5") } + changed + added, name: "second.jsonl")
        #expect(again.unchanged == unchanged - 30)
        #expect(again.updated == 30)
        #expect(again.inserted == 30)
        #expect(again.rejected == 0)

        let fresh = try StoreFixture(backend)
        _ = try fresh.importLines(changed + (30..<unchanged).map { line($0, score: "0.5") } + added, name: "final.jsonl")
        #expect(try f.checksum(itemsWithPrefix: "r-") == fresh.checksum(itemsWithPrefix: "r-"))
        #expect(try f.store.item(queue: "q", externalID: "r-3").scores.first?.score == 0.875)
    }
}
