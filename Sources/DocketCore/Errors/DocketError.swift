/// Every failure Docket reports to its user, one case per kind of failure. The executable maps each
/// kind to its documented exit code in one place (Docs/cli.md); screens show ``description``.
///
/// Lower layers (the store's backends) turn their own errors into one of these at their boundary,
/// through ``DocketErrorConvertible``, so no backend error type reaches a command or a screen.
public enum DocketError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Bad input data: a queue file, an import record, a theme or an argument's value, with its file, line
    /// and field. Exit 65.
    case input(InputError)
    /// Something named by the user does not exist: the database, a queue, an item, a reviewer, a file. Exit 66.
    case notFound(String)
    /// Refused by Docket's rules given what is stored (an unknown label, a last admin); nothing changed. Exit 4.
    case refused(String)
    /// The action collides with what is already stored (a second decision, a lost lease, a full overlap). Exit 4.
    case conflict(String)
    /// The user's role does not allow this; the text names the role that may. Exit 77.
    case permissionDenied(String)
    /// A file, folder or database cannot be created, read or written (read-only, disk full, TMPDIR; a PostgreSQL
    /// database not in UTF8, where Docket creates no tables). Exit 74.
    case io(String)
    /// Something needed is not there to use: no terminal for a screen, a database server that cannot be
    /// reached or whose connection was lost. Exit 69.
    case unavailable(String)
    /// The database is damaged; the text says what was found. Exit 5.
    case corrupt(String)
    /// The database was written by a newer Docket; nothing was written. Exit 6.
    case newerSchema(String)
    /// A failure Docket did not foresee; the text carries the cause. Exit 1.
    case unexpected(String)

    public var description: String {
        switch self {
        case .input(let error): return error.description
        case .notFound(let text), .refused(let text), .conflict(let text), .permissionDenied(let text),
             .io(let text), .unavailable(let text), .corrupt(let text), .newerSchema(let text),
             .unexpected(let text):
            return text
        }
    }

    /// The same kind of error, its text led by `context` ("cannot open the database 'x.sqlite': ...").
    public func prefixed(_ context: String) -> DocketError {
        switch self {
        case .input(var error): error.message = context + ": " + error.message; return .input(error)
        case .notFound(let text): return .notFound(context + ": " + text)
        case .refused(let text): return .refused(context + ": " + text)
        case .conflict(let text): return .conflict(context + ": " + text)
        case .permissionDenied(let text): return .permissionDenied(context + ": " + text)
        case .io(let text): return .io(context + ": " + text)
        case .unavailable(let text): return .unavailable(context + ": " + text)
        case .corrupt(let text): return .corrupt(context + ": " + text)
        case .newerSchema(let text): return .newerSchema(context + ": " + text)
        case .unexpected(let text): return .unexpected(context + ": " + text)
        }
    }

    /// `error` as a Docket error: itself, an input error, what a lower layer says it amounts to, or an
    /// unexpected failure carrying its description.
    public init(_ error: any Error) {
        switch error {
        case let error as DocketError: self = error
        case let error as InputError: self = .input(error)
        case let error as any DocketErrorConvertible: self = error.docketError
        default: self = .unexpected(String(describing: error))
        }
    }
}
