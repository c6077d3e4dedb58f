/// The check of the decision heads that both backends' `checkHistory` run: each head rebuilt from the decisions
/// and compared with the stored one, in SQL both SQLite and PostgreSQL read alike, and the sentences that name a
/// head that differs.
enum HeadCheck {
    /// The heads the decisions imply: the newest label, skip, escalate or undo of each reviewer on each item
    /// (adjudications have none), and none at all when that newest one is an undo.
    static let expected = """
        SELECT d.item_id, d.reviewer, d.queue_id, d.id, d.kind, d.label, d.tags, d.seconds, d.decided_at
        FROM (SELECT max(id) AS id FROM decisions WHERE kind IN ('label', 'skip', 'escalate', 'undo')
              GROUP BY item_id, reviewer) latest
        JOIN decisions d ON d.id = latest.id WHERE d.kind <> 'undo'
        """

    /// The heads as stored, in the columns of ``expected``.
    static let stored = "SELECT item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at FROM decision_heads"

    /// One sentence about a head that differs: `stored` when the stored head is not what the decisions say, else
    /// a decision in force that no head shows.
    static func mismatch(stored: Bool, externalID: String, reviewer: String, label: String?, decision: Int64) -> String {
        let shown = label.map { "'\($0)'" } ?? "no label"
        return stored
            ? "item \(externalID), reviewer \(reviewer): the head says \(shown) (decision #\(decision)), which its decisions do not"
            : "item \(externalID), reviewer \(reviewer): decision #\(decision) (\(shown)) is in force, but the head does not say so"
    }
}
