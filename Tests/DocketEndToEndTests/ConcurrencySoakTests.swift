import DocketCore
import Foundation
import Testing

/// Many real `docket` processes on one database file at once: nothing double-assigned, nothing lost,
/// every decision audited, no SQLITE_BUSY reaching a user.
///
/// CI size by default (well under 3 minutes on 2 cores); `DOCKET_SOAK=long` runs a much larger queue.
@Suite(.serialized)
struct ConcurrencySoakTests {
    static let long = ProcessInfo.processInfo.environment["DOCKET_SOAK"] == "long"
    static let reviewers = 16

    /// Items in the soak queue for an overlap: about 450 decisions in CI, 15,000 in the long mode.
    static func items(overlap: Int) -> Int {
        long ? 15_000 / overlap : 450 / overlap
    }

    @Test("16 scripted reviewers (separate processes) empty a queue", arguments: [1, 3])
    func soak(overlap: Int) throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("soak")
        let itemCount = Self.items(overlap: overlap)
        let db = try makeDatabase(in: folder, queue: "soak", overlap: overlap, items: itemCount)

        let started = Date()
        let processes = try (1...Self.reviewers).map { n in
            try RunningProcess(["soak-reviewer", "--db", db, "--queue", "soak", "--reviewer", "reviewer-\(n)"])
        }
        let results = processes.map { $0.wait() }
        let seconds = Date().timeIntervalSince(started)

        var confirmed: [(reviewer: String, id: String)] = []
        var claimMicroseconds: [Int] = []
        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "reviewer-\(index + 1) exited with \(result.transcript)")
            #expect(!showsBusyError(result.stdout + result.stderr), "reviewer-\(index + 1) saw contention: \(result.stderr)")
            guard result.status == 0, let report = try? JSONParser.parse(result.stdout) else { continue }
            let reviewer = report["reviewer"]?.stringValue ?? ""
            for id in report["decided"]?.arrayValue ?? [] { confirmed.append((reviewer, id.stringValue ?? "")) }
            claimMicroseconds += (report["claim_us"]?.arrayValue ?? []).compactMap { $0.doubleValue.map { Int($0) } }
        }

        let facts = try DatabaseFacts(db)
        #expect(try facts.integrity() == "ok")
        // Every item has exactly its overlap of label decisions in force, and is complete.
        let wrongCount = try facts.rows("""
            SELECT i.external_id, (SELECT count(*) FROM decision_heads h WHERE h.item_id = i.id AND h.kind = 'label') AS n
            FROM items i WHERE i.queue_id = 'soak' AND n <> ? LIMIT 5
            """, [overlap])
        #expect(wrongCount.isEmpty, "items without exactly \(overlap) decisions: \(wrongCount)")
        #expect(try facts.count("SELECT count(*) FROM items WHERE state <> 1") == 0)
        // No reviewer decided an item twice (the soak never corrects, so every row is a first decision).
        let twice = try facts.rows("SELECT item_id, reviewer, count(*) FROM decisions GROUP BY item_id, reviewer HAVING count(*) > 1 LIMIT 5")
        #expect(twice.isEmpty, "decided twice: \(twice)")
        #expect(try facts.count("SELECT count(*) FROM decisions") == itemCount * overlap)
        // Every decision has its audit line.
        #expect(try facts.decisionsWithoutAudit() == 0)
        // Every decision a process confirmed is stored, as that reviewer's.
        #expect(confirmed.count == itemCount * overlap)
        let stored = Set(try facts.rows("SELECT d.reviewer, i.external_id FROM decisions d JOIN items i ON i.id = d.item_id")
            .map { $0[0] + "\u{1F}" + $0[1] })
        let missing = confirmed.filter { !stored.contains($0.reviewer + "\u{1F}" + $0.id) }
        #expect(missing.isEmpty, "confirmed but not stored: \(missing.prefix(5))")
        // No lease outlives the work.
        #expect(try facts.count("SELECT count(*) FROM leases") == 0)

        let figures = SoakFigures(decisions: confirmed.count, seconds: seconds, claimMicroseconds: claimMicroseconds)
        print("soak overlap \(overlap): \(Self.reviewers) processes, \(itemCount) items, \(figures)")
    }

    @Test("16 reviewers looping `docket next --json` / `docket decide` as separate commands")
    func cliLoop() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("cli-loop")
        let overlap = 3
        let itemCount = Self.long ? 1000 : 40
        let db = try makeDatabase(in: folder, queue: "loop", overlap: overlap, items: itemCount)
        let started = Date()
        let loops = try (1...Self.reviewers).map { n in
            try startReviewerLoop(db: db, queue: "loop", reviewer: "cli-\(n)", in: folder)
        }
        let results = loops.map { $0.wait() }
        let seconds = Date().timeIntervalSince(started)
        var confirmed = 0
        for (index, result) in results.enumerated() {
            let errors = lines(of: "err-cli-\(index + 1)", in: folder)
            #expect(result.status == 0, "loop cli-\(index + 1): \(result.transcript)\n\(errors)")
            // Nothing on standard error at all: no contention, no refused decision.
            #expect(errors.isEmpty, "cli-\(index + 1) printed errors: \(errors)")
            let ids = lines(of: "log-cli-\(index + 1)", in: folder)
            confirmed += ids.count
            let facts = try DatabaseFacts(db)
            for id in ids {
                #expect(try facts.count("""
                    SELECT count(*) FROM decision_heads h JOIN items i ON i.id = h.item_id
                    WHERE i.external_id = ? AND h.reviewer = ?
                    """, [id, "cli-\(index + 1)"]) == 1, "cli-\(index + 1)'s confirmed decision on \(id) is missing")
            }
        }
        let facts = try DatabaseFacts(db)
        #expect(confirmed == itemCount * overlap)
        #expect(try facts.count("SELECT count(*) FROM items WHERE label_count <> ? OR state <> 1", [overlap]) == 0)
        #expect(try facts.count("SELECT count(*) FROM (SELECT 1 FROM decisions GROUP BY item_id, reviewer HAVING count(*) > 1)") == 0)
        #expect(try facts.decisionsWithoutAudit() == 0)
        print(String(format: "cli loop overlap 3: 16 shell loops, %d items, %d decisions in %.1f s (%.1f decisions/s, two process starts each)",
                     itemCount, confirmed, seconds, Double(confirmed) / seconds))
    }

    @Test("processes claiming at the same moment never hold the same item (overlap 1)")
    func simultaneousClaims() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("claims")
        let rounds = Self.long ? 20 : 4
        let db = try makeDatabase(in: folder, queue: "claims", overlap: 1, items: rounds * Self.reviewers)
        var held: [String: String] = [:]  // item -> reviewer
        for round in 1...rounds {
            // Every reviewer is new, so none resumes an earlier lease: each must get an item nobody holds.
            let claims = try (1...Self.reviewers).map { n in
                try RunningProcess(["next", "--db", db, "--queue", "claims", "--reviewer", "r\(round)-\(n)", "--json"])
            }
            for (index, claim) in claims.enumerated() {
                let result = claim.wait()
                #expect(result.status == 0, "r\(round)-\(index + 1): \(result.transcript)")
                #expect(!showsBusyError(result.stderr))
                guard let id = (try? JSONParser.parse(result.stdout))?["id"]?.stringValue else { continue }
                if let other = held[id] {
                    Issue.record("item \(id) handed to r\(round)-\(index + 1) while \(other) holds it")
                }
                held[id] = "r\(round)-\(index + 1)"
            }
        }
        #expect(held.count == rounds * Self.reviewers)
        let facts = try DatabaseFacts(db)
        #expect(try facts.count("SELECT count(*) FROM leases") == rounds * Self.reviewers)
        #expect(try facts.count("SELECT count(*) FROM (SELECT item_id FROM leases GROUP BY item_id HAVING count(*) > 1)") == 0)
        // Everything is held: one more reviewer gets nothing (status 3) rather than a held item.
        let extra = try docket(["next", "--db", db, "--queue", "claims", "--reviewer", "latecomer", "--json"])
        #expect(extra.status == 3, "\(extra.transcript)")
        #expect(extra.stdout.isEmpty)
    }
}

/// Throughput and claim latency of a soak run.
struct SoakFigures: CustomStringConvertible {
    var decisions: Int
    var seconds: Double
    var claimMicroseconds: [Int]

    func percentile(_ p: Double) -> Int {
        let sorted = claimMicroseconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    var description: String {
        String(format: "%d decisions in %.1f s = %.0f decisions/s; claim latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d claims)",
               decisions, seconds, Double(decisions) / seconds, Double(percentile(0.5)) / 1000,
               Double(percentile(0.99)) / 1000, Double(claimMicroseconds.max() ?? 0) / 1000, claimMicroseconds.count)
    }
}
