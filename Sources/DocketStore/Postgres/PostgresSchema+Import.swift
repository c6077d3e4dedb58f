extension PostgresSchema {
    /// Version 3: an item's images, in the item's row as on SQLite (its `item-media` migration): MediaCoding's
    /// list (path, resolved path, SHA-256, alt text, regions); text items keep '[]'.
    static let version3 = """
        ALTER TABLE items ADD COLUMN media_json text NOT NULL DEFAULT '[]';
        """
}
