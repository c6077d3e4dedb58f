import DocketCore
import DocketStore
import Foundation

/// Claim + decide with 1, 8, 32 and 64 reviewers at once, each on a connection of its own (a thread with its
/// own store, as each reviewer's `docket` process has), on the backend of the run: `decisions_per_s_N_clients`
/// (every client claiming and deciding as fast as it can for a fixed time) and `claim_p99_us_N_clients` (the
/// claims' latency meanwhile), `pg_` prefixed on PostgreSQL, where each reviewer logs in as their own role.
///
/// Floors on PostgreSQL, measured the same way with the same number of connections: `roundtrip_p99_us_N_clients`
/// (`SELECT 1`: the least a one-round-trip claim can cost) and `commit_floor_per_s_N_clients` (a one-row insert
/// committed alone, the least a decision writes), and the ratios `claim_p99_vs_roundtrip_N_clients` and
/// `decisions_vs_floor_N_clients`. At a pace, 64 reviewers offering 128, 320 and 640 decisions/s in all:
/// `claim_p99_us_64_clients_paced` (128/s) and `claim_p99_us_64_clients_offered_320_per_s` / `_640_per_s`,
/// each beside the `decisions_per_s_` the server kept up with. SQLite's write floor is the floor benchmark's `floor_write_txn_p99_us`.
func runClientsBench(_ context: BenchContext) throws -> [String: Double] {
    let levels = [1, 8, 32, 64]
    let seconds = context.quick ? 1.0 : 5.0
    let items = context.quick ? 20_000 : 40_000
    let location = try context.backend.newDatabase("clients", in: context)
    do {
        let store = try location.open(create: true)
        let definition = try QueueFile.parse(SyntheticItems.queueYAML, file: "bench queue")
        try store.saveQueue(definition, yaml: SyntheticItems.queueYAML, actor: "bench")
        let input = context.path("clients.jsonl")
        var generator = SyntheticItems()
        _ = try generator.write(count: items, to: input)
        _ = try store.importItems(into: SyntheticItems.queueID, from: [try JSONLImportSource(path: input)],
                                  options: ImportOptions(actor: "bench"))
        try? FileManager.default.removeItem(atPath: input)
    }
    var figures: [String: Double] = [:]
    var firstClaims: [Double] = []
    /// `clients` new reviewers (named `prefix` and a number) claiming and deciding for `seconds`, each as fast as
    /// they can or once per `every` seconds; their figures are named `..._<clients>_clients<suffix>`.
    func measure(_ clients: Int, prefix: String, seconds: Double, every: Double? = nil, suffix: String = "") throws -> ConcurrentClients.Run {
        let reviewers = try reviewerStores(location, names: (0..<clients).map { "\(prefix)\(clients)_\($0)" }, context: context)
        firstClaims += try warmUp(reviewers)
        let run = try ConcurrentClients.run(clients: clients, seconds: seconds, every: every) { client in
            let (reviewer, store) = reviewers[client]
            return { try claimAndDecide(store, reviewer: reviewer) }
        }
        let p99 = Measure.percentile(run.latencies, 99) * 1e6
        figures["decisions_per_s_\(clients)_clients\(suffix)"] = run.perSecond
        figures["claim_p50_us_\(clients)_clients\(suffix)"] = Measure.percentile(run.latencies, 50) * 1e6
        figures["claim_p99_us_\(clients)_clients\(suffix)"] = p99
        context.log("\(clients) clients\(every.map { ", one claim each per \($0) s" } ?? ""): \(Int(run.perSecond)) decisions/s, claim p99 \(Int(p99)) us")
        return run
    }
    for clients in levels {
        // New reviewers at every level, so none resumes a lease or skips items it decided at an earlier level.
        let run = try measure(clients, prefix: "c", seconds: seconds)
        if case .postgres(let url) = location {
            let floors = try postgresFloors(url: url, clients: clients, seconds: seconds)
            figures["roundtrip_p99_us_\(clients)_clients"] = floors.roundtripP99
            figures["commit_floor_per_s_\(clients)_clients"] = floors.commitsPerSecond
            figures["claim_p99_vs_roundtrip_\(clients)_clients"] = figures["claim_p99_us_\(clients)_clients"]! / floors.roundtripP99
            figures["decisions_vs_floor_\(clients)_clients"] = run.perSecond / floors.commitsPerSecond
        }
    }
    // 64 more reviewers at a pace: each starts a claim and decision every half second (128 decisions/s in all, a
    // person would take seconds per item), so that the latency is the claim's own and not the queueing of a
    // server kept saturated by the levels above. Flat out, a closed loop of 64 clients keeps every core busy and
    // its latency is wherever the queue forms (Little's law: 64 clients / decisions per second = one cycle).
    _ = try measure(64, prefix: "p", seconds: seconds * 2, every: 0.5, suffix: "_paced")
    // Then faster paces, up to near what the server does flat out: the claim p99 at each offered load (64
    // reviewers each every 0.2 s and every 0.1 s: 320 and 640 decisions/s offered, `..._offered_320_per_s`),
    // the curve a team sizes its server by.
    for every in [0.2, 0.1] {
        let offered = Int((64 / every).rounded())
        _ = try measure(64, prefix: "p\(offered)_", seconds: seconds * 2, every: every, suffix: "_offered_\(offered)_per_s")
    }
    figures["claim_first_p50_us"] = Measure.percentile(firstClaims, 50) * 1e6
    figures["claim_first_p99_us"] = Measure.percentile(firstClaims, 99) * 1e6
    figures["clients_queue_items"] = Double(items)
    figures["clients_seconds_per_level"] = seconds
    return figures
}

/// Each reviewer's first claims and decisions on their new connection, all at once and not measured: the
/// server compiles its functions and plans their statements on a connection's first calls (its first claim
/// takes tens of milliseconds, the next few several each), which the review screen pays once per session and
/// a `docket next` process on every call. Returns the first claims' seconds: `claim_first_p50_us`, `_p99_us`.
private func warmUp(_ reviewers: [(name: String, store: any ReviewStore)], cycles: Int = 8) throws -> [Double] {
    var firsts = Array(repeating: 0.0, count: reviewers.count)
    let lock = NSLock()
    _ = try ConcurrentClients.run(clients: reviewers.count, seconds: 30) { client in
        let (reviewer, store) = reviewers[client]
        var done = 0
        return {
            guard done < cycles, let claimed = try claimAndDecide(store, reviewer: reviewer) else { return nil }
            if done == 0 { lock.withLock { firsts[client] = claimed } }
            done += 1
            return claimed
        }
    }
    return firsts
}

/// Claims the next item for `reviewer` and decides it; returns the claim's seconds (nil: nothing left).
private func claimAndDecide(_ store: any ReviewStore, reviewer: String) throws -> Double? {
    let start = Measure.now()
    guard let item = try store.claimNext(queue: SyntheticItems.queueID, reviewer: reviewer) else { return nil }
    let claimed = Measure.now() - start
    try store.decide(DecisionRequest(queue: SyntheticItems.queueID, item: .external(item.externalID),
                                     reviewer: reviewer, label: "fine", origin: "bench"))
    return claimed
}

/// One store per reviewer, with the name the reviewer decides as. On PostgreSQL each reviewer logs in as their own database role, registered with
/// the reviewer role (`docket reviewers add NAME --role reviewer`), as a team's reviewers do: every claim and
/// decision then goes through the server's identity and queue checks and row-level security, which the
/// database's owner would skip. The roles are dropped when the run ends.
private func reviewerStores(_ location: StoreLocation, names: [String],
                            context: BenchContext) throws -> [(name: String, store: any ReviewStore)] {
    guard case .postgres(let url) = location else { return try names.map { ($0, try location.open()) } }
    guard let owner = try location.open() as? PostgresReviewStore else { throw BenchError("no PostgreSQL store at \(url)") }
    let admin = try PostgresConnection(url).user
    if try owner.reviewers().isEmpty { try owner.addReviewer(admin, role: .admin, actor: admin) }
    return try names.map { name in
        let role = "bench_\(getpid())_\(name)"
        let password = "pw\(UInt64.random(in: 0...UInt64.max))"
        try owner.addReviewer(role, role: .reviewer, actor: admin, login: PostgresLogin(password: password))
        context.createdRoles.append(role)
        return (role, try StoreLocation.postgres(url: BenchBackend.url(url, user: role, password: password)).open())
    }
}

/// PostgreSQL's own floors at `clients` connections: `SELECT 1` round trips (p99) and one-row inserts each
/// committed alone (per second), each for `seconds`, in a scratch table dropped afterwards.
private func postgresFloors(url: String, clients: Int, seconds: Double) throws -> (roundtripP99: Double, commitsPerSecond: Double) {
    let setup = try PostgresConnection(url)
    try setup.execute("CREATE TABLE IF NOT EXISTS bench_commit_floor (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, client integer NOT NULL, at double precision NOT NULL)")
    defer { _ = try? setup.execute("DROP TABLE IF EXISTS bench_commit_floor") }
    let connections = try (0..<clients).map { _ in try PostgresConnection(url) }
    let roundtrips = try ConcurrentClients.run(clients: clients, seconds: seconds / 2) { client in
        let connection = connections[client]
        return {
            let start = Measure.now()
            try connection.executePrepared("floor_select", "SELECT 1")
            return Measure.now() - start
        }
    }
    let commits = try ConcurrentClients.run(clients: clients, seconds: seconds / 2) { client in
        let connection = connections[client]
        return {
            let start = Measure.now()
            try connection.executePrepared("floor_insert", "INSERT INTO bench_commit_floor (client, at) VALUES ($1, $2)", [client, start])
            return Measure.now() - start
        }
    }
    return (Measure.percentile(roundtrips.latencies, 99) * 1e6, commits.perSecond)
}
