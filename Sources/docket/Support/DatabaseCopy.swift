import DocketCore
import DocketStore
import Foundation

/// One `docket copy`: streams every record of `source` into the empty database at `destination` through the
/// store interface (constant memory, one transaction on the destination), and counts what went across.
struct DatabaseCopy {
    let source: any ReviewStore
    let destination: StoreLocation
    /// Overwrite a SQLite destination that holds data (written beside it, renamed over it when complete).
    let replace: Bool
    /// Called after each record with the counts so far (a progress bar).
    var progress: (([String: Int]) -> Void)? = nil
    /// Copy a source whose history check fails (`--allow-broken-history`); the copy records that in its audit log.
    var allowBrokenHistory = false
    /// Who runs the copy, for the copy's audit line about a broken source.
    var actor = OperatingSystemUser.name

    /// Copies, and returns how many records of each ``StoreRecord/kinds`` were copied.
    ///
    /// The source's history is checked first: the copy signs its audit chain anew, which would make rows changed
    /// in the source verify as intact in the copy. A broken source is refused (`DocketError.corrupt`, exit 5).
    func run() throws -> [String: Int] {
        let check = try source.checkHistory()
        if !check.isIntact && !allowBrokenHistory {
            throw DocketError.corrupt("the history of \(source.path) does not check out: " + check.findings.joined(separator: "; ")
                + ". The copy would sign its audit log anew and hide that; nothing was copied. Restore a backup, or copy it as it is with --allow-broken-history (the copy records that it was made from a broken source)")
        }
        let counts = try copyAll()
        if !check.isIntact {
            // The copy's own log says that its chain starts from a source that did not check out.
            try destination.open().recordAudit(actor: actor, action: "copy.broken_source", queue: nil, detail: [
                ("source", .string(source.path)), ("findings", .array(check.findings.map { .string($0) })),
            ])
        }
        return counts
    }

    private func copyAll() throws -> [String: Int] {
        guard case .sqlite(let path) = destination, replace, FileManager.default.fileExists(atPath: path) else {
            // A SQLite file this copy creates is removed again when the copy fails: no empty database is left behind.
            var created: String?
            if case .sqlite(let path) = destination, !FileManager.default.fileExists(atPath: path) { created = path }
            do {
                return try copy(into: destination.open(create: true), refusingData: true)
            } catch {
                if let created { Self.removeSQLiteFiles(created) }
                throw error
            }
        }
        // The new file takes the old one's place only once it is complete: a failed copy leaves the old one as it was.
        let partial = path + ".copying"
        Self.removeSQLiteFiles(partial)
        let counts: [String: Int]
        do {
            counts = try copy(into: StoreLocation.sqlite(path: partial).open(create: true), refusingData: true)
        } catch {
            Self.removeSQLiteFiles(partial)
            throw error
        }
        // The copy's store is closed here (its WAL folded into the file), so the file alone is the whole database.
        // The old file's WAL goes first: SQLite would replay it onto whatever file bears its name.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        guard rename(partial, path) == 0 else {
            throw DocketError.io("cannot put the copy '\(partial)' in place of '\(path)': \(String(cString: strerror(errno)))")
        }
        return counts
    }

    private func copy(into store: any ReviewStore, refusingData: Bool) throws -> [String: Int] {
        if refusingData, try !store.isEmpty() {
            throw DocketError.refused("the destination \(destination) already holds data; copy into a new file or an empty database"
                                      + (destination.isPostgres ? "" : ", or pass --replace to overwrite it"))
        }
        var counts: [String: Int] = [:]
        try store.load { emit in
            try source.dump { record in
                counts[record.kind, default: 0] += 1
                try emit(record)
                progress?(counts)
            }
        }
        return counts
    }

    /// Removes a SQLite file with its WAL and shared-memory files, when they exist.
    private static func removeSQLiteFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
