import DocketCore
import Foundation

extension ExportFolder {
    /// Refuses (nothing removed) unless `folder` may be replaced by `--force`: it must not hold the
    /// database or its journal files at any depth, and everything in it must belong to one earlier Docket
    /// export, recognised by its `manifest.json` listing every other file. `--force` exists to refresh an
    /// export; anything else in the folder is somebody's data, and an export is never worth losing it.
    static func checkReplaceable(_ folder: URL, shownAs path: String, database: String) throws {
        let root = folder.resolvingSymlinksInPath().path
        let databaseFile = URL(fileURLWithPath: database).standardizedFileURL
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let file = URL(fileURLWithPath: databaseFile.path + suffix)
            // The folder holding the file is resolved, not the file: its name may be a dangling journal.
            let resolved = file.deletingLastPathComponent().resolvingSymlinksInPath()
                .appendingPathComponent(file.lastPathComponent).path
            if resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw DocketError.refused(
                    "--out '\(path)' holds the database '\(database)'; --force never replaces a folder holding the database or its -wal/-shm files: choose another folder for the export")
            }
        }
        let manager = FileManager.default
        let manifestPath = folder.appendingPathComponent("manifest.json").path
        guard let data = manager.contents(atPath: manifestPath),
              let manifest = try? JSONParser.parse([UInt8](data)),
              manifest["docket_version"]?.stringValue != nil,
              let listed = manifest["files"]?.arrayValue?.compactMap({ $0["path"]?.stringValue }) else {
            throw DocketError.refused(
                "--out '\(path)' is not an earlier Docket export (it has no Docket manifest.json); --force only replaces an earlier export: choose an empty or new folder")
        }
        var expected = Set(listed + ["manifest.json"])
        // The folders on the way to each listed file (hf exports write data/train.jsonl).
        for file in listed {
            var parts = file.split(separator: "/").dropLast()
            while !parts.isEmpty { expected.insert(parts.joined(separator: "/")); parts.removeLast() }
        }
        guard let walker = manager.enumerator(atPath: folder.path) else { return }
        while let entry = walker.nextObject() as? String {
            if !expected.contains(entry) {
                throw DocketError.refused(
                    "--out '\(path)' holds '\(entry)', which its manifest.json does not list; --force only replaces an earlier Docket export as it was written: move that file away or choose another folder")
            }
        }
    }
}
