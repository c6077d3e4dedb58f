import ArgumentParser

/// The man page `docket(1)`, written from the commands themselves (their abstracts, discussions and
/// `--help` text), so that it can never describe options the binary does not have.
enum ManualPage {
    /// The page in roff (`man -l docket.1` shows it).
    static func roff(version: String) -> String {
        var page = """
            .TH DOCKET 1 "" "docket \(escape(version))" "User Commands"
            .SH NAME
            docket \\- \(escape(Docket.configuration.abstract))
            .SH SYNOPSIS
            .B docket
            .I command
            [\\fIoptions\\fR]
            .SH DESCRIPTION
            \(paragraphs(Docket.configuration.discussion))
            .SH COMMANDS

            """
        for (path, command) in commands(under: Docket.self, path: "docket") {
            page += ".SS \(escape(path))\n"
            page += ".nf\n" + escape(Docket.helpMessage(for: command, columns: 100)) + "\n.fi\n"
        }
        page += """
            .SH ENVIRONMENT
            .TP
            .B DOCKET_DB
            The database when \\fB\\-\\-db\\fR is not given (else ./docket.sqlite).
            .TP
            .B DOCKET_THEME
            The review screen's theme when \\fB\\-\\-theme\\fR is not given.
            .TP
            .B NO_COLOR
            Draw the screens without colour.
            .SH SEE ALSO
            The guides in the Docs/ folder of the source repository, starting with Docs/getting-started.md.

            """
        return page
    }

    /// Every visible command below `command`, depth first, with its full name ("docket report agreement").
    static func commands(under command: ParsableCommand.Type, path: String) -> [(String, ParsableCommand.Type)] {
        command.configuration.subcommands.filter { $0.configuration.shouldDisplay }.flatMap { sub in
            let name = path + " " + (sub.configuration.commandName ?? String(describing: sub).lowercased())
            return [(name, sub)] + commands(under: sub, path: name)
        }
    }

    /// `text` with roff's special characters made literal: a backslash, and a dot or quote opening a line.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line) }
            .joined(separator: "\n")
    }

    private static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map(escape).joined(separator: "\n.PP\n")
    }
}
