import DocketCore

extension DatasetExport {
    /// Writes the dataset into `folder` (which must exist and be empty), spilling the split's working records
    /// into temporary files in `$TMPDIR` (``SpillFolder``), and returns its manifest.
    public func write(from source: ExportSource, into folder: String, progress: Progress? = nil) throws -> ExportManifest {
        try write(from: source, to: ExportFolderFiles(folder: folder), spill: SpillFolder(), progress: progress)
    }
}
