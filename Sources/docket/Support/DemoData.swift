import DocketCore
import Foundation

/// The demo's 300 HateXplain posts and their attribution, compiled into the binary (Sources/docket/Demo/),
/// so that `docket demo` works from any folder and any install location.
enum DemoData {
    static let recordsName = "Demo/hatexplain-demo.jsonl"
    static let attributionName = "Demo/ATTRIBUTION.md"

    /// Where the data comes from and under which licence, as shipped.
    static var attribution: String { EmbeddedFiles.text(attributionName) ?? "" }

    /// Calls `body` with the path of a temporary copy of the records (the importer reads files, in constant
    /// memory); the copy is removed afterwards.
    static func withFile<T>(_ body: (String) throws -> T) throws -> T {
        guard let records = EmbeddedFiles.data(recordsName) else {
            throw DocketError.notFound("the demo data is missing from this build (\(recordsName))")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-demo-\(getpid())-\(UUID().uuidString.prefix(8))")
        let file = folder.appendingPathComponent("hatexplain-demo.jsonl")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try records.write(to: file)
        } catch {
            throw DocketError.io("cannot write the demo data to the temporary folder '\(folder.path)' (set TMPDIR to a writable folder): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(file.path)
    }
}
