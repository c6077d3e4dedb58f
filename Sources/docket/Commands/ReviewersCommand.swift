import ArgumentParser

/// Placeholder until the `reviewers` command lands.
struct ReviewersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reviewers", abstract: "Not built yet.")

    func run() throws {
        throw ValidationError("'docket reviewers' is not built yet")
    }
}
