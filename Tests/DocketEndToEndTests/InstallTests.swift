import Foundation
import Testing

/// `docket` installed as Docs/install.md says (one file copied into a `bin` folder on the PATH), run from a
/// folder outside the repository: the shipped themes, example queues and demo data travel inside the binary.
@Suite struct InstallTests {
    let folder: TemporaryFolder
    let bin: String
    let work: String
    let environment: [String: String]

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("install")
        bin = folder.path + "/prefix/bin"
        work = folder.path + "/work"
        for path in [bin, work, folder.path + "/home"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        // `cp` in its own process: a copy written by this process could still be open for writing in a child
        // another test forks meanwhile, and running it would then fail with "Text file busy".
        let copy = try shell("cp '\(DocketBinary.path)' '\(bin)/docket'")
        try #require(copy.status == 0, Comment(rawValue: copy.transcript))
        // Nothing of the repository or of this machine's user settings may help the installed binary.
        environment = ["PATH": bin + ":/usr/bin:/bin", "HOME": folder.path + "/home", "DOCKET_DB": "",
                       "XDG_CONFIG_HOME": "", "DOCKET_THEMES": "", "DOCKET_THEME": ""]
    }

    /// Runs `line` with `sh` in the work folder, the installed `docket` first on the PATH.
    func run(_ line: String) throws -> ProcessResult {
        try shell("cd '\(work)' && " + line, environment: environment)
    }

    @Test func theDemoBuildsItsDatabaseAndItsNextStepsWorkAsPrinted() throws {
        let demo = try run("docket demo --no-review")
        #expect(demo.status == 0, Comment(rawValue: demo.transcript))
        #expect(demo.stdout.contains("Queue 'hate-harassment': 300 items"), Comment(rawValue: demo.transcript))
        let steps = demo.stdout.components(separatedBy: "Next steps:").last?
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("docket ") } ?? []
        #expect(steps.count == 5, Comment(rawValue: demo.stdout))  // two reviews (text, images), next, report, export
        for step in steps where !step.hasPrefix("docket review") {
            let result = try run(step)
            #expect(result.status == 0, Comment(rawValue: step + "\n" + result.transcript))
        }
        #expect(FileManager.default.fileExists(atPath: work + "/dataset/manifest.json"))

        // The review step needs a terminal: run it as printed, with a shipped theme, in tmux.
        let review = try #require(steps.first { $0.hasPrefix("docket review") })
        guard ReviewTerminal.isAvailable else { return }
        let command = review.components(separatedBy: "#").first!.trimmingCharacters(in: .whitespaces)
        let terminal = try ReviewTerminal("install", shellCommand: "cd '\(work)' && PATH='\(bin):/usr/bin:/bin' HOME='\(folder.path)/home' \(command) --theme light",
                                          width: 120, height: 40, environment: ["LC_ALL": "C.UTF-8"])
        let shown = try terminal.waitForScreen("the review screen (or its exit)") { $0.contains("Hate and harassment") || $0.contains("EXITED") }
        #expect(!shown.contains("EXITED"), Comment(rawValue: shown))
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    @Test func everyShippedThemeIsFoundOutsideTheRepository() throws {
        _ = try run("docket demo --no-review --db themes.sqlite")
        for theme in ["dark", "light", "high-contrast", "okabe-ito"] {
            // Without a terminal the screen refuses with 69 after the theme was found; an unknown theme is 65.
            let result = try run("docket review --db themes.sqlite --queue hate-harassment --theme \(theme)")
            #expect(result.status == 69, Comment(rawValue: theme + "\n" + result.transcript))
        }
        let unknown = try run("docket review --db themes.sqlite --queue hate-harassment --theme nope")
        #expect(unknown.status == 65, Comment(rawValue: unknown.transcript))
        #expect(unknown.stderr.contains("light") && unknown.stderr.contains("okabe-ito"), Comment(rawValue: unknown.transcript))
    }

    @Test func initWorksFromAnEmptyFolderAndCanLoadTheShippedExamples() throws {
        let bare = try run("docket init")
        #expect(bare.status == 0, Comment(rawValue: bare.transcript))
        #expect(FileManager.default.fileExists(atPath: work + "/docket.sqlite"))
        let examples = try run("docket init --examples && docket queues --json")
        #expect(examples.status == 0, Comment(rawValue: examples.transcript))
        for queue in ["hate-harassment", "self-harm", "spam-scams"] {
            #expect(examples.stdout.contains("\"\(queue)\""), Comment(rawValue: examples.transcript))
        }
        let attribution = try run("docket demo --attribution")
        #expect(attribution.status == 0 && attribution.stdout.contains("HateXplain"), Comment(rawValue: attribution.transcript))
    }

    @Test func shellCompletionsAndTheManPageInstallWithOneCommand() throws {
        let prefix = folder.path + "/prefix"
        let result = try run("docket install-shell-files --prefix '\(prefix)'")
        #expect(result.status == 0, Comment(rawValue: result.transcript))
        let bash = try String(contentsOfFile: prefix + "/share/bash-completion/completions/docket", encoding: .utf8)
        #expect(bash.contains("complete") && bash.contains("export"))
        let zsh = try String(contentsOfFile: prefix + "/share/zsh/site-functions/_docket", encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef docket"))
        #expect(FileManager.default.fileExists(atPath: prefix + "/share/fish/vendor_completions.d/docket.fish"))
        let man = try String(contentsOfFile: prefix + "/share/man/man1/docket.1", encoding: .utf8)
        #expect(man.hasPrefix(".TH DOCKET 1"))
        for command in ["docket report agreement", "docket export", "docket demo", "docket reviewers add"] {
            #expect(man.contains(".SS \(command)\n"), Comment(rawValue: command))
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let shown = try run("MANWIDTH=100 man -l '\(prefix)/share/man/man1/docket.1' | head -40")
            #expect(shown.stdout.contains("docket - Review and label content"), Comment(rawValue: shown.transcript))
        }
    }
}
