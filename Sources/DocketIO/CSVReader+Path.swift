import DocketCore

extension CSVReader {
    /// CSV records read from the file at `path` (`-` is standard input); throws an ``InputError`` naming the
    /// file when it cannot be opened.
    public convenience init(path: String) throws(InputError) {
        self.init(lines: try LineReader(path: path))
    }
}
