import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq: statements with parameters, prepared statements,
/// transactions that retry on serialization failures, COPY FROM STDIN and batched cursor reads.
///
/// Not thread-safe: one connection serves one thread at a time (the store holds a lock around it).
/// libpq reads the standard settings itself: PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, ~/.pgpass,
/// PGSSLMODE, PGSERVICE and service files, for whatever the URL leaves out.
public final class PostgresConnection {
    /// The connection string as given, without its password (for messages).
    public let displayName: String
    let handle: OpaquePointer
    /// Strings to remove from every message: the password given in the URL or found by libpq.
    private var secrets: [String] = []
    /// Names of the statements prepared on this connection (they vanish when the connection is reset).
    private var prepared: Set<String> = []
    /// Whether ``transaction(_:readOnly:attempts:_:)`` is running its body: it then ends the transaction itself.
    var inManagedTransaction = false
    /// Set by an audit append that committed without waiting for the disk: the transaction's COMMIT then waits
    /// for it after the audit chain's lock is released (see ``PostgresSchema/versionAuditChain``).
    var waitForDurableCommit = false

    /// Connects to `url` (`postgresql://...`, `postgres://...`, or libpq `key=value` pairs); an empty string
    /// takes everything from the environment. Throws a ``PostgresError`` of kind `unavailable` when the server
    /// cannot be reached, `permissionDenied` when the login is refused, `notFound` when the database is missing.
    public init(_ url: String = "", applicationName: String = "docket") throws {
        displayName = url.isEmpty ? "the server named by PGHOST/PGDATABASE" : PostgresSecrets.display(url)
        secrets = Self.passwords(in: url)
        // client_encoding comes after the URL, so it wins over the URL, PGCLIENTENCODING and the database's own
        // encoding: Docket's strings are UTF-8, and a LATIN1 or SQL_ASCII default would store them garbled.
        let keywords = ["dbname", "fallback_application_name", "connect_timeout", "client_encoding"]
        let values = [url, applicationName, ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] ?? "10", "UTF8"]
        let connection = Self.withCStrings(keywords) { keys in
            Self.withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection else { throw PostgresError(.unavailable, "out of memory connecting to PostgreSQL") }
        if let password = PQpass(connection) { secrets.append(String(cString: password)) }
        if let password = ProcessInfo.processInfo.environment["PGPASSWORD"] { secrets.append(password) }
        guard PQstatus(connection) == CONNECTION_OK else {
            // Freed here and never stored: deinit (which runs when init throws) must not free it again.
            let message = Self.errorMessage(of: connection, secrets: secrets)
            PQfinish(connection)
            throw PostgresError(Self.connectFailureKind(message), "cannot connect to PostgreSQL (\(displayName)): \(message)")
        }
        handle = connection
        // Notices ("relation already exists, skipping") are for a person at psql, not for Docket's users.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// The role this connection logged in as: on PostgreSQL, the reviewer's identity.
    public var user: String { PQuser(handle).map { String(cString: $0) } ?? "" }

    /// The database this connection is attached to.
    public var database: String { PQdb(handle).map { String(cString: $0) } ?? "" }

    /// The database's encoding (`UTF8`, `LATIN1`, `SQL_ASCII`...), which the server reports when the connection
    /// starts; asked with `SHOW server_encoding` when a pooler in between did not pass it on.
    public func serverEncoding() throws -> String {
        if let reported = PQparameterStatus(handle, "server_encoding") { return String(cString: reported) }
        return try execute("SHOW server_encoding").string(0, 0) ?? ""
    }

    /// The server's version as an integer (150004 for 15.4).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Whether the connection is still usable.
    public var isAlive: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Whether a transaction is open on this connection (including one that failed and awaits ROLLBACK).
    public var inTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Reconnects with the same settings after the connection broke (prepared statements are gone then).
    public func reset() throws {
        prepared.removeAll()
        PQreset(handle)
        guard isAlive else {
            throw PostgresError(.unavailable, "lost the connection to PostgreSQL (\(displayName)) and could not reconnect: \(lastErrorMessage())")
        }
    }

    // MARK: statements

    /// Runs `sql` with `parameters` ($1, $2...) and returns its rows. Several statements without parameters
    /// may be given at once (a migration); only the last one's rows are returned then.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresResult {
        let result: OpaquePointer? = parameters.isEmpty
            ? PQexec(handle, sql)
            : withParameters(parameters) { count, values in PQexecParams(handle, sql, count, nil, values, nil, nil, 0) }
        return try check(result)
    }

    /// Runs the statement named `name`, preparing `sql` under that name on first use on this connection.
    @discardableResult
    public func executePrepared(_ name: String, _ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresResult {
        if !prepared.contains(name) {
            do {
                try check(PQprepare(handle, name, sql, 0, nil))
            } catch let error as PostgresError where error.sqlState == "42P05" {
                // This connection never prepared it, so another client did on a server connection we share: only
                // a pooler in transaction mode does that. Say so, or the admin is left with a riddle.
                throw PostgresError(error.kind, sqlState: "42P05", error.message + "; the server connection is shared with "
                    + "other clients (a pooler in transaction mode, such as PgBouncer before 1.21): use session pooling")
            }
            prepared.insert(name)
        }
        let result = withParameters(parameters) { count, values in PQexecPrepared(handle, name, count, values, nil, nil, 0) }
        return try check(result)
    }

    /// Turns a libpq result into a ``PostgresResult`` or the error it reports.
    @discardableResult
    private func check(_ result: OpaquePointer?) throws -> PostgresResult {
        guard let result else { throw failure(nil) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY:
            return PostgresResult(result)
        default:
            let error = failure(result)
            PQclear(result)
            throw error
        }
    }

    /// The error `result` carries (nil: the connection itself failed), its message scrubbed of secrets.
    func failure(_ result: OpaquePointer?) -> PostgresError {
        if let result, let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))) {
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) } ?? "error"
            var detail = PQresultErrorField(result, Int32(UInt8(ascii: "D"))).map { ": " + String(cString: $0) } ?? ""
            let sqlState = String(cString: state)
            if sqlState == "22P05", let encoding = PQparameterStatus(handle, "server_encoding") {
                // A character the database's encoding lacks: only in a database an older Docket created.
                detail += PostgresDatabaseEncoding.untranslatableHint(database: database, encoding: String(cString: encoding))
            }
            return PostgresError(sqlState: sqlState, message: PostgresSecrets.scrub(primary + detail, secrets: secrets))
        }
        let message = lastErrorMessage()
        if !isAlive {
            return PostgresError(.unavailable, "lost the connection to PostgreSQL (\(displayName)): \(message)")
        }
        return PostgresError(.other, message)
    }

    /// libpq's last error for this connection, on one line, without secrets.
    func lastErrorMessage() -> String {
        Self.errorMessage(of: handle, secrets: secrets)
    }

    private static func errorMessage(of connection: OpaquePointer, secrets: [String]) -> String {
        let text = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return PostgresSecrets.scrub(line.isEmpty ? "unknown libpq error" : line, secrets: secrets)
    }

    /// A failed login is a permission problem, a missing database is "not found", the rest is "unavailable".
    /// A server that accepts only TLS (`hostssl` lines) refusing a client that does not encrypt is "unavailable"
    /// too: no role is wrong there, the client's settings cannot reach that server (Docs/team-server.md, TLS).
    private static func connectFailureKind(_ message: String) -> PostgresError.Kind {
        let lower = message.lowercased()
        if lower.contains("no pg_hba.conf entry") && lower.contains("no encryption") { return .unavailable }
        if lower.contains("password authentication failed") || lower.contains("no password supplied")
            || lower.contains("role \"") && lower.contains("does not exist") || lower.contains("permission denied")
            || lower.contains("no pg_hba.conf entry") {
            return .permissionDenied
        }
        if lower.contains("database \"") && lower.contains("does not exist") { return .notFound }
        // A URL libpq cannot parse; once it reached a server ("connection to server at"), "invalid" may be a host name.
        if !lower.contains("connection to server") && (lower.contains("invalid") || lower.contains("missing") && lower.contains("uri")) {
            return .badInput
        }
        return .unavailable
    }

    /// The password written into `url`, decoded, when there is one (so messages can leave it out).
    private static func passwords(in url: String) -> [String] {
        var found: [String] = []
        var options: UnsafeMutablePointer<PQconninfoOption>?
        options = PQconninfoParse(url, nil)
        defer { if let options { PQconninfoFree(options) } }
        var option = options
        while let current = option, current.pointee.keyword != nil {
            if String(cString: current.pointee.keyword) == "password", let value = current.pointee.val {
                found.append(String(cString: value))
            }
            option = current.advanced(by: 1)
        }
        return found
    }

    // MARK: C strings

    /// Calls `body` with a NULL-terminated array of C strings for `strings` (NULL for nil), valid during the call.
    static func withCStrings<T>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let pointers = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: strings.count + 1)
        var owned: [UnsafeMutablePointer<CChar>] = []
        owned.reserveCapacity(strings.count)
        for (index, string) in strings.enumerated() {
            guard let string else { pointers[index] = nil; continue }
            let utf8 = Array(string.utf8)
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count + 1)
            for (offset, byte) in utf8.enumerated() { copy[offset] = CChar(bitPattern: byte) }
            copy[utf8.count] = 0
            owned.append(copy)
            pointers[index] = UnsafePointer(copy)
        }
        pointers[strings.count] = nil
        defer {
            owned.forEach { $0.deallocate() }
            pointers.deallocate()
        }
        return body(UnsafePointer(pointers))
    }

    /// Calls `body` with the parameter count and their texts (NULL for nil).
    private func withParameters<T>(_ parameters: [(any PostgresEncodable)?],
                                   _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        Self.withCStrings(parameters.map { $0?.postgresText }) { body(Int32(parameters.count), $0) }
    }
}
