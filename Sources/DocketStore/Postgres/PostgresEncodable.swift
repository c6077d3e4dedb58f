/// A Swift value sent to PostgreSQL as a statement parameter, in the server's text format.
public protocol PostgresEncodable {
    /// The text PostgreSQL parses back into the same value.
    var postgresText: String { get }
}

extension String: PostgresEncodable {
    public var postgresText: String { self }
}

extension Int: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Double: PostgresEncodable {
    /// Swift prints the shortest text that reads back as the same double, as PostgreSQL does: scores
    /// survive the round trip bit for bit.
    public var postgresText: String { description }
}

extension Bool: PostgresEncodable {
    public var postgresText: String { self ? "true" : "false" }
}
