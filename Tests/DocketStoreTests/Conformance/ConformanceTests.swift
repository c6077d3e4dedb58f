import DocketCore
import DocketStore
import Foundation
import Testing

/// What every backend must do the same way, beyond the claim, decision, import, dispute and export suites that also
/// run per backend: gold items, roles, the audit log, reports, the idle hook, and the whole-database dump and load.
struct ConformanceTests {
    @Test("gold items: mixed in at the gold rate while real work remains, given to every reviewer, not counted as remaining",
          arguments: StoreBackend.underTest)
    func goldItems(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, yamlExtra: "gold_rate: 0.5\n")
        try f.importLines([#"{"id":"g1","text":"known","gold":"bad"}"#] + (0..<40).map { #"{"id":"r\#($0)","text":"x"}"# })
        #expect(try f.store.remainingCount(queue: "q") == 40)
        #expect(try f.summary().gold == 1)
        // Half the claims want a gold item: over 41 claims ann meets it (all but certainly), once, among her real work.
        let annOrder = try f.drain(reviewer: "ann")
        #expect(annOrder.count == 41 && annOrder.filter { $0 == "g1" }.count == 1)
        #expect(try f.store.remainingCount(queue: "q") == 0)
        // Real work is done: bob is not handed the gold item alone.
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob") == nil)
        // New work: bob gets the gold item too, though ann's answer already meets the overlap of 1.
        try f.importLines((0..<40).map { #"{"id":"n\#($0)","text":"x"}"# }, name: "more.jsonl")
        #expect(try f.drain(reviewer: "bob").contains("g1"))
        // Reports see the known answer beside the reviewer's label.
        var known: [String: String] = [:]
        try f.store.forEachDecisionInForce(queue: "q") { if let gold = $0.goldLabel { known[$0.externalID] = gold } }
        #expect(known == ["g1": "bad"])
    }

    @Test("roles: the first user must be an admin; then each action needs its role, assignments limit reviewers, the last admin stays",
          arguments: StoreBackend.underTest)
    func roles(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        #expect(try !f.store.isManaged())
        try f.store.authorize(.manageReviewers, actor: "anyone")  // unmanaged: everything allowed
        #expect(throws: DocketError.self) { try f.store.addReviewer("ann", role: .reviewer, actor: "ann") }
        try f.store.addReviewer("root", role: .admin, actor: "root")
        try f.store.addReviewer("ann", role: .reviewer, actor: "root")
        try f.store.addReviewer("bob", role: .reviewer, actor: "root")
        try f.store.addReviewer("lee", role: .lead, actor: "root")
        #expect(try f.store.isManaged())
        #expect(throws: DocketError.conflict("'ann' is already registered; change their role with 'docket reviewers role ann ROLE'")) {
            try f.store.addReviewer("ann", role: .lead, actor: "root")
        }
        func denied(_ action: Action, _ actor: String, queue: String? = nil) -> Bool {
            do { try f.store.authorize(action, actor: actor, queue: queue); return false } catch let error as DocketError {
                if case .permissionDenied = error { return true }
                return false
            } catch { return false }
        }
        #expect(denied(.adjudicate, "ann", queue: "q") && !denied(.adjudicate, "lee", queue: "q"))
        #expect(denied(.manageReviewers, "lee") && denied(.review, "stranger", queue: "q"))
        #expect(throws: DocketError.self) { try f.store.addReviewer("eve", role: .admin, actor: "lee") }
        try f.store.assign("ann", queue: "q", actor: "root")
        #expect(!denied(.review, "ann", queue: "q") && denied(.review, "bob", queue: "q"))
        try f.store.setRole("lee", to: .admin, actor: "root")
        try f.store.setRole("root", to: .reviewer, actor: "lee")
        #expect(throws: DocketError.self) { try f.store.setRole("lee", to: .lead, actor: "lee") }  // the last admin
        let listed = try f.store.reviewers().map { "\($0.name):\($0.role.rawValue):\($0.queues.joined(separator: ","))" }
        #expect(listed == ["ann:reviewer:q", "bob:reviewer:", "lee:admin:", "root:reviewer:"])
        #expect(try f.auditCount("reviewer.") == 7)
    }

    @Test("audit: every decision, undo and adjudication is logged with its item; filters by action prefix, actor and limit",
          arguments: StoreBackend.underTest)
    func audit(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2)
        try f.importLines([#"{"id":"a1","text":"x","created_at":1}"#, #"{"id":"a2","text":"y","created_at":2}"#])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("a1"), reviewer: "ann", label: "bad"), now: 100)
        try f.store.decide(DecisionRequest(queue: "q", item: .external("a1"), reviewer: "bob", label: "fine"), now: 110)
        _ = try f.store.undoLast(queue: "q", reviewer: "bob", origin: "cli", now: 120)
        try f.store.adjudicate(queue: "q", externalID: "a1", lead: "lee", label: "bad", tags: [], severity: nil, note: nil, now: 130)
        try f.store.recordAudit(actor: "ml", action: "export", queue: "q", detail: [("format", .string("jsonl"))])
        let decisions = try f.store.auditEntries(AuditFilter(action: "decision."))
        #expect(decisions.map(\.action) == ["decision", "decision", "decision.undo"])
        #expect(decisions.allSatisfy { $0.item == "a1" && $0.queue == "q" })
        #expect(decisions.map(\.at) == [100, 110, 120])
        #expect(try f.store.auditEntries(AuditFilter(actor: "lee")).map(\.action) == ["adjudicate"])
        #expect(try f.store.auditEntries(AuditFilter(since: 105, until: 125)).count == 2)
        #expect(try f.store.auditEntries(AuditFilter(limit: 1)).map(\.action) == ["export"])
        #expect(try f.store.auditEntries(AuditFilter(action: "export")).first?.detail["format"]?.stringValue == "jsonl")
        #expect(try f.store.adjudication(queue: "q", externalID: "a1")?.label == "bad")
        #expect(try f.store.adjudications(queue: "q") == ["a1": "bad"])
    }

    @Test("reports: the agreement figures of a small hand-checked queue", arguments: StoreBackend.underTest)
    func agreementReport(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2)
        // Four items, two reviewers: they agree on three.
        try f.importLines(["b", "b", "f", "b"].enumerated().map { index, bob in
            let label = bob == "b" ? "bad" : "fine"
            return #"{"id":"p\#(index)","text":"t","decisions":[{"reviewer":"ann","label":"bad"},{"reviewer":"bob","label":"\#(label)"}]}"#
        })
        let report = try f.store.agreementReport(queue: "q", bootstrap: 0)
        #expect(report.summary.items == 4 && report.summary.ratings == 8 && report.summary.reviewers == 2)
        #expect(report.summary.percentAgreement.value == 0.75)
        let log = try f.store.reviewLog(queue: "q")
        #expect(log.ratingItems.count == report.summary.ratings)
    }

    @Test("the idle hook runs at any time and changes nothing", arguments: StoreBackend.underTest)
    func idleHook(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        try f.importLines([#"{"id":"i1","text":"x"}"#])
        try f.store.beginInteractiveSession()
        let before = try f.checksum(itemsWithPrefix: "")
        try f.store.runIdleMaintenance()
        _ = try f.drain(reviewer: "ann")
        try f.store.runIdleMaintenance()
        #expect(try f.checksum(itemsWithPrefix: "") != before)
        #expect(try f.store.integrityCheck(full: false) == "ok")
    }

    @Test("dump and load: a copy into each backend holds the same records, and a non-empty store says so",
          arguments: StoreBackend.underTest, StoreBackend.underTest)
    func dumpAndLoad(from: StoreBackend, to: StoreBackend) throws {
        let f = try StoreFixture(from, overlap: 2)
        try f.store.addReviewer("root", role: .admin, actor: "root")
        try f.store.assign("root", queue: "q", actor: "root")
        try f.importLines((0..<20).map { #"{"id":"c\#($0)","text":"t\#($0)\u0000nul","meta":{"n":\#($0)},"decisions":[{"reviewer":"x","label":"bad"}]}"# })
        _ = try f.drain(reviewer: "root")
        _ = try f.store.undoLast(queue: "q", reviewer: "root")
        try f.store.decide(DecisionRequest(queue: "q", item: .external("c3"), reviewer: "root", label: "fine", correct: true))
        try f.store.adjudicate(queue: "q", externalID: "c4", lead: "root", label: "fine")
        let target = try StoreFixture(to)  // holds its own queue: not empty
        #expect(try !target.store.isEmpty())
        let folder = f.folder.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (copy, keepAlive) = try to.makeStore(in: folder)
        #expect(try copy.isEmpty())
        try copy.load { emit in try f.store.dump(emit) }
        var original: [StoreRecord] = [], copied: [StoreRecord] = []
        try f.store.dump { original.append($0) }
        try copy.dump { copied.append($0) }
        #expect(copied.count == original.count)
        if let first = Array(zip(copied, original)).firstIndex(where: { $0.0 != $0.1 }) {
            Issue.record("record \(first) differs in the copy:\n\(copied[first])\nwas\n\(original[first])")
        }
        #expect(original.contains { if case .decision(let d) = $0 { return d.kind == "undo" } else { return false } })
        #expect(try copy.item(queue: "q", externalID: "c7").text == "t7\u{0}nul")
        #expect(try copy.agreementReport(queue: "q", bootstrap: 0).json == f.store.agreementReport(queue: "q", bootstrap: 0).json)
        withExtendedLifetime(keepAlive) {}
    }
}
