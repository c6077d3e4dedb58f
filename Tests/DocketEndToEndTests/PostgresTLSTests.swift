import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Docs/team-server.md's TLS advice, on a server set up as it says: `ssl = on` with a certificate for localhost
/// and 127.0.0.1 signed by a throwaway authority, and pg_hba.conf accepting TCP only on `hostssl` lines. The real
/// binary works there with `sslmode=verify-full` and the authority as `sslrootcert`; a client that does not
/// encrypt, that trusts another authority, or that reaches the server by a name its certificate does not give, is
/// refused with exit 69 and libpq's reason.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresTLSTests {
    @Test("verify-full with the server's authority works; sslmode=disable, a wrong or missing root certificate, or a host name the certificate lacks exit 69 with libpq's reason")
    func verifyFullWorksAndOthersAreRefused() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let server = try PostgresTestServer.startPrivate(tls: true)
        let endpoint = try #require(server.tls)
        let folder = try TemporaryFolder("docket-pg-tls")
        // The guide's admin: a role with a password that may create roles, owning the team's database.
        let superuser = try PostgresConnection(server.adminURL)
        try superuser.execute("CREATE ROLE team_admin LOGIN PASSWORD 'admin-pw' CREATEDB CREATEROLE")
        try superuser.execute("CREATE DATABASE team OWNER team_admin")
        let password = ["PGPASSWORD": "admin-pw"]
        func url(_ settings: String) -> String { "postgresql://team_admin@127.0.0.1:\(endpoint.port)/team?\(settings)" }

        let verified = url("sslmode=verify-full&sslrootcert=\(endpoint.rootCertificate)")
        let queueFile = try folder.write("q.yml", queueYAML(id: "q"))
        let items = try folder.write("items.jsonl", #"{"id":"m-1","text":"WIN a free phone"}"# + "\n")
        for arguments in [["init"], ["queues", "add", queueFile], ["import", items, "--queue", "q"]] {
            let result = try docket(arguments + ["--db", verified], environment: password)
            #expect(result.status == 0, "\(arguments[0]): \(result.transcript)")
        }
        let queues = try docket(["queues", "--json", "--db", verified], environment: password)
        #expect(queues.status == 0 && queues.stdout.contains(#""id":"q""#), "\(queues.transcript)")
        let next = try docket(["next", "--queue", "q", "--reviewer", "ann", "--json", "--db", verified], environment: password)
        #expect(next.status == 0 && next.stdout.contains(#""id":"m-1""#), "\(next.transcript)")
        // The same settings from the environment, as the guide also offers (PGSSLMODE, PGSSLROOTCERT).
        let fromEnvironment = try docket(["queues", "--json", "--db", url("")], environment: password.merging(
            ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": endpoint.rootCertificate]) { $1 })
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.transcript)")

        // No TLS: the server has no line for it. Unavailable (69), with the server's reason.
        let plain = try docket(["queues", "--json", "--db", url("sslmode=disable")], environment: password)
        #expect(plain.status == 69, "\(plain.transcript)")
        #expect(plain.stderr.contains("cannot connect to PostgreSQL") && plain.stderr.contains("no pg_hba.conf entry")
                && plain.stderr.contains("no encryption"), "\(plain.stderr)")

        // Another authority's certificate as the root: the server's certificate does not verify.
        let otherRoot = try makeOtherAuthority(in: folder)
        let impostor = try docket(["queues", "--json", "--db", url("sslmode=verify-full&sslrootcert=\(otherRoot)")], environment: password)
        #expect(impostor.status == 69, "\(impostor.transcript)")
        #expect(impostor.stderr.contains("certificate verify failed"), "\(impostor.stderr)")
        #expect(!(plain.stderr + impostor.stderr).contains("admin-pw"))

        // verify-full without naming an authority: libpq looks for ~/.postgresql/root.crt, and there is none.
        let unnamed = try docket(["queues", "--json", "--db", url("sslmode=verify-full")], environment: password.merging(["HOME": folder.path]) { $1 })
        #expect(unnamed.status == 69, "\(unnamed.transcript)")
        #expect(unnamed.stderr.contains(#"root certificate file "\#(folder.path)/.postgresql/root.crt" does not exist"#), "\(unnamed.stderr)")

        // The right authority, but a host name the certificate does not give (localhost, 127.0.0.1): verify-full
        // refuses it; `require` only encrypts and connects anyway, which is why the guide asks for verify-full.
        let elsewhere = "postgresql://team_admin@db.invalid:\(endpoint.port)/team?hostaddr=127.0.0.1"
        let misnamed = try docket(["queues", "--json", "--db", elsewhere + "&sslmode=verify-full&sslrootcert=\(endpoint.rootCertificate)"],
                                  environment: password)
        #expect(misnamed.status == 69, "\(misnamed.transcript)")
        #expect(misnamed.stderr.contains(#"does not match host name "db.invalid""#), "\(misnamed.stderr)")
        let encryptedOnly = try docket(["queues", "--json", "--db", elsewhere + "&sslmode=require"], environment: password)
        #expect(encryptedOnly.status == 0, "\(encryptedOnly.transcript)")

        // Only the verified connections did anything: one item, claimed once, by the reviewer who asked.
        let team = try PostgresConnection(server.url(database: "team"))
        #expect(try team.execute("SELECT count(*) FROM items").int64(0, 0) == 1)
        #expect(try team.execute("SELECT reviewer FROM leases").column() == ["ann"])
    }

    /// A self-signed authority of the test's own, which never signed the server's certificate.
    private func makeOtherAuthority(in folder: TemporaryFolder) throws -> String {
        let certificate = folder.file("other-ca.crt")
        let made = SpawnedProgram.run("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                                       "-subj", "/CN=Another CA", "-keyout", folder.file("other-ca.key"), "-out", certificate])
        try #require(made.status == 0, "openssl: \(made.stderr)")
        return certificate
    }
}
