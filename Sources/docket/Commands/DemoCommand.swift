import ArgumentParser

/// Placeholder until the `demo` command lands.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Not built yet.")

    func run() throws {
        throw ValidationError("'docket demo' is not built yet")
    }
}
