import ArgumentParser

/// The `docket` command: review and label content for Trust & Safety machine learning.
@main
struct Docket: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "Review and label content for Trust & Safety machine learning.",
        discussion: """
            Reviewers label queues (`docket review`), ML engineers export datasets (`docket export`), \
            leads audit quality (`docket report`, `docket adjudicate`).

            The database is --db PATH (a SQLite file) or --db URL (postgresql://... or postgres://..., a \
            PostgreSQL database), else $DOCKET_DB, else ./docket.sqlite. Passwords in URLs are never printed.

            Exit codes: 0 success; 1 error; 3 nothing left to claim; 4 conflict (already decided, \
            lease lost); 64 bad arguments; 65 bad input data; 66 a file or queue not found; \
            77 permission denied. See Docs/cli.md.
            """,
        version: DocketVersion.current,
        subcommands: [
            InitCommand.self, QueuesCommand.self, ImportCommand.self, StatusCommand.self,
            NextCommand.self, DecideCommand.self, UndoCommand.self, ReleaseCommand.self, DemoCommand.self,
            ReviewCommand.self, AdjudicateCommand.self, ReportCommand.self, ExportCommand.self,
            ReviewersCommand.self, AuditCommand.self, CopyCommand.self,
            SoakCommand.self,
        ]
    )
}
