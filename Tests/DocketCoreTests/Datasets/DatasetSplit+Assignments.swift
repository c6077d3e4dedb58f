@testable import DocketCore

extension DatasetSplit {
    /// Every item's split index, in the order the items were added (read from a copy, so the split itself
    /// can still be read).
    var splitOfItem: [UInt8] {
        get throws {
            var copy = self
            return try (0..<count).map { _ in UInt8(try copy.nextSplit()) }
        }
    }
}
