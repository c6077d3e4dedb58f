import Foundation

/// A reviewer as a shell loop of real commands: `docket next --json`, then `docket decide` with `LABEL`,
/// until `next` exits 3 (nothing left). The id of every decision whose `decide` exited 0 is appended to
/// `$LOG` only after that exit, so the log is the list of confirmed decisions. A refused decision
/// (status 4, e.g. a lease lost while the machine was slow) is noted in `$ERR` and the loop goes on; a status
/// listed in `$RETRY` (69 in the server-restart tests) is noted as `status S from next|decide`, and the loop
/// waits 0.2 s and goes on (at most 100 times); any other failure ends the loop with that status.
/// Environment: DOCKET, DB, QUEUE, R, LABEL, ERR, LOG, RETRY.
let reviewerLoopScript = """
    retried=0
    retry() {
      case " $RETRY " in *" $1 "*) ;; *) exit $1 ;; esac
      echo "status $1 from $2" >>"$ERR"; retried=$((retried + 1)); [ $retried -le 100 ] || exit $1; sleep 0.2
    }
    while true; do
      out=$("$DOCKET" next --db "$DB" --queue "$QUEUE" --reviewer "$R" --json 2>>"$ERR"); s=$?
      [ $s -eq 3 ] && exit 0
      [ $s -ne 0 ] && { retry $s next; continue; }
      id=$(printf '%s' "$out" | sed -n 's/^{"id":"\\([^"]*\\)".*/\\1/p')
      [ -z "$id" ] && { echo "no id in: $out" >>"$ERR"; exit 90; }
      "$DOCKET" decide "$id" --db "$DB" --queue "$QUEUE" --reviewer "$R" --label "$LABEL" >/dev/null 2>>"$ERR"; s=$?
      if [ $s -eq 0 ]; then echo "$id" >>"$LOG"; elif [ $s -ne 4 ]; then retry $s decide; fi
    done
    """

/// Starts ``reviewerLoopScript`` as reviewer `reviewer`, logging to `log-REVIEWER` and `err-REVIEWER` in `folder`;
/// `retrying` lists the exit statuses after which the loop waits a moment and goes on.
func startReviewerLoop(db: String, queue: String, reviewer: String, label: String = "bad",
                       retrying: [Int32] = [], in folder: TemporaryFolder) throws -> RunningProcess {
    try RunningProcess(executable: "/bin/sh", ["-c", reviewerLoopScript], environment: [
        "DOCKET": DocketBinary.path, "DB": db, "QUEUE": queue, "R": reviewer, "LABEL": label,
        "ERR": folder.file("err-\(reviewer)"), "LOG": folder.file("log-\(reviewer)"),
        "RETRY": retrying.map(String.init).joined(separator: " "),
    ])
}

/// The lines of a file in `folder` (empty when it does not exist).
func lines(of name: String, in folder: TemporaryFolder) -> [String] {
    let text = (try? String(contentsOfFile: folder.file(name), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
}
