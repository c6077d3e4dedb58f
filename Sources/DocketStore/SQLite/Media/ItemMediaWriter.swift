import DocketCore
import GRDB

/// Stores an import record's images in its item's row (`media_json`), with a content hash that covers the
/// images: two items with the same caption but different pictures are not near-duplicates of each other.
final class ItemMediaWriter {
    private let update: Statement?

    init(db: Database) {
        update = try? db.makeStatement(sql: "UPDATE items SET media_json = ?, content_hash = ? WHERE id = ?")
    }

    /// Writes `record`'s images (already resolved) into item `itemID`; an item whose update dropped its
    /// images gets an empty list.
    func write(_ record: ImportRecord, itemID: Int64) throws {
        guard let update else { throw DocketError.unexpected("the database has no media column although it was migrated") }
        try update.execute(arguments: [MediaCoding.encode(record.media), Self.contentHash(record), itemID])
    }

    /// The content hash of a record whose images are resolved: its text's, or with images, of the text and the
    /// images' hashes (every backend stores this one).
    static func contentHash(_ record: ImportRecord) -> String {
        record.media.isEmpty ? ContentHash.of(record.text)
            : ContentHash.of(record.text + "\n" + record.media.map { $0.sha256 ?? $0.path }.joined(separator: "\n"))
    }

    /// Each image resolved by `resolver`, errors naming `media[i]`.
    static func resolve(_ media: [MediaReference], with resolver: MediaResolver) throws(InputError) -> [MediaReference] {
        try media.enumerated().map { (index, reference) throws(InputError) in
            try resolver.resolve(reference, field: "media[\(index)]")
        }
    }

    /// `fingerprint` mixed with the images' hashes (FNV-1a over them), so a changed file changes the record.
    static func fingerprint(_ fingerprint: UInt64, _ media: [MediaReference]) -> UInt64 {
        var hash = fingerprint ^ 0xcbf2_9ce4_8422_2325
        for reference in media {
            for byte in (reference.sha256 ?? reference.path).utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return hash
    }
}
