import DocketCore
import DocketStore

/// The review screen's history (`h`), search (`/`) and amendments: a decision opened from the history is
/// replaced by a new one that supersedes it (as `docket decide --correct` does), leaving every later decision
/// alone, unlike undo.
extension ReviewSession {
    /// How many of your latest decisions the history lists.
    public static let historyLength = 50

    /// Opens the history with your latest decisions, or those matching `search`.
    func openHistory(search: String?) {
        do {
            state.history = try store.recentDecisions(queue: state.queue.id, reviewer: state.reviewer, matching: search, limit: Self.historyLength)
        } catch {
            state.message = .init("Could not read your decisions: \(DocketError(error).description)", .error)
            return
        }
        state.historySearch = search
        guard !state.history.isEmpty else {
            state.message = .init(search.map { "None of your decisions matches '\(ContentSanitiser.sanitiseLine($0))'." } ?? "You have no decisions in this queue yet.", .warning)
            return
        }
        state.overlay = .history(selected: 0)
    }

    /// Keys in the history: move the selection, open the selected decision to amend it, search, close.
    func handleHistory(_ action: ReviewAction?, selected: Int) {
        let last = max(0, state.history.count - 1)
        switch action {
        case .scrollDown?: state.overlay = .history(selected: min(last, selected + 1))
        case .scrollUp?: state.overlay = .history(selected: max(0, selected - 1))
        case .pageDown?: state.overlay = .history(selected: min(last, selected + 10))
        case .pageUp?: state.overlay = .history(selected: max(0, selected - 10))
        case .top?: state.overlay = .history(selected: 0)
        case .bottom?: state.overlay = .history(selected: last)
        case .confirm?: if state.history.indices.contains(selected) { openAmendment(state.history[selected]) }
        case .find?: state.overlay = .none; state.prompt = .init(purpose: .find)
        case .cancel?, .quit?, .history?: state.overlay = .none
        default: state.message = .init("\(bindings.keyNames(.confirm)) amends the selected decision, \(bindings.keyNames(.cancel)) closes.", .warning)
        }
    }

    /// Shows the item of `decision` to be decided again; the item that was on screen waits, still yours.
    func openAmendment(_ decision: Decision) {
        let item: Item
        do { item = try store.item(queue: state.queue.id, externalID: decision.externalID) } catch {
            state.message = .init("Could not load \(ContentSanitiser.sanitiseLine(decision.externalID)): \(DocketError(error).description)", .error)
            return
        }
        if state.amending == nil { state.heldItem = state.item }
        let now = state.now
        state.overlay = .none
        state.show(item, at: now)
        state.amending = decision
        state.message = .init("Amending \(ContentSanitiser.sanitiseLine(decision.externalID)) (was \(Self.describe(decision))): a label key records the new decision, \(bindings.keyNames(.cancel)) cancels.")
    }

    /// Stores `request` as the reviewer's new decision on the amended item, superseding `amended`, then goes
    /// back to the item that was on screen.
    func recordAmendment(_ request: DecisionRequest, replacing amended: Decision, now: Double) {
        do {
            let stored = try store.decide(request, now: now)
            uncheckpointed += 1
            returnToHeldItem(now: now)
            state.message = .init("Amended: \(ContentSanitiser.sanitiseLine(amended.externalID)) is now \(Self.describe(stored)) (was \(Self.describe(amended))).")
        } catch {
            state.message = .init("Not recorded: \(DocketError(error).description)", .error)
        }
    }

    /// Leaves the amendment without storing anything.
    func cancelAmendment(now: Double) {
        returnToHeldItem(now: now)
        state.message = .init("Amendment cancelled: nothing was changed.")
    }

    private func returnToHeldItem(now: Double) {
        let held = state.heldItem
        state.amending = nil
        state.heldItem = nil
        state.show(held, at: now)
    }

    /// `/`: an item id of yours opens it to amend; other text searches your decisions (ids and labels).
    func find(_ text: String, now: Double) {
        guard !text.isEmpty else { return }
        let found: [Decision]
        do { found = try store.recentDecisions(queue: state.queue.id, reviewer: state.reviewer, matching: text, limit: Self.historyLength) } catch {
            state.message = .init("Could not search your decisions: \(DocketError(error).description)", .error)
            return
        }
        if let exact = found.first(where: { $0.externalID == text }) { return openAmendment(exact) }
        if !found.isEmpty { return openHistory(search: text) }
        let shown = ContentSanitiser.sanitiseLine(text)
        if (try? store.item(queue: state.queue.id, externalID: text)) != nil {
            state.message = .init("Item \(shown) is not among your decisions: items come to you in the queue's order.", .warning)
        } else {
            state.message = .init("No item '\(shown)' in this queue, and none of your decisions matches it.", .warning)
        }
    }

    /// `label hate [race] (high)`, `skip`, `escalate`.
    static func describe(_ decision: Decision) -> String {
        guard decision.kind == .label else { return decision.kind.rawValue }
        var text = "label " + (decision.label ?? "?")
        if !decision.tags.isEmpty { text += " [" + decision.tags.joined(separator: ", ") + "]" }
        if let severity = decision.severity { text += " (" + severity + ")" }
        return text
    }
}
