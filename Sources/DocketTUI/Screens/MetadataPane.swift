import DocketCore

/// The metadata pane: the item's metadata as aligned `key  value` lines.
public enum MetadataPane {
    /// One line per member of `meta` (nested values as compact JSON), keys padded to a common width.
    public static func lines(_ meta: JSONValue, width: Int) -> [StyledLine] {
        let members = meta.objectValue ?? []
        guard !members.isEmpty else { return [StyledLine("(no metadata)", .dim)] }
        let keyWidth = min(max(6, width / 3), members.map { DisplayWidth.of($0.0) }.max() ?? 0)
        return members.map { key, value in
            // Truncate before building the line: a 5 MB value costs no more than a short one.
            let valueWidth = max(1, width - keyWidth - 2)
            return StyledLine([(DisplayWidth.pad(key, to: keyWidth), .dim), ("  ", .text),
                               (DisplayWidth.truncate(value.displayText, to: valueWidth), .text)])
        }
    }
}
