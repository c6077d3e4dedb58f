import DocketCore
import GRDB

/// SQLite's failures as Docket's error kinds, so that commands and screens never see a GRDB type and
/// every SQLite failure gets its documented exit code (Docs/cli.md).
extension DatabaseError: DocketErrorConvertible {
    public var docketError: DocketError {
        let cause = "SQLite error \(extendedResultCode.rawValue): \(message ?? "no message")"
        switch resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .corrupt("the database is damaged (\(cause)); run 'docket status --full-check' and restore a backup")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_PERM:
            return .io("cannot read or write the database (\(cause))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable("the database stayed busy with another process's write (\(cause)); try again")
        case .SQLITE_CONSTRAINT:
            return .conflict("refused by the database's rules (\(cause))")
        default:
            return .unexpected(cause)
        }
    }
}
