import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// The documented exit codes (Docs/cli.md); scripts rely on them.
enum ExitStatus {
    static let unexpected: Int32 = 1
    static let nothingLeft: Int32 = 3
    static let conflict: Int32 = 4
    static let corrupt: Int32 = 5
    static let newerSchema: Int32 = 6
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let notFound: Int32 = 66
    static let unavailable: Int32 = 69
    static let ioError: Int32 = 74
    static let permissionDenied: Int32 = 77

    /// The one mapping from a kind of failure to its exit code.
    static func code(for error: DocketError) -> Int32 {
        switch error {
        case .input: return dataError
        case .notFound: return notFound
        case .refused, .conflict: return conflict
        case .permissionDenied: return permissionDenied
        case .io: return ioError
        case .unavailable: return unavailable
        case .corrupt: return corrupt
        case .newerSchema: return newerSchema
        case .unexpected: return unexpected
        }
    }
}

/// Runs a command body, turning every failure into one sanitised line on standard error and the
/// documented exit code. Argument-parser's own exits (`ExitCode`, usage errors) pass through.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        let failure = DocketError(error)
        // A PostgreSQL URL in a message (ours or the driver's) never shows its password.
        printError(StoreLocation.withoutPasswords(failure.description))
        throw ExitCode(ExitStatus.code(for: failure))
    }
}

/// Writes one line to standard error, prefixed with `docket: `.
/// Messages quote what the user supplied, including untrusted import data (field names, ids, labels),
/// so they are sanitised: an escape sequence in a rejected record is shown, never obeyed by the terminal.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("docket: " + ContentSanitiser.sanitise(message) + "\n").utf8))
}
