import ArgumentParser

/// Placeholder until the `adjudicate` command lands.
struct AdjudicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "adjudicate", abstract: "Not built yet.")

    func run() throws {
        throw ValidationError("'docket adjudicate' is not built yet")
    }
}
