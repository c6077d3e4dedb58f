import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// Options every command takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database: a SQLite file path, or a postgresql:// (postgres://) URL.",
        discussion: "Default: $DOCKET_DB, else ./docket.sqlite. A password in a URL is never printed.", valueName: "path|url"))
    var db: String?

    /// The database after the fallbacks (--db, $DOCKET_DB, ./docket.sqlite).
    var location: StoreLocation { StoreLocation.resolve(option: db) }

    /// The database as messages show it: the path, or the URL without its password.
    var path: String { location.description }

    /// Opens the database, creating it (and running migrations) when `create` is set.
    /// Every command opens through here, so a `DOCKET_USER` that may not be used is refused before anything runs.
    func open(create: Bool = false) throws -> any ReviewStore {
        let store = try location.open(create: create)
        try Identity.checkOverride(store)
        return store
    }
}

/// `--json` for read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of a table.")
    var json = false
}
