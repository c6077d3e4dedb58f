/// The database role `docket reviewers add` gives a new user on PostgreSQL: a role that can log in, with a
/// password or without one (for certificate, peer or Kerberos logins that the server's pg_hba.conf sets up).
public struct PostgresLogin: Sendable {
    /// The password, sent to the server only as a SCRAM verifier; never printed or logged.
    public var password: String?

    /// A login role with `password` (nil: none).
    public init(password: String?) {
        self.password = password
    }
}
