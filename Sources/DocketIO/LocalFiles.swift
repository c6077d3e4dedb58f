import DocketCore
import Foundation

/// The files an import names, opened on this machine's disk (``InputFiles``): lines through a
/// ``LineReader``, whole files (a public data set's JSON) read at once.
public struct LocalFiles: InputFiles {
    /// Files opened by path, relative to the current folder.
    public init() {}

    /// A ``LineReader`` on `path` (`-` is standard input).
    public func lines(of path: String) throws(InputError) -> any LineSource {
        try LineReader(path: path)
    }

    /// The bytes of `path`; throws an ``InputError`` naming it when it is missing or not a file.
    public func contents(of path: String) throws(InputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot be read (missing or not a file)")
        }
        return [UInt8](data)
    }
}
