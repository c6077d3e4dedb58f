import DocketCore
import Foundation
import Testing

/// `kill -9` at random moments: the file stays sound, confirmed decisions stay, a re-run import finishes
/// the job without duplicates, and a killed reviewer's leases expire so the items come back.
///
/// `DOCKET_SOAK=long` runs more kills on a bigger file.
@Suite(.serialized)
struct CrashSafetyTests {
    static let long = ProcessInfo.processInfo.environment["DOCKET_SOAK"] == "long"

    /// `docket status --full-check --json`'s integrity report (the user's way to check the file).
    func integrity(_ db: String) throws -> String {
        let status = try docket(["status", "--db", db, "--json", "--full-check"])
        guard status.status == 0, let value = try? JSONParser.parse(status.stdout) else {
            return "status failed: \(status.transcript)"
        }
        return value["integrity"]?.stringValue ?? "no integrity in \(status.stdout)"
    }

    @Test("kill -9 during a large import, many times: sound file, re-run finishes without duplicates")
    func killedImports() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("crash-import")
        let itemCount = Self.long ? 60_000 : 8_000
        let kills = Self.long ? 40 : 10
        let db = try makeDatabase(in: folder, queue: "crash", items: 0)
        var text = ""
        for index in 0..<itemCount {
            text += itemLine(String(format: "c-%06d", index), score: Double(index % 89) / 89,
                             extra: ",\"meta\":{\"author\":\"u\(index % 300)\",\"n\":\(index)},\"group\":\"g\(index % 50)\"") + "\n"
        }
        let file = try folder.write("big.jsonl", text)
        // Decisions made before the crashes: they must come through untouched.
        let early = try folder.write("early.jsonl", text.split(separator: "\n").prefix(20).joined(separator: "\n") + "\n")
        #expect(try docket(["import", early, "--queue", "crash", "--db", db]).status == 0)
        var decided: [String] = []
        for _ in 0..<5 {
            let next = try docket(["next", "--db", db, "--queue", "crash", "--reviewer", "early", "--json"])
            let id = try #require((try? JSONParser.parse(next.stdout))?["id"]?.stringValue, "\(next.transcript)")
            #expect(try docket(["decide", id, "--db", db, "--queue", "crash", "--reviewer", "early", "--label", "bad"]).status == 0)
            decided.append(id)
        }

        var killedMidway = 0
        var delays: [Double] = []
        var trajectory: [Int] = []  // items stored after each kill
        for _ in 0..<kills {
            let storedBefore = try DatabaseFacts(db).count("SELECT count(*) FROM items")
            let auditBefore = try DatabaseFacts(db).count("SELECT coalesce(max(id), 0) FROM audit")
            let importing = try RunningProcess(["import", file, "--queue", "crash", "--db", db, "--batch-size", "250"])
            // The kill comes at a random moment after this run has committed new items (or once it ended by
            // itself), not after a fixed delay: however fast the import runs, most kills land mid-import, and
            // committed batches make each run get further.
            let deadline = Date().addingTimeInterval(60)
            while importing.isRunning, Date() < deadline,
                  try DatabaseFacts(db).count("SELECT count(*) FROM items") == storedBefore {
                pause(0.005)
            }
            let delay = Double.random(in: 0...0.05)
            delays.append(delay)
            pause(delay)
            importing.kill()
            let result = importing.wait()
            if result.status == 128 + SIGKILL { killedMidway += 1 } else {
                #expect(result.status == 0, "an import that was not killed failed: \(result.transcript)")
            }
            #expect(!showsBusyError(result.stderr))
            #expect(try integrity(db) == "ok", "after a kill at \(delay) s")
            let stored = try DatabaseFacts(db).count("SELECT count(*) FROM items")
            #expect(stored <= itemCount)
            // What the run committed is in the audit log, killed or not: its last import line counts exactly it.
            let audited = try DatabaseFacts(db).count(
                "SELECT coalesce((SELECT json_extract(detail, '$.inserted') FROM audit WHERE id > ? AND action IN ('import', 'import.batch') ORDER BY id DESC LIMIT 1), 0)",
                [auditBefore])
            #expect(audited == stored - storedBefore, "the run stored \(stored - storedBefore) items but its audit line says \(audited)")
            trajectory.append(stored)
        }
        #expect(killedMidway > 0, "no kill landed while the import ran (delays \(delays)): the test proved nothing")
        // Kills that left an import half done, with later runs going on from there.
        #expect(trajectory.filter { $0 < itemCount }.count >= 3, "too few kills landed mid-import: \(trajectory)")

        // The re-run finishes the job: every record is either already stored (unchanged) or inserted now.
        let rerun = try docket(["import", file, "--queue", "crash", "--db", db, "--json"])
        #expect(rerun.status == 0, "\(rerun.transcript)")
        let summary = try #require(try? JSONParser.parse(rerun.stdout))
        let inserted = Int(summary["inserted"]?.doubleValue ?? -1)
        let unchanged = Int(summary["unchanged"]?.doubleValue ?? -1)
        #expect(inserted + unchanged == itemCount, "\(rerun.stdout)")
        #expect(summary["updated"]?.doubleValue == 0 && summary["rejected"]?.doubleValue == 0, "\(rerun.stdout)")
        let again = try docket(["import", file, "--queue", "crash", "--db", db, "--json"])
        #expect((try? JSONParser.parse(again.stdout))?["unchanged"]?.doubleValue == Double(itemCount), "\(again.stdout)")

        let facts = try DatabaseFacts(db)
        #expect(try facts.count("SELECT count(*) FROM items") == itemCount)
        #expect(try facts.count("SELECT count(DISTINCT external_id) FROM items") == itemCount)
        #expect(try facts.count("SELECT count(*) FROM scores") == itemCount)
        #expect(try facts.count("SELECT count(*) FROM decisions") == decided.count)
        for id in decided {
            #expect(try facts.count("""
                SELECT count(*) FROM decision_heads h JOIN items i ON i.id = h.item_id WHERE i.external_id = ? AND h.reviewer = 'early'
                """, [id]) == 1, "the decision on \(id) made before the crashes is gone")
        }
        #expect(try integrity(db) == "ok")
        print("import crash loop: \(kills) kills (\(killedMidway) mid-import) of a \(itemCount)-record import (items stored after each: \(trajectory)); re-run inserted \(inserted), unchanged \(unchanged)")
    }

    @Test("a reviewer killed between next and decide: the lease expires and the item goes to another reviewer")
    func killedBetweenNextAndDecide() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("crash-lease")
        let db = try makeDatabase(in: folder, queue: "lease", leaseSeconds: 1, items: 5)
        let out = folder.file("claimed.json")
        // The reviewer claims, then "reads" (sleep) before deciding: the kill lands in between.
        let reviewer = try RunningProcess(executable: "/bin/sh", ["-c", """
            "$DOCKET" next --db "$DB" --queue lease --reviewer ann --json > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
            sleep 30
            "$DOCKET" decide item-00000 --db "$DB" --queue lease --reviewer ann --label bad
            """], environment: ["DOCKET": DocketBinary.path, "DB": db, "OUT": out])
        // Generous: the claim is polled for, and a loaded machine can take long to start the first command.
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: out) && Date() < deadline { pause(0.02) }
        reviewer.killTree()
        #expect(reviewer.wait().status == 128 + SIGKILL)
        let claimed = try #require((try? JSONParser.parse(String(contentsOfFile: out, encoding: .utf8)))?["id"]?.stringValue)
        let facts = try DatabaseFacts(db)
        #expect(try facts.count("SELECT count(*) FROM leases l JOIN items i ON i.id = l.item_id WHERE i.external_id = ? AND l.reviewer = 'ann'", [claimed]) == 1)

        pause(1.2)  // past the 1-second lease
        let next = try docket(["next", "--db", db, "--queue", "lease", "--reviewer", "bob", "--json"])
        #expect(next.status == 0, "\(next.transcript)")
        #expect((try? JSONParser.parse(next.stdout))?["id"]?.stringValue == claimed, "bob should get ann's expired item first: \(next.stdout)")

        // Ann comes back after the crash: her decision is refused, with the reason, and nothing is stored.
        let late = try docket(["decide", claimed, "--db", db, "--queue", "lease", "--reviewer", "ann", "--label", "bad"])
        #expect(late.status == 4, "\(late.transcript)")
        #expect(late.stderr.contains("lease lost"), "\(late.stderr)")
        #expect(try facts.count("SELECT count(*) FROM decisions") == 0)
        let bob = try docket(["decide", claimed, "--db", db, "--queue", "lease", "--reviewer", "bob", "--label", "fine"])
        #expect(bob.status == 0, "\(bob.transcript)")
        #expect(try facts.count("SELECT count(*) FROM decisions WHERE reviewer = 'bob'") == 1)
    }

    @Test("reviewers killed at random moments: every confirmed decision is stored, the rest comes back")
    func killedReviewers() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("crash-review")
        let itemCount = Self.long ? 600 : 80
        let kills = Self.long ? 40 : 8
        let db = try makeDatabase(in: folder, queue: "kr", leaseSeconds: 2, items: itemCount)
        let names = (1...4).map { "k\($0)" }
        var loops = try names.map { try startReviewerLoop(db: db, queue: "kr", reviewer: $0, in: folder) }
        var killed = 0
        for _ in 0..<kills {
            pause(Double.random(in: 0.2...1.0))
            let victim = Int.random(in: 0..<loops.count)
            guard loops[victim].isRunning else { continue }
            loops[victim].killTree()
            _ = loops[victim].wait()
            killed += 1
            // The same reviewer starts again, as a person would after a crash.
            loops[victim] = try startReviewerLoop(db: db, queue: "kr", reviewer: names[victim], in: folder)
        }
        for loop in loops { _ = loop.wait() }
        // Leases of killed processes may still be live when the loops ran out of work: wait them out,
        // then one sweeper finishes the queue.
        pause(2.2)
        let sweeper = try startReviewerLoop(db: db, queue: "kr", reviewer: "sweeper", in: folder).wait()
        #expect(sweeper.status == 0, "\(sweeper.transcript)")

        let facts = try DatabaseFacts(db)
        #expect(try facts.integrity() == "ok")
        var confirmed = 0
        for name in names + ["sweeper"] {
            let errors = lines(of: "err-\(name)", in: folder)
            #expect(!errors.contains(where: showsBusyError), "\(name): \(errors)")
            for id in lines(of: "log-\(name)", in: folder) {
                confirmed += 1
                #expect(try facts.count("""
                    SELECT count(*) FROM decision_heads h JOIN items i ON i.id = h.item_id WHERE i.external_id = ? AND h.reviewer = ?
                    """, [id, name]) == 1, "\(name)'s confirmed decision on \(id) is missing")
            }
        }
        #expect(try facts.count("SELECT count(*) FROM items WHERE label_count <> 1 OR state <> 1") == 0, "not every item was decided exactly once")
        #expect(try facts.count("SELECT count(*) FROM decisions") == itemCount)
        #expect(try facts.decisionsWithoutAudit() == 0)
        print("reviewer crash loop: \(killed) kills of 4 looping reviewers, \(itemCount) items; \(confirmed) confirmed decisions all stored")
    }
}
