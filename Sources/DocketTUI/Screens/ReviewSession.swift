import DocketCore
import DocketStore

/// The review screen's controller: turns key presses into store calls (claim, decide, undo, release) and
/// changes the ``ReviewState`` that ``ReviewScreen`` draws. No terminal here, so the benchmark and tests drive it.
public final class ReviewSession {
    public let store: ReviewStore
    public private(set) var state: ReviewState
    public let bindings: KeyBindings
    /// False once the reviewer quit.
    public private(set) var isRunning = true
    /// The terminal size, for paging and relayout; set by the terminal loop.
    public var width = 100
    public var height = 30
    private var lastLeaseRenewal: Double
    private var lastCountRefresh: Double
    private var lastKeyAt: Double
    private var totalItems = 0
    /// Decisions committed since the store's idle maintenance last ran (SQLite: a WAL checkpoint), which runs
    /// on an idle tick (see ``tick(now:)``).
    private var uncheckpointed = 0

    /// A session for `reviewer` on `queue`; call ``start(now:)`` to show the first item.
    public init(store: ReviewStore, queue: String, reviewer: String, now: Double) throws {
        self.store = store
        let definition = try store.queue(queue)
        state = ReviewState(queue: definition, reviewer: reviewer, now: now)
        bindings = .review(revealKey: definition.wellbeing.revealKey)
        lastLeaseRenewal = now
        lastCountRefresh = now
        lastKeyAt = now
    }

    /// Loads the queue's counts and claims the first item (or the one this reviewer already holds: resume).
    public func start(now: Double) throws {
        try store.beginInteractiveSession()
        try refreshCounts(now: now)
        try showNext(now: now)
        if state.item != nil {
            let decided = state.position > 1 ? "items before this one are decided; " : ""
            state.message = .init("Item \(state.position) of \(totalItems): \(decided)? lists every key.")
        }
    }

    /// The screen model at the current size.
    public func render() -> CellGrid {
        ReviewScreen.render(state, width: width, height: height, bindings: bindings)
    }

    /// Called about once a second without a key: updates the clocks, keeps the lease alive, refreshes the counts.
    public func tick(now: Double) {
        state.now = now
        // Ten idle minutes count as a break.
        if now - lastKeyAt >= 600 { state.lastBreakAt = now }
        if let item = state.item, now - lastLeaseRenewal >= Double(state.queue.leaseSeconds) / 3 {
            lastLeaseRenewal = now
            if (try? store.renewLease(queue: state.queue.id, externalID: item.externalID, reviewer: state.reviewer, now: now)) == false {
                state.message = .init("Lease lost: this item was held too long and may go to someone else.", .error)
            }
        }
        if now - lastCountRefresh >= 30 { try? refreshCounts(now: now) }
        // Housekeeping (SQLite: copy the WAL into the database) while the reviewer reads, not when they press a key.
        if uncheckpointed > 0, (try? store.runIdleMaintenance()) != nil { uncheckpointed = 0 }
    }

    /// Handles one key press at time `now`.
    public func handle(_ key: Key, now: Double) {
        state.now = now
        lastKeyAt = now
        if key == .resize { return }
        if state.prompt != nil { return handlePrompt(key, now: now) }
        if case .none = state.overlay {} else { return handleOverlay(key) }
        if case .character(let c) = key, state.item != nil, handleTaxonomyKey(String(c), now: now) { return }
        guard let action = bindings.action(for: key) else {
            state.message = .init("Key \(key.name) does nothing here: ? lists every key.", .warning)
            return
        }
        perform(action, now: now)
    }

    private func perform(_ action: ReviewAction, now: Double) {
        switch action {
        case .quit: quit()
        case .help: state.overlay = .help(top: 0)
        case .guidelines: state.overlay = .guidelines(top: .init())
        case .nextPane, .previousPane:
            state.focus = state.focus.cycled(forward: action == .nextPane)
        case .scrollUp: scroll(-1)
        case .scrollDown: scroll(1)
        case .pageUp: scroll(-pageSize)
        case .pageDown: scroll(pageSize)
        case .top: scroll(-Int.max / 2)
        case .bottom: scroll(Int.max / 2)
        case .reveal:
            if state.queue.wellbeing.maskUntilReveal, state.item != nil { state.revealed = true }
        case .cancel:
            if state.breakDue { state.lastBreakAt = now; state.message = .init("Break reminder dismissed.") }
            else { state.choice = .init(); state.message = .init("Choice cleared.") }
        case .skip, .escalate, .note:
            guard state.item != nil else { return }
            let purpose: ReviewState.Prompt.Purpose = action == .skip ? .skip : action == .escalate ? .escalate : .note
            state.prompt = .init(purpose: purpose, text: purpose == .note ? state.choice.note ?? "" : "")
        case .undo: undo(now: now)
        case .confirm: confirm(now: now)
        }
    }

    /// Label, tag and severity keys. Returns false when `key` is none of them.
    private func handleTaxonomyKey(_ key: String, now: Double) -> Bool {
        let queue = state.queue
        if let label = queue.labels.first(where: { $0.key == key }) {
            state.choice.label = label.id
            if state.labelDecidesAtOnce { commit(.label, reason: nil, now: now) }
            else { state.message = .init("Label \(label.id) chosen: add tags or severity, Enter confirms.") }
            return true
        }
        if let tag = queue.tags.first(where: { $0.key == key }) {
            if state.choice.tags.remove(tag.id) == nil { state.choice.tags.insert(tag.id) }
            return true
        }
        if let level = queue.severity.first(where: { $0.key == key }) {
            state.choice.severity = state.choice.severity == level.id ? nil : level.id
            return true
        }
        return false
    }

    private func confirm(now: Double) {
        guard state.item != nil else { return }
        guard state.choice.label != nil else {
            state.message = .init("Choose a label first (" + state.queue.labels.map(\.key).joined(separator: "/") + ").", .warning)
            return
        }
        commit(.label, reason: nil, now: now)
    }

    private func handlePrompt(_ key: Key, now: Double) {
        guard var prompt = state.prompt else { return }
        switch key {
        case .escape: state.prompt = nil; state.message = .init("Cancelled.")
        case .backspace: if !prompt.text.isEmpty { prompt.text.removeLast() }; state.prompt = prompt
        case .enter:
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            state.prompt = nil
            switch prompt.purpose {
            case .note:
                state.choice.note = text.isEmpty ? nil : text
                state.message = .init(text.isEmpty ? "Note removed." : "Note kept: it is saved with your decision.")
            case .skip, .escalate:
                guard !text.isEmpty else { state.message = .init("A reason is needed: nothing was recorded.", .warning); return }
                commit(prompt.purpose == .skip ? .skip : .escalate, reason: text, now: now)
            }
        case .character(let c):
            if prompt.text.unicodeScalars.count < 2000 { prompt.text.append(c) }
            state.prompt = prompt
        default: break
        }
    }

    private func handleOverlay(_ key: Key) {
        let action = bindings.action(for: key)
        switch (state.overlay, action) {
        case (_, .cancel?), (_, .quit?), (.help, .help?), (.guidelines, .guidelines?):
            state.overlay = .none
        case (_, let action?) where [.scrollUp, .scrollDown, .pageUp, .pageDown, .top, .bottom].contains(action):
            let amount: Int
            switch action {
            case .scrollUp: amount = -1
            case .scrollDown: amount = 1
            case .pageUp: amount = -pageSize
            case .pageDown: amount = pageSize
            case .top: amount = -Int.max / 2
            default: amount = Int.max / 2
            }
            scroll(amount)
        default:
            state.message = .init("Esc closes this view.", .warning)
        }
    }

    /// Rows in the scrolled pane's page.
    private var pageSize: Int { max(1, (ReviewScreen.contentArea(state, width: width, height: height)?.height ?? 2) - 1) }

    private func scroll(_ amount: Int) {
        let clamped = max(-1_000_000, min(1_000_000, amount))
        if state.overlay != .none {
            state.overlay = state.overlay.scrolled(by: clamped, helpLineCount: HelpOverlay.lines(state.queue, bindings: bindings).count,
                                                   guidelines: state.guidelines, area: ReviewScreen.contentArea(state, width: width, height: height)) ?? .none
            return
        }
        switch state.focus {
        case .content:
            guard let document = state.document, !state.isMasked,
                  let area = ReviewScreen.contentArea(state, width: width, height: height) else { return }
            let textWidth = area.width - ReviewScreen.contentGutter
            var next = document.move(state.contentTop, by: clamped, width: textWidth)
            let last = document.lastTop(height: area.height, width: textWidth)
            if ContentDocument.isAfter(next, last) { next = ContentDocument.isAfter(state.contentTop, last) ? state.contentTop : last }
            state.contentTop = next
        case .metadata:
            let count = state.item?.meta.objectValue?.count ?? 0
            state.metadataTop = max(0, min(max(0, count - 1), state.metadataTop + clamped))
        case .model:
            let width = ReviewScreen.layout(state, width: self.width, height: height)?.model.width ?? 40
            let count = ModelPane.lines(state.item, width: width, revealed: !state.isMasked).count
            state.modelTop = max(0, min(max(0, count - 1), state.modelTop + clamped))
        }
    }

    /// Records the decision; only then is the next item claimed and shown. A lost lease is reported, never retried.
    private func commit(_ kind: DecisionKind, reason: String?, now: Double) {
        guard let item = state.item else { return }
        let choice = state.choice
        if kind == .label {
            do throws(DocketError) {
                try state.queue.validate(label: choice.label ?? "", tags: Array(choice.tags), severity: choice.severity)
            } catch {
                state.message = .init(error.description, .warning)
                return
            }
        }
        let request = DecisionRequest(queue: state.queue.id, item: .external(item.externalID), reviewer: state.reviewer, kind: kind,
                                      label: kind == .label ? choice.label : nil, tags: choice.tags.sorted(),
                                      severity: kind == .label ? choice.severity : nil, note: choice.note, reason: reason,
                                      seconds: max(0, now - state.itemShownAt), origin: "review")
        var message: ReviewState.Message
        do {
            try store.decide(request, now: now)
            uncheckpointed += 1
            state.sessionCount += 1
            state.remaining = max(0, state.remaining - (kind == .label ? 1 : 0))
            state.position += 1
            let what = kind == .label ? "label \(choice.label!)" : kind.rawValue
            message = .init("Saved: \(what) for \(ContentSanitiser.sanitiseLine(item.externalID)).")
        } catch let error as DocketError {
            if case .conflict(let text) = error {
                // The item is someone else's now (lease lost) or already complete: report it and move on.
                message = .init("Not recorded: \(text)", .error)
            } else {
                state.message = .init("Not recorded: \(error.description)", .error)
                return
            }
        } catch {
            state.message = .init("Not recorded: \(DocketError(error).description)", .error)
            return
        }
        do { try showNext(now: now) } catch { message = .init("Saved, but the next item could not be claimed: \(DocketError(error).description)", .error) }
        state.message = message
    }

    private func undo(now: Double) {
        do {
            guard let item = try store.undoLast(queue: state.queue.id, reviewer: state.reviewer, origin: "review", now: now) else {
                state.message = .init("Nothing to undo.", .warning)
                return
            }
            uncheckpointed += 1
            state.show(item, at: now)
            state.sessionCount = max(0, state.sessionCount - 1)
            state.position = max(1, state.position - 1)
            try? refreshCounts(now: now)
            lastLeaseRenewal = now
            state.message = .init("Undone: \(ContentSanitiser.sanitiseLine(item.externalID)) is back; decide it again.")
        } catch {
            state.message = .init("Undo failed: \(DocketError(error).description)", .error)
        }
    }

    private func showNext(now: Double) throws {
        let item = try store.claimNext(queue: state.queue.id, reviewer: state.reviewer, now: now)
        state.show(item, at: now)
        lastLeaseRenewal = now
        if item == nil { state.remaining = 0 }
    }

    private func refreshCounts(now: Double) throws {
        lastCountRefresh = now
        if let summary = try store.queueSummaries(only: state.queue.id, now: now).first {
            totalItems = summary.items - summary.gold
            state.remaining = summary.items - summary.gold - summary.complete - summary.escalated
            state.position = max(1, totalItems - state.remaining + 1)
        }
    }

    /// Ends the session: the lease on the current item is given back so others can take it.
    public func quit() {
        isRunning = false
        try? store.release(queue: state.queue.id, reviewer: state.reviewer)
    }
}
