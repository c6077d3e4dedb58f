import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Faults in the middle of a PostgreSQL soak, on a cluster of the test's own: reviewers' `docket decide`
/// processes killed with SIGKILL while they run, then the server restarted (`pg_ctl restart -m fast`) under the
/// rest. The survivors carry on (a command cut by the restart exits 69 with a message naming the lost
/// connection, and the reviewer's next command reconnects); nothing a process confirmed is lost; the leases
/// the dead held come back after the queue's short lease and are finished by others.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresFaultSoakTests {
    static let password = "pw-soak-not-shown"

    @Test("kill -9 mid-decide and pg_ctl restart mid-soak: survivors recover, nothing confirmed lost, dead leases come back")
    func killsAndRestart() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        // A cluster of this test's own: restarting the shared one would cut every other test's connections.
        let server = try PostgresTestServer.startPrivate()
        let database = try server.makeDatabase()
        let folder = try TemporaryFolder("pg-faults")
        let overlap = 2, itemCount = 64, leaseSeconds = 3
        let url = try makeDatabase(in: folder, queue: "faults", overlap: overlap, leaseSeconds: leaseSeconds, items: itemCount,
                                   at: database.url(user: "docket", password: Self.password))
        let names = (1...16).map { "r\($0)" }
        let loops = try names.map { try startReviewerLoop(db: url, queue: "faults", reviewer: $0, retrying: [69], in: folder) }

        // Four reviewers die while their `docket decide` runs (killed as it starts, before it can commit, mostly).
        let victims = Array(names.prefix(4))
        for index in victims.indices {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, loops[index].isRunning, !runsDecide(loops[index]) { pause(0.003) }
            loops[index].killTree()
            #expect(loops[index].wait().status == 128 + SIGKILL)
        }
        // A decision removes its reviewer's lease as it commits: the leases the dead still have are items they held
        // undecided (expired or not, nobody else removes them).
        let deadLeases = try PostgresFacts(database).count("SELECT count(*) FROM leases WHERE reviewer = ANY($1::text[])",
                                                           ["{" + victims.joined(separator: ",") + "}"])

        // The server restarts under the survivors once about a third of the work is confirmed.
        let third = itemCount * overlap / 3
        let deadline = Date().addingTimeInterval(60)
        while confirmedDecisions(of: names, in: folder).count < third, Date() < deadline { pause(0.05) }
        let restartedAt = confirmedDecisions(of: names, in: folder).count
        try server.restart()
        let survivors = loops.dropFirst(victims.count).map { $0.wait() }

        var cut = 0
        for (name, result) in zip(names.dropFirst(victims.count), survivors) {
            let errors = lines(of: "err-\(name)", in: folder)
            #expect(result.status == 0, "\(name): \(result.transcript)\n\(errors)")
            // Each message starts with "docket:" (a message may run over several lines); the loop notes "status S from".
            var messages: [String] = []
            for line in errors {
                if line.hasPrefix("status ") {
                    #expect(line.hasPrefix("status 69 from"), "\(name): \(line)")
                    cut += 1
                } else if line.hasPrefix("docket:") || messages.isEmpty {
                    messages.append(line)
                } else {
                    messages[messages.count - 1] += "\n" + line
                }
            }
            for message in messages where !message.contains("lease lost") {
                // The one failure allowed: a command cut by the restart, saying so (exit 69), never a password.
                #expect(message.contains("connection") || message.contains("connect to PostgreSQL"), "\(name): \(message)\n\(errors)")
            }
            #expect(!errors.joined().contains(Self.password), "\(name) printed the password: \(errors)")
        }

        // Leases the dead still held expire; two new reviewers then finish what the survivors could not take.
        pause(Double(leaseSeconds) + 0.5)
        let sweepers = ["sweeper-1", "sweeper-2"]
        for sweeper in sweepers {
            let result = try startReviewerLoop(db: url, queue: "faults", reviewer: sweeper, in: folder).wait()
            #expect(result.status == 0, "\(sweeper): \(result.transcript)\n\(lines(of: "err-\(sweeper)", in: folder))")
        }

        let facts = try PostgresFacts(database)
        let wrong = try facts.itemsWithout(overlap: overlap, queue: "faults")
        #expect(wrong.isEmpty, "items without exactly \(overlap) decisions: \(wrong)")
        let twice = try facts.decidedTwice()
        #expect(twice.isEmpty, "decided twice: \(twice)")
        #expect(try facts.count("SELECT count(*) FROM decisions") == itemCount * overlap)
        let confirmed = confirmedDecisions(of: names + sweepers, in: folder)
        let missing = confirmed.subtracting(try facts.decisionHeads())
        #expect(missing.isEmpty, "confirmed but not stored: \(missing.prefix(5))")
        #expect(try facts.decisionsWithoutAudit() == 0)
        // What is left are expired leases on finished items: the dead's, and those of reviewers whose lease ran out
        // while the machine was slow (their decide was refused, exit 4, and the item went to someone else).
        let leftover = try facts.rows("""
            SELECT l.reviewer, i.external_id, i.state, l.expires_at <= extract(epoch FROM now()) FROM leases l JOIN items i ON i.id = l.item_id
            WHERE l.expires_at > extract(epoch FROM now()) OR i.state <> 1
            """)
        #expect(leftover.isEmpty, "leases that outlive the work: \(leftover)")
        #expect(deadLeases > 0, "no victim held a lease when killed: the test proved nothing about leases coming back")
        print("PostgreSQL faults: 4 of 16 reviewers killed mid-decide (\(deadLeases) leases left behind), server restarted after \(restartedAt) confirmed decisions, \(cut) commands cut and retried; \(confirmed.count) confirmed decisions all stored")
    }

    /// Whether the loop is running a `docket decide` right now.
    private func runsDecide(_ loop: RunningProcess) -> Bool {
        RunningProcess.children(of: loop.pid).contains { pid in
            let arguments = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            return arguments.split(separator: "\0").dropFirst().first == "decide"
        }
    }
}
