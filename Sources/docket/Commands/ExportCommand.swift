import ArgumentParser

/// Placeholder until the `export` command lands.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Not built yet.")

    func run() throws {
        throw ValidationError("'docket export' is not built yet")
    }
}
