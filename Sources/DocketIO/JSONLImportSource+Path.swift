import DocketCore

extension JSONLImportSource {
    /// JSON Lines read from the file at `path` (`-` is standard input); throws an ``InputError`` naming the
    /// file when it cannot be opened.
    public convenience init(path: String) throws(InputError) {
        self.init(file: path, lines: try LineReader(path: path))
    }
}
