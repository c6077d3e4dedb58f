import DocketCore

/// The characters a PostgreSQL database can store, for an import into one an older Docket created in an encoding
/// other than UTF8 (``PostgresDatabaseEncoding``): a record holding a character that encoding lacks is rejected
/// with its file, line and field like any bad record, instead of the server refusing its whole batch.
///
/// The server judges, with the conversion it applies to what Docket sends (`convert` from UTF8), asked about each
/// character once per import: all the new ones of a record at once, halved until the missing ones are found when
/// that fails, each question under a savepoint that leaves the import's transaction usable. ASCII, which every
/// server encoding holds, is never asked about.
final class PostgresCharacterRepertoire {
    /// The database's name and encoding, for messages.
    let database: String
    let encoding: String
    private var storable: [Unicode.Scalar: Bool] = [:]

    private init(database: String, encoding: String) {
        self.database = database
        self.encoding = encoding
    }

    /// The repertoire of `connection`'s database, or nil when it stores every character Docket sends: in UTF8,
    /// or in SQL_ASCII, which keeps bytes as they come.
    static func of(_ connection: PostgresConnection) throws -> PostgresCharacterRepertoire? {
        let encoding = try connection.serverEncoding()
        guard encoding != PostgresDatabaseEncoding.required, encoding != "SQL_ASCII" else { return nil }
        return PostgresCharacterRepertoire(database: connection.database, encoding: encoding)
    }

    /// Throws an ``InputError`` naming the first field of `row` (with imported decisions timed `now`) that holds a
    /// character the database cannot store, and that character.
    func check(_ row: PostgresImportRow, importedAt now: Double, _ c: PostgresConnection) throws {
        for (field, text) in row.storedTexts(at: now) {
            guard let missing = try firstMissing(in: text, c) else { continue }
            let code = String(missing.value, radix: 16, uppercase: true)
            throw InputError(field: field, "holds U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), a character "
                + "the database '\(database)' cannot store: it is in encoding \(encoding), and Docket needs \(PostgresDatabaseEncoding.required) "
                + "(Docs/team-server.md says how to move it into a UTF8 database)")
        }
    }

    /// The first character of `text` the database cannot store, or nil.
    private func firstMissing(in text: String, _ c: PostgresConnection) throws -> Unicode.Scalar? {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        var unknown: [Unicode.Scalar] = []
        var seen: Set<Unicode.Scalar> = []
        for scalar in text.unicodeScalars where !scalar.isASCII && storable[scalar] == nil && seen.insert(scalar).inserted {
            unknown.append(scalar)
        }
        if !unknown.isEmpty { try learn(unknown[...], c) }
        return text.unicodeScalars.first { !$0.isASCII && storable[$0] == false }
    }

    /// Asks the server about `scalars`: all at once, then, when one is missing, each half.
    private func learn(_ scalars: ArraySlice<Unicode.Scalar>, _ c: PostgresConnection) throws {
        if try converts(scalars, c) {
            for scalar in scalars { storable[scalar] = true }
        } else if scalars.count == 1 {
            storable[scalars[scalars.startIndex]] = false
        } else {
            let middle = scalars.startIndex + scalars.count / 2
            try learn(scalars[..<middle], c)
            try learn(scalars[middle...], c)
        }
    }

    /// Whether the database's encoding holds every one of `scalars`, by the server's own conversion. The bytes go
    /// as hex in the statement (text would be converted, and refused, on its way in).
    private func converts(_ scalars: ArraySlice<Unicode.Scalar>, _ c: PostgresConnection) throws -> Bool {
        let hex = scalars.flatMap { String($0).utf8 }.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        do {
            try c.execute("SAVEPOINT docket_repertoire; SELECT convert(decode('\(hex)', 'hex'), 'UTF8', current_setting('server_encoding'));"
                          + " RELEASE SAVEPOINT docket_repertoire")
            return true
        } catch let error as PostgresError where error.sqlState == "22P05" {
            try c.execute("ROLLBACK TO SAVEPOINT docket_repertoire; RELEASE SAVEPOINT docket_repertoire")
            return false
        }
    }
}
