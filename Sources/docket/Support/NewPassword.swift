import DocketCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The password for a new PostgreSQL role (`docket reviewers add --password-stdin | --prompt-password`): read
/// where no one else sees it (not the command line, which every user of the machine can list), never echoed.
enum NewPassword {
    /// The first line of standard input, without its line break; an empty one is refused.
    static func fromStandardInput() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw DocketError.input(InputError(field: "--password-stdin", "standard input held no password (one line expected)"))
        }
        return line
    }

    /// Asked twice on the terminal without echo; the two must match.
    static func fromTerminal(for name: String) throws -> String {
        guard isatty(0) == 1 else {
            throw DocketError.unavailable("--prompt-password needs a terminal; in scripts use --password-stdin")
        }
        let first = try ask("Password for \(name): ")
        guard try ask("Again: ") == first else {
            throw DocketError.input(InputError(field: "--prompt-password", "the two passwords differ; nothing was changed"))
        }
        return first
    }

    private static func ask(_ prompt: String) throws -> String {
        guard let typed = getpass(prompt), typed.pointee != 0 else {
            throw DocketError.input(InputError(field: "--prompt-password", "no password was typed; nothing was changed"))
        }
        return String(cString: typed)
    }
}
