import DocketCore
import Foundation
import Testing

/// What an import or queue file used to accept silently though it was wrong (issue 17, items 9-13), through
/// the real binary: typos inside nested objects, repeated keys and columns, a byte-order mark, control-character
/// keys, two lease settings, and decisions beyond the overlap (kept, and said so).
@Suite struct SilentAcceptanceTests {
    let folder: TemporaryFolder
    let db: String

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("silent")
        db = try makeDatabase(in: folder, queue: "q", overlap: 2, items: 0)
    }

    func importing(_ name: String, _ text: String) throws -> ProcessResult {
        try docket(["import", try folder.write(name, text), "--queue", "q", "--db", db])
    }

    @Test(arguments: [
        (#"{"id":"x","text":"t","scores":[{"model":"m","category":"bad","score":0.5,"treshold":0.9}]}"#, "scores[0].treshold"),
        (#"{"id":"x","text":"t","explanations":[{"model":"m","nte":"why"}]}"#, "explanations[0].nte"),
        (#"{"id":"x","text":"hello","explanations":[{"model":"m","spans":[{"start":0,"end":1,"severty":2}]}]}"#, "explanations[0].spans[0].severty"),
        (#"{"id":"x","text":"t","decisions":[{"reviewer":"r","label":"bad","sconds":3}]}"#, "decisions[0].sconds"),
        (#"{"id":"x","text":"t","turns":[{"speaker":"a","text":"b","tone":"x"}]}"#, "turns[0].tone"),
        (#"{"id":"x","text":"first","text":"second"}"#, "text"),
    ])
    func unknownOrRepeatedFieldsAreRefusedWithTheirPath(record: String, field: String) throws {
        let result = try importing("bad.jsonl", record + "\n")
        #expect(result.status == 65, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("bad.jsonl:1: field '\(field)'"), Comment(rawValue: result.stderr))
        #expect(try DatabaseFacts(db).count("SELECT count(*) FROM items") == 0)
    }

    @Test func anImportedDecisionKeepsItsSecondsAndExtraAnnotatorsAreKeptAndShown() throws {
        let decisions = (1...3).map { #"{"reviewer":"r\#($0)","label":"bad","seconds":\#($0 * 10)}"# }.joined(separator: ",")
        let result = try importing("three.jsonl", #"{"id":"x","text":"t","decisions":[\#(decisions)]}"# + "\n")
        #expect(result.status == 0, Comment(rawValue: result.transcript))
        #expect(try DatabaseFacts(db).rows("SELECT seconds FROM decisions ORDER BY id") == [["10.0"], ["20.0"], ["30.0"]])
        let queues = try JSONParser.parse(try docket(["queues", "--json", "--db", db]).stdout)
        #expect(queues.arrayValue?.first?["over_overlap"]?.doubleValue == 1)
        let table = try docket(["queues", "--db", db])
        #expect(table.stdout.contains("1 item(s) hold more label decisions than the overlap of 2"), Comment(rawValue: table.stdout))
    }

    @Test(arguments: [("id,text,text\na,b,c\n", "the header names the field 'text' twice"),
                      ("id,text,meta.lang,lang\na,b,en,fr\n", "'meta.lang' and 'lang'")])
    func repeatedCSVColumnsAreRefused(csv: String, message: String) throws {
        let result = try importing("bad.csv", csv)
        #expect(result.status == 65, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("bad.csv:1:") && result.stderr.contains(message), Comment(rawValue: result.stderr))
    }

    @Test func aLeadingByteOrderMarkIsSkippedInCSVAndJSONL() throws {
        let bom = "\u{FEFF}"
        #expect(try importing("bom.csv", bom + "id,text\ncsv-1,hello\n").status == 0)
        #expect(try importing("bom.jsonl", bom + itemLine("jsonl-1") + "\n" + itemLine("jsonl-2") + "\n").status == 0)
        #expect(try DatabaseFacts(db).rows("SELECT external_id FROM items ORDER BY external_id") == [["csv-1"], ["jsonl-1"], ["jsonl-2"]])
    }

    @Test(arguments: [
        ("labels:\n  - {id: a, key: \"\\e\"}\n", "a key must be a visible character, not U+1B"),
        ("labels:\n  - {id: a, key: \"\\0\"}\n", "not U+0"),
        ("labels:\n  - {id: a, key: \"1\"}\nlease_minutes: 5\nlease_seconds: 60\n", "give lease_minutes or lease_seconds, not both"),
    ])
    func queueFilesRefuseControlKeysAndTwoLeases(body: String, message: String) throws {
        let file = try folder.write("odd.yml", "id: odd\n" + body)
        let result = try docket(["queues", "add", file, "--db", db])
        #expect(result.status == 65, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("odd.yml:") && result.stderr.contains(message), Comment(rawValue: result.stderr))
    }
}
