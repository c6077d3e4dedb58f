import ArgumentParser

/// Placeholder until the `review` command lands.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Not built yet.")

    func run() throws {
        throw ValidationError("'docket review' is not built yet")
    }
}
