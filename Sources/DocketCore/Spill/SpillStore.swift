/// Positioned storage for records that an export cannot hold in memory, one per spilled stream. The core's
/// sorters and columns read and write through it and never open a file themselves; DocketIO's `SpillFile`
/// keeps the bytes in a nameless temporary file.
public protocol SpillStore: AnyObject {
    /// Writes all of `bytes` at byte `offset`; throws ``DocketError/io(_:)`` when they cannot be stored.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(DocketError)
    /// Fills all of `bytes` from byte `offset`; throws ``DocketError/io(_:)`` when the store is shorter or
    /// cannot be read.
    func read(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) throws(DocketError)
}

extension SpillStore {
    /// Writes `values` at element index `index` (of their type's stride).
    func write<Element: BitwiseCopyable>(_ values: [Element], atIndex index: Int) throws(DocketError) {
        let stride = MemoryLayout<Element>.stride
        var failure: DocketError?
        values.withUnsafeBytes { bytes in
            do throws(DocketError) { try write(bytes, at: index * stride) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads `count` values from element index `index` (of their type's stride).
    func read<Element: BitwiseCopyable>(_ count: Int, atIndex index: Int, as type: Element.Type = Element.self) throws(DocketError) -> [Element] {
        let stride = MemoryLayout<Element>.stride
        var failure: DocketError?
        // The values are plain bits, so memory the read leaves unfilled is harmless; it is thrown away.
        let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(DocketError) {
                try read(into: UnsafeMutableRawBufferPointer(buffer), at: index * stride)
            } catch {
                failure = error
            }
            initialized = count
        }
        if let failure { throw failure }
        return values
    }
}
