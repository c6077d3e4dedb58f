import Foundation

/// Runs one operation on many threads at once for a fixed time, as many reviewers working side by side:
/// how many operations finished per second, and each one's latency.
enum ConcurrentClients {
    /// What a run measured.
    struct Run {
        /// Operations finished per second of the run, over all clients.
        var perSecond: Double
        /// Each operation's measured seconds (the part the operation chose to time), every client's together.
        var latencies: [Double]
    }

    /// Starts `clients` threads together; each calls the operation `make(client)` returned again and again for
    /// `seconds`, or until it returns nil (nothing left for that client). An operation returns the seconds it
    /// measured. The first error any client meets ends the run and is rethrown. With `every`, each client starts
    /// an operation once per `every` seconds (as a person working at a pace), the clients' starts spread evenly
    /// over that interval, instead of starting the next one as soon as the last returned.
    static func run(clients: Int, seconds: Double, every interval: Double? = nil,
                    _ make: (Int) throws -> () throws -> Double?) throws -> Run {
        let operations = try (0..<clients).map { try make($0) }
        let results = Results(clients: clients)
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for client in 0..<clients {
            let operation = Unchecked(operations[client])
            group.enter()
            let thread = Thread {
                start.wait()
                let began = Measure.now()
                let deadline = began + seconds
                var latencies: [Double] = []
                do {
                    var next = began + (interval ?? 0) * Double(client) / Double(clients)
                    while Measure.now() < deadline, !results.failed {
                        if let interval {
                            let wait = next - Measure.now()
                            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                            next += interval
                        }
                        guard let latency = try operation.value() else { break }
                        latencies.append(latency)
                    }
                } catch {
                    results.fail(error)
                }
                results.add(latencies, client: client)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        let began = Measure.now()
        for _ in 0..<clients { start.signal() }
        group.wait()
        let elapsed = Measure.now() - began
        if let error = results.error { throw error }
        let all = results.latencies.flatMap { $0 }
        return Run(perSecond: Double(all.count) / elapsed, latencies: all)
    }

    /// The clients' latencies and the first error, shared between the threads under a lock.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var latencies: [[Double]]
        private(set) var error: Error?

        init(clients: Int) { latencies = Array(repeating: [], count: clients) }

        var failed: Bool { lock.withLock { error != nil } }

        func add(_ values: [Double], client: Int) { lock.withLock { latencies[client] = values } }

        func fail(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
    }

    /// A value handed to one thread that alone uses it (each client's operation and its store or connection).
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
