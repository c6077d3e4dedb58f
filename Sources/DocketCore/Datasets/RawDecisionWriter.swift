/// Writes every decision of the exported items, one JSON object per line, for learning from
/// disagreement: who said what, when, and whether the decision is still in force (corrections and
/// undos are kept with `in_force: false`, so the history can be replayed).
///
/// Keys: `item_id`, `decision_id`, `reviewer`, `kind`, `label`, `tags`, `severity`, `note`, `reason`,
/// `seconds`, `decided_at` (ISO 8601, UTC), `supersedes`, `origin`, `in_force`, `group`, `split`.
public struct RawDecisionWriter: Sendable {
    public init() {}

    /// Appends one decision of item `itemID` to `out`.
    public func write(_ decision: Decision, itemID: String, inForce: Bool, group: String?, split: String,
                      to out: inout JSONWriter) {
        func optional(_ text: String?) {
            if let text { out.writeString(text) } else { out.writeRaw("null") }
        }
        out.writeRaw("{")
        out.writeKey("item_id", first: true)
        out.writeString(itemID)
        out.writeKey("decision_id")
        out.writeRaw(String(decision.id))
        out.writeKey("reviewer")
        out.writeString(decision.reviewer)
        out.writeKey("kind")
        out.writeString(decision.kind.rawValue)
        out.writeKey("label")
        optional(decision.label)
        out.writeKey("tags")
        out.writeRaw("[")
        for (i, tag) in decision.tags.enumerated() {
            if i > 0 { out.writeRaw(",") }
            out.writeString(tag)
        }
        out.writeRaw("]")
        out.writeKey("severity")
        optional(decision.severity)
        out.writeKey("note")
        optional(decision.note)
        out.writeKey("reason")
        optional(decision.reason)
        out.writeKey("seconds")
        if let seconds = decision.seconds { JSONLRowWriter.writeShare(seconds, to: &out) } else { out.writeRaw("null") }
        out.writeKey("decided_at")
        out.writeString(Timestamp.format(decision.decidedAt))
        out.writeKey("supersedes")
        if let supersedes = decision.supersedes { out.writeRaw(String(supersedes)) } else { out.writeRaw("null") }
        out.writeKey("origin")
        out.writeString(decision.origin)
        out.writeKey("in_force")
        out.writeRaw(inForce ? "true" : "false")
        out.writeKey("group")
        optional(group)
        out.writeKey("split")
        out.writeString(split)
        out.writeRaw("}\n")
    }
}
