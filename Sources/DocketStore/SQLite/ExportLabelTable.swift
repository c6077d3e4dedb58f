import DocketCore

/// A queue's label ids as UTF-8 bytes, matched against columns in place (no String per row).
struct ExportLabelTable {
    let names: [[UInt8]]
    init(_ labels: [String]) { names = labels.map { Array($0.utf8) } }

    var count: Int { names.count }

    func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, name) in names.enumerated() where name.count == bytes.count && name.elementsEqual(bytes) { return i }
        return nil
    }
}
