import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// The documented exit codes (Docs/cli.md); scripts rely on them.
enum ExitStatus {
    static let error: Int32 = 1
    static let nothingLeft: Int32 = 3
    static let conflict: Int32 = 4
    static let damaged: Int32 = 5
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let notFound: Int32 = 66
    static let unavailable: Int32 = 69
    static let ioError: Int32 = 74
    static let permissionDenied: Int32 = 77
}

/// An error raised by a command, printed as one line on standard error with its exit status.
enum CLIError: Error, CustomStringConvertible {
    case notFound(String)
    case data(String)
    case conflict(String)
    case permission(String)
    case failed(String)

    var description: String {
        switch self {
        case .notFound(let t), .data(let t), .conflict(let t), .permission(let t), .failed(let t): return t
        }
    }

    var status: Int32 {
        switch self {
        case .notFound: return ExitStatus.notFound
        case .data: return ExitStatus.dataError
        case .conflict: return ExitStatus.conflict
        case .permission: return ExitStatus.permissionDenied
        case .failed: return ExitStatus.error
        }
    }
}

/// Runs a command body, turning Docket's errors into a message on standard error and the documented exit code.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CLIError {
        printError(error.description)
        throw ExitCode(error.status)
    } catch let error as InputError {
        printError(error.description)
        throw ExitCode(ExitStatus.dataError)
    } catch let error as StoreFailure {
        printError(error.description)
        switch error.kind {
        case .damaged: throw ExitCode(ExitStatus.damaged)
        case .unavailable: throw ExitCode(ExitStatus.unavailable)
        case .io: throw ExitCode(ExitStatus.ioError)
        case .other: throw ExitCode(ExitStatus.error)
        }
    } catch let error as DocketError {
        printError(error.description)
        switch error {
        case .notFound: throw ExitCode(ExitStatus.notFound)
        case .refused, .conflict: throw ExitCode(ExitStatus.conflict)
        case .permissionDenied: throw ExitCode(ExitStatus.permissionDenied)
        }
    }
}

/// Writes one line to standard error, prefixed with `docket: `.
/// Messages quote what the user supplied, including untrusted import data (field names, ids, labels),
/// so they are sanitised: an escape sequence in a rejected record is shown, never obeyed by the terminal.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("docket: " + ContentSanitiser.sanitise(message) + "\n").utf8))
}
