/// Checks an audit log row by row against its hash chain, in id order, for either backend: each backend reads
/// its rows its own way (a GRDB cursor, a PostgreSQL cursor) and hands them here, so both report a break with
/// the same words at the same row.
struct AuditChainWalk {
    /// Rows checked so far (the breaking one included).
    private(set) var rows = 0
    /// The first row that does not match, with why; nil while the chain holds.
    private(set) var broken: (id: Int64, why: String)?
    private var previous = ""
    private var previousID: Int64 = 0

    /// Checks the next row; returns false once the chain is broken (the caller stops reading there).
    mutating func check(id: Int64, at: Double, actor: String, action: String, queue: String?, item: Int64?,
                        detail: String, stored: String?) -> Bool {
        guard broken == nil else { return false }
        rows += 1
        let expected = AuditChain.hash(previous: previous, id: id, at: at, actor: actor, action: action, queue: queue,
                                       item: item, detail: detail)
        guard stored == expected else {
            let why = stored == nil
                ? "it has no hash: it was added outside Docket"
                : "its content or hash was changed, or the row before it (\(previousID == 0 ? "none" : "row \(previousID)")) is not the one it followed"
            broken = (id, why)
            return false
        }
        previous = expected
        previousID = id
        return true
    }
}
