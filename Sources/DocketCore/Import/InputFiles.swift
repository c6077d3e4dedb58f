/// Opens the files an import names (`docket import --from KIND FILE...`). The core converts what it is
/// given and never opens a file itself; DocketIO's `LocalFiles` reads them from disk.
public protocol InputFiles {
    /// The lines of `path` (`-` is standard input); throws an ``InputError`` naming the file when it cannot
    /// be opened.
    func lines(of path: String) throws(InputError) -> any LineSource
    /// The whole contents of `path`; throws an ``InputError`` naming the file when it cannot be read.
    func contents(of path: String) throws(InputError) -> [UInt8]
}
