import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Sixty-four reviewers on one PostgreSQL database at once, until the queue has nothing left: every item gets
/// exactly its overlap, nobody decides an item twice, every decision a process confirmed is stored and audited,
/// no lease outlives the work. Twice: 64 `docket soak-reviewer` processes (each a reviewer claiming and deciding
/// in a loop on one connection: the store under contention), and 64 shell loops of real `docket next --json` and
/// `docket decide` processes (two process starts and two connections per decision, as a script makes them).
///
/// CI size by default (a few seconds each on 2 idle cores); `DOCKET_SOAK=long` runs queues ten times larger.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresSoakTests {
    static let reviewers = 64
    static let long = ConcurrencySoakTests.long

    @Test("64 reviewer processes empty a PostgreSQL queue", arguments: [1, 3])
    func soak(overlap: Int) throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let database = try PostgresTestServer.shared().makeDatabase()
        let folder = try TemporaryFolder("pg-soak")
        // 960 decisions in CI (15 per reviewer), ten times as many in the long mode.
        let itemCount = (Self.long ? 9_600 : 960) / overlap
        let url = try makeDatabase(in: folder, queue: "soak", overlap: overlap, items: itemCount, at: database.url)

        let started = Date()
        let processes = try (1...Self.reviewers).map { n in
            try RunningProcess(["soak-reviewer", "--db", url, "--queue", "soak", "--reviewer", "reviewer-\(n)"])
        }
        let results = processes.map { $0.wait() }
        let seconds = Date().timeIntervalSince(started)

        var confirmed: [String] = []
        var claimMicroseconds: [Int] = []
        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "reviewer-\(index + 1): \(result.transcript)")
            guard result.status == 0, let report = try? JSONParser.parse(result.stdout) else { continue }
            let reviewer = report["reviewer"]?.stringValue ?? ""
            confirmed += (report["decided"]?.arrayValue ?? []).map { reviewer + "\u{1F}" + ($0.stringValue ?? "") }
            claimMicroseconds += (report["claim_us"]?.arrayValue ?? []).compactMap { $0.doubleValue.map { Int($0) } }
        }
        try checkSoak(database, queue: "soak", overlap: overlap, items: itemCount, confirmed: confirmed)
        let figures = SoakFigures(decisions: confirmed.count, seconds: seconds, claimMicroseconds: claimMicroseconds)
        print("PostgreSQL soak overlap \(overlap): \(Self.reviewers) processes, \(itemCount) items, \(figures)")
    }

    @Test("64 reviewers looping docket next --json / docket decide empty a PostgreSQL queue")
    func cliLoop() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let database = try PostgresTestServer.shared().makeDatabase()
        let folder = try TemporaryFolder("pg-loop")
        let overlap = 3
        let itemCount = Self.long ? 640 : 32
        let url = try makeDatabase(in: folder, queue: "loop", overlap: overlap, items: itemCount, at: database.url)
        let names = (1...Self.reviewers).map { "cli-\($0)" }

        let started = Date()
        let loops = try names.map { try startReviewerLoop(db: url, queue: "loop", reviewer: $0, in: folder) }
        let results = loops.map { $0.wait() }
        let seconds = Date().timeIntervalSince(started)
        for (name, result) in zip(names, results) {
            let errors = lines(of: "err-\(name)", in: folder)
            #expect(result.status == 0, "\(name): \(result.transcript)\n\(errors)")
            // Nothing on standard error at all: no refused decision, no lost connection, no deadlock.
            #expect(errors.isEmpty, "\(name) printed errors: \(errors.prefix(5))")
        }
        let confirmed = names.flatMap { name in lines(of: "log-\(name)", in: folder).map { name + "\u{1F}" + $0 } }
        try checkSoak(database, queue: "loop", overlap: overlap, items: itemCount, confirmed: confirmed)
        print(String(format: "PostgreSQL CLI loop overlap 3: %d shell loops, %d items, %d decisions in %.1f s (%.1f decisions/s, two process starts each)",
                     Self.reviewers, itemCount, confirmed.count, seconds, Double(confirmed.count) / seconds))
    }

    /// What a soak must leave: every item of `queue` with exactly `overlap` label decisions and complete, nobody
    /// twice on an item, one decision per confirmation and each confirmed one stored as its reviewer's and audited,
    /// no lease left.
    private func checkSoak(_ database: PostgresTestDatabase, queue: String, overlap: Int, items: Int, confirmed: [String]) throws {
        let facts = try PostgresFacts(database)
        let wrong = try facts.itemsWithout(overlap: overlap, queue: queue)
        #expect(wrong.isEmpty, "items without exactly \(overlap) decisions: \(wrong)")
        let twice = try facts.decidedTwice()
        #expect(twice.isEmpty, "decided twice: \(twice)")
        #expect(try facts.count("SELECT count(*) FROM decisions") == items * overlap)
        #expect(confirmed.count == items * overlap, "every decision was confirmed to its process")
        let missing = Set(confirmed).subtracting(try facts.decisionHeads())
        #expect(missing.isEmpty, "confirmed but not stored: \(missing.prefix(5))")
        #expect(try facts.decisionsWithoutAudit() == 0)
        #expect(try facts.count("SELECT count(*) FROM leases") == 0, "no lease outlives the work")
        // A deadlock the clients retried would pass every check above; the server counts each one it broke.
        #expect(try facts.count("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()") == 0,
                "the server broke deadlocks between reviewers")
    }
}

/// The decisions the loops of `reviewers` confirmed (their `decide` exited 0), as "reviewer<US>external id".
func confirmedDecisions(of reviewers: [String], in folder: TemporaryFolder) -> Set<String> {
    Set(reviewers.flatMap { name in lines(of: "log-\(name)", in: folder).map { name + "\u{1F}" + $0 } })
}
