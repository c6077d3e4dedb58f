import Foundation

/// A reviewer as a shell loop of real commands: `docket next --json`, then `docket decide` with `LABEL`,
/// until `next` exits 3 (nothing left). The id of every decision whose `decide` exited 0 is appended to
/// `$LOG` only after that exit, so the log is the list of confirmed decisions. A refused decision
/// (status 4, e.g. a lease lost while the machine was slow) is noted in `$ERR` and the loop goes on; any
/// other failure ends the loop with that status. Environment: DOCKET, DB, QUEUE, R, LABEL, ERR, LOG.
let reviewerLoopScript = """
    while true; do
      out=$("$DOCKET" next --db "$DB" --queue "$QUEUE" --reviewer "$R" --json 2>>"$ERR"); s=$?
      [ $s -eq 3 ] && exit 0
      [ $s -ne 0 ] && exit $s
      id=$(printf '%s' "$out" | sed -n 's/^{"id":"\\([^"]*\\)".*/\\1/p')
      [ -z "$id" ] && { echo "no id in: $out" >>"$ERR"; exit 90; }
      "$DOCKET" decide "$id" --db "$DB" --queue "$QUEUE" --reviewer "$R" --label "$LABEL" >/dev/null 2>>"$ERR"; s=$?
      if [ $s -eq 0 ]; then echo "$id" >>"$LOG"; elif [ $s -ne 4 ]; then exit $s; fi
    done
    """

/// Starts ``reviewerLoopScript`` as reviewer `reviewer`, logging to `log-REVIEWER` and `err-REVIEWER` in `folder`.
func startReviewerLoop(db: String, queue: String, reviewer: String, label: String = "bad",
                       in folder: TemporaryFolder) throws -> RunningProcess {
    try RunningProcess(executable: "/bin/sh", ["-c", reviewerLoopScript], environment: [
        "DOCKET": DocketBinary.path, "DB": db, "QUEUE": queue, "R": reviewer, "LABEL": label,
        "ERR": folder.file("err-\(reviewer)"), "LOG": folder.file("log-\(reviewer)"),
    ])
}

/// The lines of a file in `folder` (empty when it does not exist).
func lines(of name: String, in folder: TemporaryFolder) -> [String] {
    let text = (try? String(contentsOfFile: folder.file(name), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
}
