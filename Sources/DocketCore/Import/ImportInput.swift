/// One entry read from an import file: a valid record, or a rejected line with its reason.
public enum ImportInput: Sendable {
    /// A record, its 1-based line, and a fingerprint of its raw bytes (an identical line re-imported is skipped).
    case record(ImportRecord, line: Int, fingerprint: UInt64)
    /// A line that could not be read as a record; the error names the file, the line and the field.
    case rejected(InputError)
}
