/// Brings a PostgreSQL database's Docket schema up to ``PostgresSchema/latestVersion``, or says why not.
///
/// The whole upgrade is one transaction (PostgreSQL's DDL is transactional): a failure leaves the database
/// exactly as it was. An advisory lock makes two `docket init` runs at once take turns.
enum PostgresMigrator {
    /// The key of the advisory lock held while migrating ("docket" in ASCII).
    private static let lockKey: Int64 = 0x646F636B6574

    /// The database's schema version: 0 for a database without Docket's tables.
    static func version(_ connection: PostgresConnection) throws -> Int {
        let exists = try connection.execute("SELECT to_regclass('docket_schema') IS NOT NULL").bool(0, 0) ?? false
        guard exists else { return 0 }
        return Int(try connection.execute("SELECT coalesce(max(version), 0) FROM docket_schema").int64(0, 0) ?? 0)
    }

    /// Applies every migration the database lacks and returns the versions before and after.
    /// Throws ``PostgresError`` `.newerSchema` (nothing written) when the database is ahead of this binary, and
    /// `.io` (nothing written) when it holds no Docket tables yet and is not in UTF8 (``PostgresDatabaseEncoding``);
    /// one an older Docket created in another encoding is upgraded.
    @discardableResult
    static func migrate(_ connection: PostgresConnection) throws -> (from: Int, to: Int) {
        try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            let current = try version(c)
            if current == 0 { try PostgresDatabaseEncoding.requireUTF8(c, toDo: "create Docket's tables in") }
            try c.execute("""
                CREATE TABLE IF NOT EXISTS docket_schema (
                    version integer PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL DEFAULT current_user
                )
                """)
            try refuseNewer(current, connection: c)
            let chainAudit = try PostgresSchema.auditNeedsChaining(c)
            for next in PostgresSchema.migrations.indices.map({ $0 + 1 }) where next > current {
                try c.execute(PostgresSchema.migrations[next - 1])
                try c.execute("INSERT INTO docket_schema (version) VALUES ($1)", [next])
            }
            // Hashes are computed here, not in SQL: the chain is the SQLite store's, byte for byte.
            if chainAudit { try PostgresSchema.chainExistingAuditRows(c) }
            return (current, PostgresSchema.latestVersion)
        }
    }

    /// Checks, without writing, that the database's schema is exactly this binary's: older asks for
    /// `docket init`, newer asks for a newer `docket`.
    static func requireCurrent(_ connection: PostgresConnection) throws {
        let current = try version(connection)
        try refuseNewer(current, connection: connection)
        if current == 0 {
            throw PostgresError(.notFound, "\(connection.displayName) holds no Docket database yet; create it with 'docket init --db URL'")
        }
        if current < PostgresSchema.latestVersion {
            throw PostgresError(.refused, "\(connection.displayName) has Docket schema version \(current); this docket needs version \(PostgresSchema.latestVersion): upgrade it with 'docket init --db URL' (as its admin)")
        }
    }

    private static func refuseNewer(_ current: Int, connection: PostgresConnection) throws {
        if current > PostgresSchema.latestVersion {
            throw PostgresError(.newerSchema, "\(connection.displayName) has Docket schema version \(current), newer than this docket's version \(PostgresSchema.latestVersion): it was written by a newer Docket; install that version (nothing was written)")
        }
    }
}
