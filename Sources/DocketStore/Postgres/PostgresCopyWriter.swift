import CLibPQ

/// Rows for one `COPY ... FROM STDIN` (text format), buffered and sent to the server in large chunks.
/// Made by ``PostgresConnection/copy(_:_:)``.
public final class PostgresCopyWriter {
    private let connection: PostgresConnection
    private var buffer: [UInt8] = []
    /// Rows written so far.
    public private(set) var rowCount = 0
    private static let chunk = 256 * 1024

    init(_ connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    /// Appends one row; nil is SQL NULL. Tabs, newlines, carriage returns and backslashes in values are
    /// escaped as COPY's text format requires, so any text survives.
    public func row(_ values: [String?]) throws {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(9) }
            guard let value else { buffer.append(contentsOf: [92, 78]); continue }    // \N
            var text = value
            text.withUTF8 { append(escaping: $0) }
        }
        buffer.append(10)
        rowCount += 1
        if buffer.count >= Self.chunk { try flush() }
    }

    /// Appends `bytes` with COPY's escapes; the runs between bytes to escape are copied whole (most values have
    /// none: one copy, where a byte-by-byte append cost most of an import's client time).
    private func append(escaping bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<bytes.count {
            let escaped: UInt8
            switch bytes[index] {
            case 92: escaped = 92
            case 9: escaped = 116
            case 10: escaped = 110
            case 13: escaped = 114
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            buffer.append(92)
            buffer.append(escaped)
            start = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }

    /// Sends what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw connection.failure(nil) }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension PostgresConnection {
    /// Runs `sql` (a `COPY table (columns) FROM STDIN`) and streams the rows `write` produces; returns how many
    /// rows the server took. When `write` throws, the COPY is cancelled (the server keeps none of its rows)
    /// and the error is rethrown.
    @discardableResult
    public func copy(_ sql: String, _ write: (PostgresCopyWriter) throws -> Void) throws -> Int {
        try execute(sql)
        let writer = PostgresCopyWriter(self)
        var thrown: Error?
        do {
            try write(writer)
            try writer.flush()
        } catch {
            thrown = error
        }
        guard PQputCopyEnd(handle, thrown == nil ? nil : "cancelled by docket") == 1 else { throw failure(nil) }
        // The COPY's outcome, then the end of the results.
        var serverError: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK, serverError == nil { serverError = failure(result) }
            PQclear(result)
        }
        if let thrown { throw thrown }
        if let serverError { throw serverError }
        return writer.rowCount
    }
}
