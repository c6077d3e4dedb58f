import DocketCore
import Foundation
import Testing

/// `docket export --method dawid-skene` through the real binary: labels weighted by each reviewer's
/// estimated reliability rather than counted.
@Suite struct ExportDawidSkeneTests {
    /// The exported rows of every JSON Lines file in `out`, by id.
    private func rows(in out: String) throws -> [String: [String: JSONValue]] {
        var found: [String: [String: JSONValue]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where name.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard case .object(let pairs) = try JSONParser.parse(String(line)) else { continue }
                let row = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
                if let id = row["id"]?.stringValue { found[id] = row }
            }
        }
        return found
    }

    @Test("a 1-1 tie between a reliable and an unreliable reviewer goes to the reliable one; majority leaves it out")
    func reliabilityBreaksTies() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        let folder = try TemporaryFolder("export-ds")
        let db = try makeDatabase(in: folder, queue: "ds", items: 0)
        func decisions(_ votes: [(String, String)]) -> String {
            ",\"decisions\":[" + votes.map { "{\"reviewer\":\"\($0.0)\",\"label\":\"\($0.1)\"}" }.joined(separator: ",") + "]"
        }
        var lines = ""
        // ann and bob agree on 40 items; cat, who labels them too, always says the opposite.
        for index in 0 ..< 40 {
            let truth = index % 2 == 0 ? "bad" : "fine", other = truth == "bad" ? "fine" : "bad"
            lines += itemLine("agreed-\(index)", extra: decisions([("ann", truth), ("bob", truth), ("cat", other)])) + "\n"
        }
        // Then ann and cat alone disagree: a tie by count.
        for index in 0 ..< 6 {
            let annSays = index % 2 == 0 ? "bad" : "fine", catSays = annSays == "bad" ? "fine" : "bad"
            lines += itemLine("tied-\(index)", extra: decisions([("ann", annSays), ("cat", catSays)])) + "\n"
        }
        let file = try folder.write("labelled.jsonl", lines)
        let imported = try docket(["import", file, "--queue", "ds", "--db", db])
        try #require(imported.status == 0, Comment(rawValue: imported.transcript))

        let majorityOut = folder.file("majority")
        let majority = try docket(["export", "--queue", "ds", "--db", db, "--out", majorityOut, "--split", "train=1"])
        #expect(majority.status == 0, Comment(rawValue: majority.transcript))
        let majorityRows = try rows(in: majorityOut)
        #expect(majorityRows.count == 40)
        #expect(majorityRows.keys.allSatisfy { $0.hasPrefix("agreed-") })

        let fittedOut = folder.file("fitted")
        let fitted = try docket(["export", "--queue", "ds", "--db", db, "--out", fittedOut, "--split", "train=1",
                                 "--method", "dawid-skene"])
        #expect(fitted.status == 0, Comment(rawValue: fitted.transcript))
        let fittedRows = try rows(in: fittedOut)
        #expect(fittedRows.count == 46)
        for index in 0 ..< 6 {
            let row = try #require(fittedRows["tied-\(index)"])
            #expect(row["label"]?.stringValue == (index % 2 == 0 ? "bad" : "fine"), "tied-\(index) should follow ann")
            #expect(row["label_source"]?.stringValue == "dawid_skene")
        }
        for index in 0 ..< 40 {
            #expect(fittedRows["agreed-\(index)"]?["label"]?.stringValue == (index % 2 == 0 ? "bad" : "fine"))
        }
        let manifest = try String(contentsOfFile: fittedOut + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"method\":\"dawid-skene\"") || manifest.contains("\"method\": \"dawid-skene\""))
    }
}
