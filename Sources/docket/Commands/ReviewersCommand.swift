import ArgumentParser
import DocketCore
import DocketStore

/// `docket reviewers`: who may do what.
struct ReviewersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviewers",
        abstract: "Register users, set their roles (reviewer, lead, admin) and queue assignments.",
        discussion: """
            A database with no registered users is unmanaged: anyone who can write the file can do \
            anything. The first user added must be an admin; from then on roles are enforced for the \
            login name. See Docs/roles.md.
            """,
        subcommands: [List.self, Add.self, SetRole.self, Assign.self, Unassign.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered users.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.open()
                let all = try db.reviewers()
                if output.json {
                    Output.json(.array(all.map { .object([("name", .string($0.name)), ("role", .string($0.role.rawValue)),
                                                          ("queues", .array($0.queues.map { .string($0) }))]) }))
                    return
                }
                if all.isEmpty {
                    print("No registered users: this database is unmanaged. Add the first admin with 'docket reviewers add \(try Access.actor(db)) --role admin'.")
                    return
                }
                Output.table(["NAME", "ROLE", "QUEUES"], all.map { [$0.name, $0.role.rawValue, $0.queues.joined(separator: ",")] })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Register a user (admins only, except the first).",
            discussion: """
                On PostgreSQL this also creates the user's database role (LOGIN) unless the server has one of that \
                name, and makes it a member of docket_reviewer, docket_lead or docket_admin, which grant exactly what \
                the role may do. Give it a password with --password-stdin or --prompt-password; it is sent to the \
                server only as a SCRAM verifier and never printed. See Docs/roles.md.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's login name (on PostgreSQL, their database role).") var name: String
        @Option(name: .long, help: "reviewer, lead or admin.") var role: String = "reviewer"
        @Option(name: .long, parsing: .upToNextOption, help: "Queues to assign them to.") var queues: [String] = []
        @Flag(name: .long, help: "PostgreSQL: read the new role's password from the first line of standard input.")
        var passwordStdin = false
        @Flag(name: .long, help: "PostgreSQL: ask for the new role's password on the terminal (not echoed, asked twice).")
        var promptPassword = false

        func validate() throws {
            if passwordStdin && promptPassword { throw ValidationError("give --password-stdin or --prompt-password, not both") }
        }

        func run() throws {
            try reportingErrors {
                guard let parsed = Role(rawValue: role) else { throw DocketError.input(InputError(field: "--role", "must be reviewer, lead or admin, not '\(role)'")) }
                let db = try store.open()
                let actor = try Access.actor(db)
                if let server = db as? PostgresReviewStore {
                    let password = passwordStdin ? try NewPassword.fromStandardInput() : promptPassword ? try NewPassword.fromTerminal(for: name) : nil
                    try server.addReviewer(name, role: parsed, actor: actor, login: PostgresLogin(password: password))
                } else {
                    if passwordStdin || promptPassword {
                        throw ValidationError("--password-stdin and --prompt-password are for PostgreSQL roles; a SQLite database has no logins (Docs/roles.md)")
                    }
                    try db.addReviewer(name, role: parsed, actor: actor)
                }
                for queue in queues { try db.assign(name, queue: queue, actor: actor) }
                let login = db is PostgresReviewStore ? ", database role '\(name)' in docket_\(parsed.rawValue)" : ""
                print("Added \(name) as \(parsed.rawValue)\(login)" + (queues.isEmpty ? "" : " (queues: \(queues.joined(separator: ", ")))"))
            }
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change a user's role (admins only).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user.") var name: String
        @Argument(help: "reviewer, lead or admin.") var role: String

        func run() throws {
            try reportingErrors {
                guard let parsed = Role(rawValue: role) else { throw DocketError.input(InputError(field: "role", "must be reviewer, lead or admin, not '\(role)'")) }
                let db = try store.open()
                try db.setRole(name, to: parsed, actor: try Access.actor(db))
                print("\(name) is now \(parsed.rawValue)")
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign a reviewer to a queue (admins only).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user.") var name: String
        @OptionGroup var queueOption: QueueOption
        var queue: String { queueOption.queue }

        func run() throws {
            try reportingErrors {
                let db = try store.open()
                try db.assign(name, queue: queue, actor: try Access.actor(db))
                print("\(name) is assigned to \(queue)")
            }
        }
    }

    struct Unassign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unassign", abstract: "Remove a reviewer from a queue (admins only).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user.") var name: String
        @OptionGroup var queueOption: QueueOption
        var queue: String { queueOption.queue }

        func run() throws {
            try reportingErrors {
                let db = try store.open()
                try db.assign(name, queue: queue, assigned: false, actor: try Access.actor(db))
                print("\(name) is no longer assigned to \(queue)")
            }
        }
    }
}
