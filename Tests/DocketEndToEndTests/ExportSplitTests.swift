import Foundation
import Testing
import TestScratch

/// The export's split as an ML engineer checks it, through the real binary on ConvAbuse (4,185 items, one
/// conversation per group, two bots): no giant component from short shared replies, label and bot shares
/// of every split close to the whole, the manifest's per-split facts, the data set's own split kept, the
/// class order chosen, and an empty Hugging Face export refused.
@Suite struct ExportSplitTests {
    typealias CLI = AgreementReportTests

    /// One ConvAbuse database (binary task) shared by the tests of this suite.
    static let database: String = {
        let db = try! CLI.database(queue: "convabuse-binary.yml")
        let imported = try! CLI.docket(["import", "--from", "convabuse", "--task", "binary", "--queue", "convabuse-binary", "--db", db,
                                        CLI.fixtures.appendingPathComponent("data/convabuse/ConvAbuseEMNLPfull.csv").path])
        precondition(imported.status == 0, imported.stderr)
        return db
    }()

    /// Exports into a new folder and returns it with the run.
    static func export(_ extra: [String], format: String = "jsonl") throws -> (folder: String, run: CLI.Run) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-split-\(UUID().uuidString.prefix(8))").path
        let run = try CLI.docket(["export", "--queue", "convabuse-binary", "--out", folder, "--format", format, "--db", database] + extra)
        return (folder, run)
    }

    /// Per split: rows, share of each label and of each bot, and the groups.
    static func shares(_ folder: String, splits: [String]) throws -> [String: (rows: Int, labels: [String: Double], bots: [String: Double], groups: Set<String>)] {
        var result: [String: (rows: Int, labels: [String: Double], bots: [String: Double], groups: Set<String>)] = [:]
        for split in splits {
            let lines = try String(contentsOfFile: "\(folder)/\(split).jsonl", encoding: .utf8).split(separator: "\n")
            let rows = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            var labels: [String: Double] = [:], bots: [String: Double] = [:]
            for row in rows {
                labels[row["label"] as! String, default: 0] += 1.0 / Double(rows.count)
                bots[(row["meta"] as! [String: Any])["bot"] as! String, default: 0] += 1.0 / Double(rows.count)
            }
            result[split] = (rows.count, labels, bots, Set(rows.compactMap { $0["group"] as? String }))
        }
        return result
    }

    @Test(arguments: [0, 7, 42] as [UInt64])
    func splitsAreRepresentativeAndLeakNoGroup(seed: UInt64) throws {
        for (stratify, botMargin, labelMargin) in [([] as [String], 0.12, 0.01), (["--stratify", "meta.bot"], 0.07, 0.04)] {
            let (folder, run) = try Self.export(["--seed", String(seed)] + stratify)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(run.status == 0, "\(run.stderr)")
            let splits = try Self.shares(folder, splits: ["train", "validation", "test"])
            let total = splits.values.reduce(0) { $0 + $1.rows }
            func whole(_ path: KeyPath<(rows: Int, labels: [String: Double], bots: [String: Double], groups: Set<String>), [String: Double]>, _ key: String) -> Double {
                splits.values.reduce(0.0) { $0 + ($1[keyPath: path][key] ?? 0) * Double($1.rows) } / Double(total)
            }
            let eliza = whole(\.bots, "E.L.I.Z.A."), abusive = whole(\.labels, "1")
            for (name, split) in splits {
                #expect(abs((split.bots["E.L.I.Z.A."] ?? 0) - eliza) <= botMargin, "seed \(seed) \(stratify) \(name): bot share \(split.bots) vs \(eliza)")
                #expect(abs((split.labels["1"] ?? 0) - abusive) <= labelMargin, "seed \(seed) \(stratify) \(name): abusive share \(split.labels) vs \(abusive)")
            }
            // Grouped: no conversation in two splits.
            #expect(splits["train"]!.groups.isDisjoint(with: splits["validation"]!.groups) && splits["train"]!.groups.isDisjoint(with: splits["test"]!.groups)
                    && splits["validation"]!.groups.isDisjoint(with: splits["test"]!.groups))
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as! [String: Any]
            let counts = manifest["counts"] as! [String: Any]
            #expect((counts["components_too_large"] as! [Any]).isEmpty, "a component larger than a split: \(counts["components_too_large"]!)")
            for (name, facts) in counts["splits"] as! [String: [String: Any]] {
                let largest = facts["largest_component"] as! Int
                #expect(largest >= 1 && largest < 100, "\(name): largest component \(largest)")
                #expect((facts["label_drift"] as! Double) <= labelMargin + 1e-9)
            }
            #expect((manifest["split_rule"] as! [String: Any])["min_shared_text"] as? Int == 20)
        }
    }

    @Test func joiningThroughShortRepliesMakesTheGiantComponentThatIsReported() throws {
        // The rule off (every shared text joins): "yes", "hello" chain half the conversations into one component.
        let (folder, run) = try Self.export(["--min-shared-text", "0"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning:") && run.stderr.contains("items must stay together"), "\(run.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as! [String: Any]
        let oversized = (manifest["counts"] as! [String: Any])["components_too_large"] as! [[String: Any]]
        #expect((oversized.first?["items"] as? Int ?? 0) > 1000)
        #expect((manifest["warnings"] as! [String]).count >= 1)
    }

    @Test func theDataSetsOwnSplitIsKept() throws {
        let db = try CLI.database(queue: "hatexplain.yml")
        #expect(try CLI.docket(["import", "--queue", "hatexplain", "--db", db, CLI.fixtures.appendingPathComponent("model-report/hatexplain-val-scored.jsonl").path]).status == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-split-by-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try CLI.docket(["export", "--queue", "hatexplain", "--out", folder, "--split-by", "meta.source", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["gab.jsonl", "manifest.json", "nf_2.jsonl", "nf_6.jsonl", "twitter.jsonl"])
        for file in files where file.hasSuffix(".jsonl") {
            let source = String(file.dropLast(6))
            for line in try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n") {
                let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                #expect((row["meta"] as! [String: Any])["source"] as? String == source && row["split"] as? String == source)
            }
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as! [String: Any]
        #expect((manifest["split_rule"] as! [String: Any])["split_by"] as? String == "meta.source")
    }

    @Test func labelOrderFixesTheClassIndexThatDatasetsLoads() throws {
        let (folder, run) = try Self.export(["--label-order", "0,1"], format: "hf")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(run.status == 0, "\(run.stderr)")
        let script = """
            import sys, json, datasets
            ds = datasets.load_dataset(sys.argv[1])
            names = ds["train"].features["label"].names
            print(json.dumps({"names": names, "first": [ds["train"][i]["label"] for i in range(5)],
                              "abusive": sum(1 for r in ds["train"] if names[r["label"]] == "1")}))
            """
        let loaded = try CLI.run("/usr/bin/env", ["python3", "-c", script, folder],
                                 environment: ["HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
                                               "HF_DATASETS_CACHE": TestScratch.folder("docket-hf").path])
        #expect(loaded.status == 0, "\(loaded.stderr.suffix(1500))")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(loaded.stdout.utf8)) as? [String: Any])
        #expect(result["names"] as? [String] == ["0", "1"])  // class 0 = not abusive, as published
        let card = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        #expect(card.contains("'0': \"0\"") && card.contains("'1': \"1\"") && card.contains("largest component"))
        let bad = try Self.export(["--label-order", "1"], format: "hf")
        #expect(bad.run.status == 64 && bad.run.stderr.contains("--label-order must name each"))
    }

    @Test func anEmptyHuggingFaceExportIsRefusedAndWritesNothing() throws {
        let (folder, run) = try Self.export(["--since", "2099-01-01"], format: "hf")
        #expect(run.status == 4, "\(run.stderr)")
        #expect(run.stderr.contains("nothing to export") && run.stderr.contains("Hugging Face dataset needs at least one row"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func everyFormatCarriesTheConversationAndChatGivesThePriorTurns() throws {
        // ConvAbuse's item convabuse-1: the bot's previous turn, the user's previous turn, the bot's reply, the user's message.
        func row(_ rows: [[String: Any]]) throws -> [String: Any] { try #require(rows.first { $0["id"] as? String == "convabuse-1" }) }
        func lines(_ folder: String, _ files: [String]) throws -> [[String: Any]] {
            try files.flatMap { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8).split(separator: "\n") }
                .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        let jsonl = try Self.export([])
        defer { try? FileManager.default.removeItem(atPath: jsonl.folder) }
        let item = try row(lines(jsonl.folder, ["train.jsonl", "validation.jsonl", "test.jsonl"]))
        let turns = try #require(item["turns"] as? [[String: String]])
        #expect(turns.count == 4 && turns.last?["text"] == item["text"] as? String && turns.last?["speaker"] == "user")
        #expect(turns[1]["speaker"] == "user" && turns[1]["text"] == "because my finger is happy")  // prev_user of ConvAbuseEMNLPfull.csv row 0
        let chat = try Self.export([], format: "chat")
        defer { try? FileManager.default.removeItem(atPath: chat.folder) }
        let messages = try #require(try row(lines(chat.folder, ["train.jsonl", "validation.jsonl", "test.jsonl"]))["messages"] as? [[String: String]])
        let user = try #require(messages.first { $0["role"] == "user" }?["content"])
        #expect(user.hasPrefix("Conversation so far:\n") && user.contains("\nuser: because my finger is happy\n") && user.hasSuffix("Message to label:\n" + (item["text"] as! String)))
        let hf = try Self.export([], format: "hf")
        defer { try? FileManager.default.removeItem(atPath: hf.folder) }
        let script = """
            import sys, json, datasets, pandas as pd
            ds = datasets.load_dataset(sys.argv[1])
            rows = [r for name in ds for r in ds[name] if r["id"] == "convabuse-1"]
            csv = pd.read_csv(sys.argv[2] + "/train.csv", dtype={"id": str}, keep_default_na=False)
            print(json.dumps({"turns": rows[0]["turns"], "csv_turns": len(json.loads(csv["turns"][0]))}))
            """
        let csv = try Self.export([], format: "csv")
        defer { try? FileManager.default.removeItem(atPath: csv.folder) }
        let loaded = try CLI.run("/usr/bin/env", ["python3", "-c", script, hf.folder, csv.folder],
                                 environment: ["HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
                                               "HF_DATASETS_CACHE": TestScratch.folder("docket-hf").path])
        #expect(loaded.status == 0, "\(loaded.stderr.suffix(1500))")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(loaded.stdout.utf8)) as? [String: Any])
        #expect((result["turns"] as? [[String: String]])?.count == 4)
        #expect((result["csv_turns"] as? Int ?? 0) >= 2)
    }
}
