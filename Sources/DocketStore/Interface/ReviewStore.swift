import DocketCore

/// The review database as every command, screen and benchmark sees it: queues, items, claims and leases,
/// decisions and their history, reports, exports, reviewers and the audit log, whichever backend keeps them.
///
/// Backends: ``SQLiteReviewStore`` (one file, GRDB) and, for teams on many machines, PostgreSQL. A backend
/// conforms to this protocol and is chosen by ``StoreLocation/open(create:)``; nothing outside the backend
/// sees its types. The interface therefore names items by queue and external id (never a row id), has an idle
/// hook instead of WAL checkpoints, and throws only Docket's errors: `DocketError` (a backend turns its driver's
/// errors into `.corrupt`, `.io`, `.unavailable`, ... at its edge), `InputError`/`StrictImportFailure` for bad
/// input. Calls that stamp a time take `now` explicitly; the overloads without it
/// (ReviewStore+Defaults.swift) use the clock.
public protocol ReviewStore: AnyObject, Sendable {
    /// Where the database is, as shown in messages: a file path, or a URL without its password.
    var path: String { get }

    /// Whether it was opened for reading only (``StoreLocation/openForReading()`` on a database this user
    /// cannot write): every write throws `DocketError.io`. False unless a backend says otherwise.
    var isReadOnly: Bool { get }

    /// A random identifier created with the database; export manifests name it.
    func databaseID() throws -> String

    /// "ok" for a sound database, else what is wrong (`full`: the slower, thorough check).
    func integrityCheck(full: Bool) throws -> String

    /// Throws ``DocketError/newerSchema(_:)`` when this binary must not write the database (a newer Docket
    /// wrote it); commands that write call it before doing anything visible (an export before its files).
    func checkWritable() throws

    /// Checks the history without changing it: the audit log's hash chain, and every decision head rebuilt
    /// from the decisions and compared (`status --full-check`, `audit --verify`).
    func checkHistory() throws -> HistoryCheck

    /// Prepares for a person at a screen: housekeeping the backend would otherwise do while a decision commits
    /// is left to ``runIdleMaintenance()`` (SQLite: WAL checkpoints). A no-op where there is none.
    func beginInteractiveSession() throws

    /// Housekeeping for an idle moment (the reviewer is reading); cheap when there is nothing to do.
    func runIdleMaintenance() throws

    // MARK: Queues

    /// Adds a queue, or updates it when its id exists (re-ranking and re-evaluating its items as needed, never
    /// touching decisions). Returns true when it was new.
    @discardableResult
    func saveQueue(_ definition: QueueDefinition, yaml: String, actor: String) throws -> Bool
    /// The queue named `id`; throws `DocketError.notFound` naming the queues that exist.
    func queue(_ id: String) throws -> QueueDefinition
    /// The ids of every queue, sorted.
    func queueIDs() throws -> [String]
    /// Progress counts for every queue (or one).
    func queueSummaries(only queue: String?, now: Double) throws -> [QueueSummary]
    /// The review screen's numbers for `reviewer` in `queue` at `now`, from what is stored ("left for you" by
    /// the rule ``claimNext(queue:reviewer:now:)`` applies; gold items counted nowhere; see ``ReviewProgress``).
    func reviewProgress(queue: String, reviewer: String, now: Double) throws -> ReviewProgress

    // MARK: Items

    /// Imports every entry of `sources` into `queueID` in constant memory, idempotent by external id: an identical
    /// record changes nothing, a changed one updates the item and never touches its decisions.
    func importItems(into queueID: String, from sources: [ImportSource], options: ImportOptions,
                     progress: ((ImportSummary, Int64, Int64?) -> Void)?) throws -> ImportSummary
    /// The item `externalID` of `queue`, with its scores and explanations.
    func item(queue: String, externalID: String) throws -> Item
    /// Open items of `queue` that still need decisions (gold items not counted).
    func remainingCount(queue: String) throws -> Int

    // MARK: Claims and leases

    /// Hands `reviewer` the next item of `queue` and leases it to them (priority, overlap, leases, gold rate,
    /// never an item they decided; a live lease of theirs comes back first); nil when nothing is left.
    func claimNext(queue: String, reviewer: String, now: Double) throws -> Item?
    /// Leases the item `externalID` of `queue` to `reviewer` when the rules of ``claimNext(queue:reviewer:now:)``
    /// allow it (open, not decided by them, a slot free of other reviewers' live leases; gold items uncapped), in
    /// one transaction, so two reviewers never fill the same last slot. Leases they hold on other items are kept.
    /// Otherwise nothing is written and the answer says why (their own decision, complete, held by others).
    /// Throws `DocketError.notFound` when the queue has no such item.
    func claimItem(queue: String, externalID: String, reviewer: String, now: Double) throws -> ItemClaim
    /// Gives back every lease `reviewer` holds in `queue`.
    func release(queue: String, reviewer: String) throws
    /// Whether `reviewer` still holds a live lease on the item.
    func holdsLease(queue: String, externalID: String, reviewer: String, now: Double) throws -> Bool
    /// Extends a live lease; false when it was already lost.
    @discardableResult
    func renewLease(queue: String, externalID: String, reviewer: String, now: Double) throws -> Bool

    // MARK: Decisions

    /// Records a decision with its audit line, whole or not at all (refusals are `DocketError.conflict`/`.refused`).
    @discardableResult
    func decide(_ request: DecisionRequest, now: Double) throws -> Decision
    /// Withdraws `reviewer`'s latest decision in force in `queue` (an `undo` record; history is kept), leases the
    /// item back to them and returns it; nil when there is nothing to undo.
    func undoLast(queue: String, reviewer: String, origin: String, now: Double) throws -> Item?
    /// ``undoLast(queue:reviewer:origin:now:)`` that also says what was withdrawn (kind and label).
    func undoLastDecision(queue: String, reviewer: String, origin: String, now: Double) throws -> UndoneDecision?
    /// `reviewer`'s decisions in force in `queue`, newest first, at most `limit`; with `matching`, only those whose
    /// item id or label contains it (any case). The review screen's history and search.
    func recentDecisions(queue: String, reviewer: String, matching: String?, limit: Int) throws -> [Decision]
    /// Records a lead's final decision on an item; it overrides aggregated labels and completes the item.
    @discardableResult
    func adjudicate(queue: String, externalID: String, lead: String, label: String, tags: [String],
                    severity: String?, note: String?, now: Double) throws -> Decision

    /// The items of `queue` that wait for a lead, most disputed first.
    func disputedItems(queue: String, rule: DisputeRule, includeEscalated: Bool) throws -> [DisputedItem]
    /// The lead's decision in force on an item, or nil when it was not adjudicated.
    func adjudication(queue: String, externalID: String) throws -> Decision?

    // MARK: History and reports

    /// Calls `body` for every decision in force in `queue` (decided at or after `since`), by item; constant memory.
    func forEachDecisionInForce(queue: String, since: Double?, _ body: (DecisionInForce) throws -> Void) throws
    /// Every row of the decision history of `queue` (superseded and undo rows included), oldest first.
    func forEachHistoryRow(queue: String, _ body: (Decision) throws -> Void) throws
    /// The lead's adjudicated label per item (external id) in `queue`.
    func adjudications(queue: String) throws -> [String: String]
    /// What the agreement report needs of `queue`, in item order then decision order.
    func reviewLog(queue: String, since: Double?, withScores: Bool) throws -> ReviewLog
    /// Each item's value of the top-level metadata field `field`, by external id (items without it are left out;
    /// numbers and booleans as their JSON text, objects and arrays as compact JSON): the model report's slices.
    func metadataValues(queue: String, field: String) throws -> [String: String]
    /// Each item's import, first- and final-decision times and every decision's reviewer, kind and time (`report queue`).
    func queueActivity(queue: String) throws -> QueueActivity

    // MARK: Export

    /// Runs `body` with an `ExportSource` over one consistent snapshot of the database. The source's `rowID`s
    /// are the backend's own item order keys: opaque, only compared between the two passes of one snapshot.
    func withExportSnapshot<T>(_ body: (ExportSource) throws -> T) throws -> T
    /// What identifies the data an export of `queue` was made from, for its manifest.
    func exportIdentity(queue: String) throws -> [(String, JSONValue)]

    // MARK: Reviewers, roles and audit

    /// Whether roles are enforced (a database with no registered users is unmanaged).
    func isManaged() throws -> Bool
    /// Checks that `actor` may take `action` (on `queue`); throws `DocketError.permissionDenied` saying why.
    func authorize(_ action: Action, actor: String, queue: String?) throws
    /// Adds a user (the first must be an admin).
    func addReviewer(_ name: String, role: Role, actor: String) throws
    /// Changes a user's role (never demoting the last admin).
    func setRole(_ name: String, to role: Role, actor: String) throws
    /// Assigns (or unassigns) a user to a queue.
    func assign(_ name: String, queue: String, assigned: Bool, actor: String) throws
    /// Every registered user with their role and queue assignments.
    func reviewers() throws -> [Reviewer]
    /// Appends an audit entry (for actions recorded outside the store's own writes, such as an export).
    func recordAudit(actor: String, action: String, queue: String?, detail: [(String, JSONValue)]) throws
    /// Audit entries matching `filter`, oldest first.
    func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry]

    // MARK: Whole-database copy

    /// Whether the database holds nothing yet: no queue, item, reviewer or audit entry (`docket copy` writes only
    /// into an empty one).
    func isEmpty() throws -> Bool
    /// Streams everything stored, from one consistent snapshot, as ``StoreRecord``s in their documented order;
    /// constant memory.
    func dump(_ body: (StoreRecord) throws -> Void) throws
    /// Writes the records `source` hands to its callback (a ``dump(_:)`` of another store) into this empty
    /// database in one transaction: all of them, or nothing when any fails.
    func load(_ source: (_ emit: (StoreRecord) throws -> Void) throws -> Void) throws
}
