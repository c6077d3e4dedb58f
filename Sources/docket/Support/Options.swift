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
            throw DocketError.notFound("no database at '\(path)': create it with 'docket init --db \(path)' (the demo's database is another file: add '--db docket-demo.sqlite')")
        }
        return try ReviewStore(path: path)
    }

    /// Opens the database for a command that only reads it: for writing when it can (an older file is then
    /// upgraded, as by any command), else for reading only, so that a file or folder this user cannot write
    /// (a copy on read-only storage) can still be read.
    func openForReading() throws -> ReviewStore {
        do {
            return try open()
        } catch DocketError.io(_) {
            return try ReviewStore(readingAt: path)
        }
    }
}
