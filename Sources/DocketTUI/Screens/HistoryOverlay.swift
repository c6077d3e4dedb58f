import DocketCore
import Foundation

/// The history overlay (`h`): your latest decisions in this queue, newest first, one selected to amend.
public enum HistoryOverlay {
    /// One line per decision: time, item id, what was decided; the `selected` one in the selected role.
    public static func lines(_ history: [Decision], selected: Int, width: Int) -> [StyledLine] {
        let idWidth = min(max(8, width / 3), history.map { DisplayWidth.of($0.externalID) }.max() ?? 8)
        return history.enumerated().map { index, decision in
            let role: StyleRole = index == selected ? .selected : .text
            return StyledLine([((index == selected ? "▶ " : "  ") + time(decision.decidedAt) + "  ", index == selected ? .selected : .dim),
                               (DisplayWidth.pad(decision.externalID, to: idWidth) + "  ", role),
                               (ReviewSession.describe(decision) + (decision.note.map { "  · note: " + $0 } ?? ""), role)])
        }
    }

    /// `14:05` in the reviewer's local time (the day too when it was not today).
    static func time(_ seconds: Double) -> String {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.dateFormat = Calendar.current.isDateInToday(date) ? "HH:mm" : "MMM d HH:mm"
        return formatter.string(from: date)
    }
}
