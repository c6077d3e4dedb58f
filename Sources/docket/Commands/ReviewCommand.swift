import ArgumentParser
import DocketCore
import DocketImages
import DocketStore
import DocketTUI
import Foundation

/// `docket review`: the review screen, where reviewers label a queue item by item.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a queue on the terminal, one item at a time.",
        discussion: """
            Without --queue, lists the queues to choose from. Each label key records a decision before \
            the next item appears; press ? on the review screen for every key, q to quit (your current \
            item is released for others). Themes: --theme NAME, else $DOCKET_THEME, else 'theme:' in \
            $XDG_CONFIG_HOME/docket/config.yml; NO_COLOR turns colours off. Your own keys: \
            $XDG_CONFIG_HOME/docket/keys.yml (or $DOCKET_KEYS). See Docs/reviewing.md.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The queue to review (default: choose from a list).")
    var queue: String?

    @Option(name: .long, help: "The reviewer (default: the login name).")
    var reviewer: String?

    @Option(name: .long, help: ArgumentHelp("Colour theme: dark, light, high-contrast, okabe-ito, or a .yml file.", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "Do not draw images: image items show their alt text, regions and a note instead.")
    var noImages = false

    @Option(name: .long, help: ArgumentHelp(
        "How images are drawn: symbols (Unicode blocks, any UTF-8 terminal), sixel, kitty, or auto (detected; symbols inside tmux).",
        valueName: "mode"))
    var graphics: GraphicsMode = .auto

    @Option(name: .long, help: ArgumentHelp("Symbols for --graphics symbols: blocks or braille.", valueName: "set"))
    var imageSymbols: SymbolSet = .blocks

    func run() throws {
        try reportingErrors {
            let look = try ScreenLook(theme: theme)
            guard isatty(0) == 1, isatty(1) == 1 else {
                throw DocketError.unavailable("'docket review' needs a terminal; use 'docket next' and 'docket decide' in scripts")
            }
            let db = try store.open()
            if let queue { _ = try db.queue(queue) }  // an unknown queue is reported before the screen opens
            let images = ImageOptions(enabled: !noImages, graphics: graphics.resolved(environment: ProcessInfo.processInfo.environment),
                                      symbols: imageSymbols)
            if let signal = try ReviewApp.run(store: db, queue: queue, reviewer: try Access.identity(db, requested: reviewer), theme: look.theme,
                                              keymap: look.keymap, images: images) {
                // Interrupted: the lease was released and the terminal restored; exit as a signal does (130 for Ctrl-C).
                throw ExitCode(128 + signal)
            }
        }
    }
}

extension GraphicsMode: ExpressibleByArgument {}
extension SymbolSet: ExpressibleByArgument {}
