import ArgumentParser
import DocketCore
import Foundation

/// `docket install-shell-files`: the shell completions and the man page, written where shells and `man` look.
struct ShellFilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-shell-files",
        abstract: "Install shell completions (bash, zsh, fish) and the man page under a prefix.",
        discussion: """
            Writes PREFIX/share/bash-completion/completions/docket, PREFIX/share/zsh/site-functions/_docket, \
            PREFIX/share/fish/vendor_completions.d/docket.fish and PREFIX/share/man/man1/docket.1, creating \
            the folders. Run it again after installing a newer docket. See Docs/install.md.
            """)

    @Option(name: .long, help: ArgumentHelp("The folder under which share/ is written.", discussion: "Default: ~/.local (found by bash-completion, zsh with ~/.local/share/zsh/site-functions in fpath, fish, and man).", valueName: "dir"))
    var prefix: String?

    /// The files written, relative to the prefix, and their contents.
    static func files() -> [(String, String)] {
        [
            ("share/bash-completion/completions/docket", Docket.completionScript(for: .bash)),
            ("share/zsh/site-functions/_docket", Docket.completionScript(for: .zsh)),
            ("share/fish/vendor_completions.d/docket.fish", Docket.completionScript(for: .fish)),
            ("share/man/man1/docket.1", ManualPage.roff(version: DocketVersion.current)),
        ]
    }

    func run() throws {
        try reportingErrors {
            let root = prefix ?? (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.local"
            for (relative, text) in Self.files() {
                let path = root + "/" + relative
                do {
                    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw DocketError.io("cannot write '\(path)': \(error.localizedDescription)")
                }
                print("Wrote \(path)")
            }
        }
    }
}
