import CLibPQ

extension PostgresConnection {
    /// The SCRAM-SHA-256 verifier of `password` for the role `user`, computed here by libpq, so that the
    /// password itself never travels to the server or lands in its logs (`CREATE ROLE ... PASSWORD 'SCRAM-SHA-256$...'`).
    func scramVerifier(password: String, user: String) throws -> String {
        guard let encrypted = PQencryptPasswordConn(handle, password, user, "scram-sha-256") else {
            throw PostgresError(.other, "could not prepare the password for '\(user)': \(lastErrorMessage())")
        }
        defer { PQfreemem(encrypted) }
        return String(cString: encrypted)
    }
}
