#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocketCore

/// Where an export spills what it cannot hold in memory on disk: nameless temporary files (``SpillFile``) in
/// `$TMPDIR`, else `/tmp`.
public struct SpillFolder: SpillSpace {
    /// The folder the files are created in.
    public let path: String

    /// The folder `TMPDIR` names when set and not empty, else `/tmp`.
    public init() {
        let environment = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        path = environment.isEmpty ? "/tmp" : environment
    }

    /// A new nameless file in the folder; throws ``DocketError/io(_:)`` naming the folder when it cannot be made.
    public func makeStore() throws(DocketError) -> any SpillStore {
        try SpillFile(in: path)
    }
}
