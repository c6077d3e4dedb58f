/// A database that cannot do what was asked for a reason of its own, not of Docket's rules: damaged, out of
/// reach, or not writable. Every backend turns its driver's errors into this at the ``ReviewStore`` boundary,
/// so commands map one error type to the documented exit codes whatever the backend.
public struct StoreFailure: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of trouble, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The database is damaged (corrupt file, broken pages): exit 5.
        case damaged
        /// The database server cannot be reached or the connection was lost; or the backend is not in this build: exit 69.
        case unavailable
        /// The database cannot be created, read or written (read-only, disk full, permissions on the file): exit 74.
        case io
        /// Anything else the backend reported: exit 1.
        case other
    }

    public var kind: Kind
    /// A sentence naming the database (never a password) and what went wrong.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
