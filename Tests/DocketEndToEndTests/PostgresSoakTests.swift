import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Sixty-four reviewers on one PostgreSQL database at once, each a loop of real `docket next --json` and
/// `docket decide` processes (two connections per decision, as a script or a person at a terminal makes them),
/// until the queue has nothing left: every item gets exactly its overlap, nobody decides an item twice, every
/// decision a process confirmed is stored and audited, no lease outlives the work.
///
/// CI size by default (about 20 s per overlap on 2 cores); `DOCKET_SOAK=long` runs a queue ten times larger.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresSoakTests {
    static let reviewers = 64

    /// Items for an overlap: 192 decisions in CI (3 per reviewer), ten times as many in the long mode.
    static func items(overlap: Int) -> Int {
        (ConcurrencySoakTests.long ? 1_920 : 192) / overlap
    }

    @Test("64 reviewers (loops of docket next / decide) empty a PostgreSQL queue", arguments: [1, 3])
    func soak(overlap: Int) throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let database = try PostgresTestServer.shared().makeDatabase()
        let folder = try TemporaryFolder("pg-soak")
        let itemCount = Self.items(overlap: overlap)
        let url = try makeDatabase(in: folder, queue: "soak", overlap: overlap, items: itemCount, at: database.url)
        let names = (1...Self.reviewers).map { "reviewer-\($0)" }

        let started = Date()
        let loops = try names.map { try startReviewerLoop(db: url, queue: "soak", reviewer: $0, in: folder) }
        let results = loops.map { $0.wait() }
        let seconds = Date().timeIntervalSince(started)

        for (name, result) in zip(names, results) {
            let errors = lines(of: "err-\(name)", in: folder)
            #expect(result.status == 0, "\(name): \(result.transcript)\n\(errors)")
            // Nothing on standard error at all: no refused decision, no lost connection, no deadlock.
            #expect(errors.isEmpty, "\(name) printed errors: \(errors.prefix(5))")
        }
        let confirmed = confirmedDecisions(of: names, in: folder)
        let facts = try PostgresFacts(database)
        #expect(try facts.itemsWithout(overlap: overlap, queue: "soak").isEmpty,
                "items without exactly \(overlap) decisions: \(try facts.itemsWithout(overlap: overlap, queue: "soak"))")
        #expect(try facts.decidedTwice().isEmpty, "decided twice: \(try facts.decidedTwice())")
        #expect(try facts.count("SELECT count(*) FROM decisions") == itemCount * overlap)
        #expect(confirmed.count == itemCount * overlap, "every decision was confirmed to its process")
        let missing = confirmed.subtracting(try facts.decisionHeads())
        #expect(missing.isEmpty, "confirmed but not stored: \(missing.prefix(5))")
        #expect(try facts.decisionsWithoutAudit() == 0)
        #expect(try facts.count("SELECT count(*) FROM leases") == 0, "no lease outlives the work")
        print(String(format: "PostgreSQL soak overlap %d: %d looping reviewers, %d items, %d decisions in %.1f s (%.1f decisions/s, two processes and connections each)",
                     overlap, Self.reviewers, itemCount, confirmed.count, seconds, Double(confirmed.count) / seconds))
    }
}

/// The decisions the loops of `reviewers` confirmed (their `decide` exited 0), as "reviewer<US>external id".
func confirmedDecisions(of reviewers: [String], in folder: TemporaryFolder) -> Set<String> {
    Set(reviewers.flatMap { name in lines(of: "log-\(name)", in: folder).map { name + "\u{1F}" + $0 } })
}
