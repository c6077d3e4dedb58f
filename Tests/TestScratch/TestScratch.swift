import Foundation

/// Where tests put their files: one folder per test process (`docket-tests-PID` in the temporary directory),
/// removed when the process exits. Helpers that hand back only a store, not the folder its database lives in,
/// cannot remove their folder themselves; under this one they leave nothing behind all the same (before, a full
/// run left about 60 folders in /tmp). `DOCKET_KEEP_TMP` keeps everything, to look at after a failure.
public enum TestScratch {
    /// This process's folder, made on first use.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docket-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if ProcessInfo.processInfo.environment["DOCKET_KEEP_TMP"] == nil {
            atexit { TestScratch.removeRoot() }
        }
        return url
    }()

    /// A new, empty folder `prefix-UUID` under ``root``.
    public static func folder(_ prefix: String) -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func removeRoot() {
        try? FileManager.default.removeItem(at: root)
    }
}
