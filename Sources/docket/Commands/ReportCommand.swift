import ArgumentParser

/// Placeholder until the `report` command lands.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Not built yet.")

    func run() throws {
        throw ValidationError("'docket report' is not built yet")
    }
}
