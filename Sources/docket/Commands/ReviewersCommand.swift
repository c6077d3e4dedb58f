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
                    print("No registered users: this database is unmanaged. Add the first admin with 'docket reviewers add \(Identity.loginName) --role admin'.")
                    return
                }
                Output.table(["NAME", "ROLE", "QUEUES"], all.map { [$0.name, $0.role.rawValue, $0.queues.joined(separator: ",")] })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a user (admins only, except the first).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's login name.") var name: String
        @Option(name: .long, help: "reviewer, lead or admin.") var role: String = "reviewer"
        @Option(name: .long, parsing: .upToNextOption, help: "Queues to assign them to.") var queues: [String] = []

        func run() throws {
            try reportingErrors {
                guard let parsed = Role(rawValue: role) else { throw DocketError.input(InputError(field: "--role", "must be reviewer, lead or admin, not '\(role)'")) }
                let db = try store.open()
                try db.addReviewer(name, role: parsed, actor: Identity.loginName)
                for queue in queues { try db.assign(name, queue: queue, actor: Identity.loginName) }
                print("Added \(name) as \(parsed.rawValue)" + (queues.isEmpty ? "" : " (queues: \(queues.joined(separator: ", ")))"))
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
                try store.open().setRole(name, to: parsed, actor: Identity.loginName)
                print("\(name) is now \(parsed.rawValue)")
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign a reviewer to a queue (admins only).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user.") var name: String
        @Option(name: .long, help: "The queue.") var queue: String

        func run() throws {
            try reportingErrors {
                try store.open().assign(name, queue: queue, actor: Identity.loginName)
                print("\(name) is assigned to \(queue)")
            }
        }
    }

    struct Unassign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unassign", abstract: "Remove a reviewer from a queue (admins only).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user.") var name: String
        @Option(name: .long, help: "The queue.") var queue: String

        func run() throws {
            try reportingErrors {
                try store.open().assign(name, queue: queue, assigned: false, actor: Identity.loginName)
                print("\(name) is no longer assigned to \(queue)")
            }
        }
    }
}
