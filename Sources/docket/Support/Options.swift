import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// Options every command takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $DOCKET_DB, else ./docket.sqlite.", valueName: "path"))
    var db: String?

    /// The database path after the fallbacks.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["DOCKET_DB"], !env.isEmpty { return env }
        return "docket.sqlite"
    }

    /// Opens the database, creating it (and running migrations) when `create` is set.
    func open(create: Bool = false) throws -> ReviewStore {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw DocketError.notFound("no database at '\(path)': run 'docket init --db \(path)' (or 'docket demo') first")
        }
        return try ReviewStore(path: path)
    }
}

/// `--json` for read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of a table.")
    var json = false
}
