import Foundation

/// A folder of its own for one test, removed when the value goes away.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init(_ prefix: String = "docket-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    deinit {
        if ProcessInfo.processInfo.environment["DOCKET_KEEP_TMP"] == nil {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
