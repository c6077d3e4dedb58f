import ArgumentParser
import DocketCore
import Foundation

/// The output folder of `docket export`: files are written into a hidden temporary folder beside it
/// and moved into place only when everything succeeded, so a failed or interrupted export never
/// leaves a partial dataset where a training job could pick it up.
struct ExportFolder {
    /// The folder the user asked for.
    let final: URL
    /// The hidden folder being written.
    let temporary: URL
    let replace: Bool

    /// Checks `path` (refusing a non-empty folder unless `force`, a folder that is not an earlier export
    /// or holds `database`, and anything that is not a folder) and creates the temporary folder beside it.
    init(path: String, force: Bool, database: String) throws {
        final = URL(fileURLWithPath: path).standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var replace = false
        if manager.fileExists(atPath: final.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ValidationError("--out '\(path)' is a file, not a folder; choose another path")
            }
            let contents = try manager.contentsOfDirectory(atPath: final.path)
            if !contents.isEmpty {
                guard force else {
                    throw ValidationError("--out '\(path)' is not empty (\(contents.count) entries); choose an empty or new folder, or add --force to replace an earlier export")
                }
                try ExportFolder.checkReplaceable(final, shownAs: path, database: database)
                replace = true
            }
        }
        let parent = final.deletingLastPathComponent()
        guard manager.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocketError.notFound("the folder '\(parent.path)' that should hold --out does not exist")
        }
        ExportFolder.removeAbandoned(in: parent, name: final.lastPathComponent)
        temporary = parent.appendingPathComponent(".\(final.lastPathComponent).docket-export-\(getpid())")
        try? manager.removeItem(at: temporary)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
        } catch {
            throw DocketError.io("cannot create a folder in '\(parent.path)': \(error.localizedDescription)")
        }
        self.replace = replace
    }

    /// Moves the finished export into place (replacing the old folder when --force allowed it).
    func publish() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: final.path) {
            let old = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).docket-old-\(getpid())")
            try manager.moveItem(at: final, to: old)
            try manager.moveItem(at: temporary, to: final)
            try? manager.removeItem(at: old)
        } else {
            try manager.moveItem(at: temporary, to: final)
        }
    }

    /// Removes hidden folders that earlier exports to the same `--out` left behind when they were
    /// killed (their process no longer exists). Folders of an export still running are left alone.
    static func removeAbandoned(in parent: URL, name: String) {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            for marker in [".\(name).docket-export-", ".\(name).docket-old-"] where entry.hasPrefix(marker) {
                guard let pid = Int32(entry.dropFirst(marker.count)), pid > 0 else { continue }
                if kill(pid, 0) == 0 || errno == EPERM { continue }  // still running (or someone else's)
                try? manager.removeItem(at: parent.appendingPathComponent(entry))
            }
        }
    }

    /// Removes the temporary folder after a failure.
    func discard() {
        try? FileManager.default.removeItem(at: temporary)
    }
}
