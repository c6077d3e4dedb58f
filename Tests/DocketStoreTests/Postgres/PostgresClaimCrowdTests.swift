import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Sixty-four reviewers starting at the same instant on a few items, round after round: claims crowd each other
/// hardest there (a whole team opening the queue at nine, the last items of a queue). The soaks meet that moment
/// once per queue; this meets it forty times in half a minute. Version 9 of the schema as first written (never
/// released) let a claim wait for one item while holding the row of another that a decision had changed under its
/// walk, and two claims doing so the other way round deadlocked: once in about forty rounds of 64 processes on 16
/// items, and in each of six runs of this test against it (64 items a round, or 48; with 4 to 16 items, in one run
/// of nine: more decisions land under walks). The client runs a claim the server broke as a deadlock again, so every
/// other check would pass: the server's own count of the deadlocks it broke must stay at 0.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresClaimCrowdTests {
    static let reviewers = 64
    static let itemsPerRound = 64
    static let overlap = 3

    @Test("64 reviewers start together on 64 items, 40 rounds: every item gets its overlap, no deadlock")
    func crowdedRounds() throws {
        let rounds = ProcessInfo.processInfo.environment["DOCKET_SOAK"] == "long" ? 400 : 40
        let (database, _) = try PostgresDecisionTests().makeStore(overlap: Self.overlap, count: 0)
        var stores = try (0..<Self.reviewers).map { _ in try PostgresReviewStore(url: database.url, create: false) }
        let setup = try database.connect()
        let failures = LockedList()
        for round in 1...rounds {
            try setup.execute("""
                INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
                SELECT 'q', 'round-' || $1 || '-' || g, 'text', 'text ' || g, '{}', 'h', 0, 0, 0, lpad((g % 7)::text, 6, '0')
                FROM generate_series(1, $2) g
                """, [round, Self.itemsPerRound])
            let start = DispatchSemaphore(value: 0)
            let finished = DispatchGroup()
            for (index, store) in stores.enumerated() {
                nonisolated(unsafe) let store = store  // used by this round's thread alone
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    start.wait()
                    let reviewer = "r\(index)"
                    do {
                        while let item = try store.claimNext(queue: "q", reviewer: reviewer) {
                            try store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: reviewer, label: "bad"))
                        }
                    } catch {
                        failures.append("round \(round), \(reviewer): \(error)")
                    }
                }.start()
            }
            for _ in stores { start.signal() }
            finished.wait()
            if !failures.items.isEmpty { break }
        }
        #expect(failures.items.isEmpty, "\(failures.items.prefix(5))")

        let wrong = try setup.execute("""
            SELECT i.external_id FROM items i LEFT JOIN decision_heads h ON h.item_id = i.id
            GROUP BY i.external_id HAVING count(h.reviewer) <> $1 OR bool_or(h.kind <> 'label')
            """, [Self.overlap])
        #expect(wrong.rowCount == 0, "items without exactly \(Self.overlap) labels: \(wrong.column().prefix(10))")
        #expect(try setup.execute("SELECT count(*) FROM items WHERE state <> 1").int64(0, 0) == 0)
        #expect(try setup.execute("SELECT count(*) FROM leases").int64(0, 0) == 0, "a lease outlived the work")
        #expect(try PostgresReviewStore(url: database.url, create: false).checkHistory() == HistoryCheck(auditRows: rounds * Self.itemsPerRound * Self.overlap + 1))

        // The server counts a deadlock when its backend reports it; backends report at the latest when they end.
        stores = []  // their connections close
        try waitForOtherBackendsToEnd(setup)
        try setup.execute("SELECT pg_stat_clear_snapshot()")
        #expect(try setup.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()").int64(0, 0) == 0,
                "the server broke deadlocks between claims")
    }

    /// Waits (up to 30 s) until no other connection to this database is left on the server.
    private func waitForOtherBackendsToEnd(_ c: PostgresConnection) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let others = try c.execute("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                """).int64(0, 0)
            if others == 0 { return }
            usleep(20_000)
        }
        Issue.record("connections of this test's reviewers were still open after 30 s")
    }
}
