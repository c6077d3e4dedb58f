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

    /// `/`: an item id opens that item: to decide when the store can lease it to you (``ReviewStore/claimItem(queue:externalID:reviewer:now:)``),
    /// to amend when you decided it; otherwise the status line says why not. Other text searches your decisions
    /// (ids and labels).
    func find(_ text: String, now: Double) {
        guard !text.isEmpty else { return }
        let shown = ContentSanitiser.sanitiseLine(text)
        if state.item?.externalID == text, state.amending == nil {
            return state.message = .init("\(shown) is the item on screen.")
        }
        do {
            switch try store.claimItem(queue: state.queue.id, externalID: text, reviewer: state.reviewer, now: now) {
            case .claimed(let item): return openClaimed(item, now: now)
            case .decidedByYou(let decision): return openAmendment(decision)
            case .complete:
                return state.message = .init("Item \(shown) needs no more decisions (overlap met, adjudicated or escalated).", .warning)
            case .heldByOthers(let holders):
                return state.message = .init("Item \(shown) is held by \(holders) other reviewer\(holders == 1 ? "" : "s"): its overlap is full until a lease runs out.", .warning)
            }
        } catch DocketError.notFound {
            // Not an item id: search your decisions.
        } catch {
            return state.message = .init("Could not open \(shown): \(DocketError(error).description)", .error)
        }
        let found: [Decision]
        do { found = try store.recentDecisions(queue: state.queue.id, reviewer: state.reviewer, matching: text, limit: Self.historyLength) } catch {
            state.message = .init("Could not search your decisions: \(DocketError(error).description)", .error)
            return
        }
        if !found.isEmpty { return openHistory(search: text) }
        state.message = .init("No item '\(shown)' in this queue, and none of your decisions matches it.", .warning)
    }

    /// Shows `item`, just leased to you by id, to decide; the item that was on screen stays leased to you and
    /// comes back after it (the store hands back your oldest lease first).
    private func openClaimed(_ item: Item, now: Double) {
        if state.amending != nil { returnToHeldItem(now: now) }
        if let current = state.item, state.setAside == nil { state.setAside = current }
        state.overlay = .none
        state.show(item, at: now)
        let back = state.setAside.map { ": \(ContentSanitiser.sanitiseLine($0.externalID)) waits, still yours" } ?? ""
        state.message = .init("Opened \(ContentSanitiser.sanitiseLine(item.externalID)) by id\(back).")
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
