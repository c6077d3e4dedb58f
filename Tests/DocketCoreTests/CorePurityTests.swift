import Foundation
import Testing

/// DocketCore holds pure logic: it opens no file, reads no environment and starts no thread; those live in
/// DocketIO behind the core's protocols (`LineSource`, `InputFiles`, `ExportDestination`, `SpillSpace`,
/// `ParallelWork`). This reads the core's sources and fails on any use of the system's file, environment or
/// thread calls, so that the module's name stays true. It is a check of the text (comments left out), not of
/// the compiled module: a call spelled some other way would pass, but every way the core used before does not.
@Suite struct CorePurityTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/DocketCore")

    /// Modules whose only purpose in the core would be files or threads (Foundation stays: the core uses its
    /// text and number formatting).
    static let forbiddenImports = ["Glibc", "Darwin", "Dispatch", "Synchronization", "Musl"]

    /// File, environment and thread calls and types, as whole words.
    static let forbiddenWords = [
        "FileManager", "FileHandle", "FileDescriptor", "fopen", "fread", "fwrite", "fclose", "mkstemp", "pread",
        "pwrite", "fsync", "fstat", "unlink", "mkdir", "getenv", "setenv", "ProcessInfo", "O_RDONLY", "O_WRONLY",
        "O_CREAT", "contentsOfFile", "atPath", "toFile", "fileURLWithPath", "Thread", "DispatchQueue",
        "DispatchSemaphore", "DispatchGroup", "pthread_create", "NSLock", "Mutex", "Task", "Process",
    ]

    /// Every use found, as `file:line: word`.
    static func violations(in folder: URL) throws -> [String] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        let words = try NSRegularExpression(pattern: "\\b(" + forbiddenWords.joined(separator: "|") + ")\\b")
        let imports = try NSRegularExpression(pattern: "^\\s*(@\\w+\\s+)?import\\s+(" + forbiddenImports.joined(separator: "|") + ")\\b")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // Comments may name these (to say where the work went); code may not.
                let code = String(line.components(separatedBy: "//")[0])
                let range = NSRange(code.startIndex..., in: code)
                for match in words.matches(in: code, range: range) + imports.matches(in: code, range: range) {
                    found.append("\(file.lastPathComponent):\(number + 1): \((code as NSString).substring(with: match.range))")
                }
            }
        }
        return found.sorted()
    }

    @Test func theCoreOpensNoFilesAndStartsNoThreads() throws {
        #expect(try Self.violations(in: Self.sources) == [])
    }

    /// The check finds what it looks for: the file reader and the threads the core held before they moved.
    @Test func theCheckFindsFileAndThreadCode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("core-purity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            import Glibc
            // A comment may say FileManager.
            let fd = open(path, O_RDONLY)
            DispatchQueue.concurrentPerform(iterations: 2) { _ in }
            let bytes = FileManager.default.contents(atPath: file)
            """.write(to: folder.appendingPathComponent("Impure.swift"), atomically: true, encoding: .utf8)
        #expect(try Self.violations(in: folder) == [
            "Impure.swift:1: import Glibc", "Impure.swift:3: O_RDONLY", "Impure.swift:4: DispatchQueue",
            "Impure.swift:5: FileManager", "Impure.swift:5: atPath",
        ])
    }
}
