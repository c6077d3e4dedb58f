import DocketCore

/// A failure reported by PostgreSQL or by libpq, sorted into the kind of trouble Docket reports to its user
/// (each kind has its documented exit code) and carrying the server's SQLSTATE and message for the person
/// who has to act on it. Never carries a password: messages pass through `PostgresSecrets.scrub`.
public struct PostgresError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, in the terms Docket's exit codes use.
    public enum Kind: String, Sendable, Equatable {
        /// A serialization failure or deadlock: the transaction was rolled back whole and may simply be run again.
        case retry
        /// The server cannot be reached, refused new connections, or the connection broke (exit 69).
        case unavailable
        /// The change collides with what is stored: a unique key, a foreign key, a check (exit 4).
        case conflict
        /// The connecting role may not do this, or could not log in (exit 77).
        case permissionDenied
        /// The database, or one of Docket's tables in it, does not exist (exit 66).
        case notFound
        /// The server reports damaged data or indexes (exit 5).
        case damaged
        /// The server cannot write: disk full, a read-only server or transaction; or Docket will not create its tables
        /// in the database, which is not in UTF8 (exit 74).
        case io
        /// A value the server could not accept (exit 65).
        case badInput
        /// One of Docket's own database rules refused the change, e.g. history is append-only (exit 4).
        case refused
        /// The database's schema is newer than this binary knows; nothing was written (exit 6).
        case newerSchema
        /// Anything else (exit 1).
        case other
    }

    /// The kind of failure.
    public var kind: Kind
    /// The five-character SQLSTATE when the server sent one (`40001`), else nil (a client-side failure).
    public var sqlState: String?
    /// What happened, one line, without a password.
    public var message: String

    /// A failure of `kind` with `message` (already free of secrets).
    public init(_ kind: Kind, sqlState: String? = nil, _ message: String) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
    }

    /// The failure the server reported with `sqlState` and `message`.
    public init(sqlState: String, message: String) {
        self.init(Self.kind(of: sqlState), sqlState: sqlState, message)
    }

    public var description: String {
        sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message
    }

    /// Sorts a SQLSTATE (PostgreSQL Appendix A) into a kind: first the exact codes, then the class.
    public static func kind(of sqlState: String) -> Kind {
        switch sqlState {
        case "40001", "40P01": return .retry
        case "57P01", "57P02", "57P03", "53300": return .unavailable
        case "53100", "25006": return .io
        case "42501": return .permissionDenied
        case "3D000", "42P01", "42883": return .notFound
        case "XX001", "XX002": return .damaged
        case "P0001": return .refused
        default: break
        }
        switch sqlState.prefix(2) {
        case "08": return .unavailable
        case "23": return .conflict
        case "28": return .permissionDenied
        case "22": return .badInput
        default: return .other
        }
    }

    /// The Docket error this failure is at the store interface's edge (each has its documented exit code).
    public var docketError: DocketError {
        switch kind {
        case .retry: return .unavailable("PostgreSQL kept refusing the transaction as conflicting with others; try again: \(message)")
        case .unavailable: return .unavailable(message)
        case .conflict: return .conflict(message)
        case .refused: return .refused(message)
        case .permissionDenied: return .permissionDenied(message)
        case .notFound: return .notFound(message)
        case .damaged: return .corrupt(message)
        case .io: return .io(message)
        case .badInput: return .input(InputError(message))
        case .newerSchema: return .newerSchema(message)
        case .other: return .unexpected(description)
        }
    }
}
