import ArgumentParser

/// Placeholder until the `audit` command lands.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Not built yet.")

    func run() throws {
        throw ValidationError("'docket audit' is not built yet")
    }
}
