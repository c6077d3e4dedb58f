import DocketCore
import DocketStore

/// The review screen's controller: turns key presses into store calls (claim, decide, undo, release) and
/// changes the ``ReviewState`` that ``ReviewScreen`` draws. No terminal here, so the benchmark and tests drive it.
public final class ReviewSession: ScreenSession {
    public let store: ReviewStore
    public internal(set) var state: ReviewState
    public let bindings: KeyBindings
    /// False once the reviewer quit.
    public private(set) var isRunning = true
    /// The terminal size, for paging and relayout; set by the terminal loop.
    public var width = 100
    public var height = 30
    private var lastLeaseRenewal: Double
    private var lastCountRefresh: Double
    /// Whether a decision or undo changed the counts since they were last read from the store.
    private var countsStale = false
    /// When the empty queue was last asked for new work.
    private var lastPoll: Double
    private var lastKeyAt: Double
    /// Decisions committed since the store's idle maintenance last ran (SQLite: a WAL checkpoint), which runs
    /// on an idle tick (see ``tick(now:)``).
    var uncheckpointed = 0
    /// Whether the database server was last found unreachable (ReviewSession+Connection.swift).
    var connectionLost = false
    /// A decision whose commit the lost connection cut off, to be looked up once the server answers.
    var unconfirmed: UnconfirmedDecision?

    /// A session for `reviewer` on `queue` with the keys of `keymap` (the user's keymap file); call
    /// ``start(now:)`` to show the first item.
    public init(store: ReviewStore, queue: String, reviewer: String, now: Double, keymap: KeymapFile = KeymapFile()) throws {
        self.store = store
        let definition = try store.queue(queue)
        state = ReviewState(queue: definition, reviewer: reviewer, now: now)
        bindings = try keymap.review(revealKey: definition.wellbeing.revealKey)
        lastLeaseRenewal = now
        lastCountRefresh = now
        lastPoll = now
        lastKeyAt = now
    }

    /// How images are shown (`--no-images`, `--graphics`); set before ``start(now:)``.
    public var imageOptions: ImageOptions {
        get { state.images.options }
        set { state.images.options = newValue }
    }
    /// Seconds between looks for new work while the screen says nothing is left.
    public static let pollSeconds: Double = 3
    /// Seconds between reads of the header's numbers while the reviewer reads (sooner after a decision).
    public static let countSeconds: Double = 5

    /// Loads the queue's counts and claims the first item (or the one this reviewer already holds: resume).
    public func start(now: Double) throws {
        try store.beginInteractiveSession()
        try refreshCounts(now: now)
        try showNext(now: now)
        if state.item != nil { state.message = .init("? lists every key.") }
    }

    /// Whether a prompt is open (every key is text then).
    public var isTyping: Bool { state.prompt != nil }

    /// Whether `key` is one of the quit keys.
    public func isQuitKey(_ key: Key) -> Bool { bindings.isKey(key, of: .quit) }

    /// The screen model at the current size.
    public func render() -> CellGrid {
        ReviewScreen.render(state, width: width, height: height, bindings: bindings)
    }

    /// Called about once a second without a key: updates the clocks, keeps the lease alive, refreshes the counts.
    public func tick(now: Double) {
        state.now = now
        // Ten idle minutes count as a break.
        if now - lastKeyAt >= 600 { state.lastBreakAt = now }
        // While an earlier decision is amended, the lease to keep is the item waiting behind it; an item set
        // aside for one opened by id keeps its lease too.
        let leased = [state.heldItem ?? (state.amending == nil ? state.item : nil), state.setAside].compactMap { $0 }
        if !leased.isEmpty, now - lastLeaseRenewal >= Double(state.queue.leaseSeconds) / 3 {
            lastLeaseRenewal = now
            for item in leased where (try? store.renewLease(queue: state.queue.id, externalID: item.externalID, reviewer: state.reviewer, now: now)) == false {
                state.message = .init("Lease lost on \(ContentSanitiser.sanitiseLine(item.externalID)): it was held too long and may go to someone else.", .error)
            }
        }
        if state.item == nil, now - lastPoll >= Self.pollSeconds { checkForWork(now: now, byKey: false) }
        // The counts are read again soon after a decision, and regularly for what other reviewers do; never
        // on the key press itself, which stays as fast as a claim.
        if now - lastCountRefresh >= (countsStale || connectionLost ? 1 : Self.countSeconds) {
            do { try refreshCounts(now: now); noteConnection(failure: nil, now: now) } catch { noteConnection(failure: error, now: now) }
        }
        // Housekeeping (SQLite: copy the WAL into the database) while the reviewer reads, not when they press a key.
        if uncheckpointed > 0, (try? store.runIdleMaintenance()) != nil { uncheckpointed = 0 }
    }

    /// Handles one key press at time `now`.
    public func handle(_ key: Key, now: Double) {
        state.now = now
        lastKeyAt = now
        if key == .resize { return }
        if state.prompt != nil { return handlePrompt(key, now: now) }
        if guidelinesBeside {
            // Guidelines beside the item: scrolling and closing go to them, every other key to the item.
            if let action = bindings.action(for: key),
               [.scrollUp, .scrollDown, .pageUp, .pageDown, .top, .bottom, .cancel, .guidelines, .quit].contains(action) {
                return handleOverlay(key)
            }
        } else if state.overlay != .none {
            return handleOverlay(key)
        }
        if case .character(let c) = key, state.item != nil, handleTaxonomyKey(String(c), now: now) { return }
        guard let action = bindings.action(for: key) else {
            state.message = .init("Key \(key.name) does nothing here: \(bindings.keyNames(.help)) lists every key.", .warning)
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
            if state.queue.wellbeing.maskUntilReveal, state.item != nil, !state.revealed { state.revealed = true }
            else if state.item?.media.isEmpty == false { state.images.revealed = true }
        case .cancel:
            if state.amending != nil { cancelAmendment(now: now) }
            else if state.breakDue { state.lastBreakAt = now; state.message = .init("Break reminder dismissed.") }
            else { state.choice = .init(); state.message = .init("Choice cleared.") }
        case .skip, .escalate, .note:
            guard state.item != nil else { return }
            let purpose: ReviewState.Prompt.Purpose = action == .skip ? .skip : action == .escalate ? .escalate : .note
            state.prompt = .init(purpose: purpose, text: purpose == .note ? state.choice.note ?? "" : "")
        case .undo:
            guard state.amending == nil else { return state.message = .init("Finish or cancel the amendment first (\(bindings.keyNames(.cancel)) cancels).", .warning) }
            undo(now: now)
        case .confirm: confirm(now: now)
        case .history: openHistory(search: nil)
        case .find: state.prompt = .init(purpose: .find)
        case .nextSpan: jumpToNextSpan()
        case .metadata:
            guard let item = state.item else { return }
            if state.metadataDocument == nil { state.metadataDocument = ReviewState.metadataDocument(for: item) }
            state.overlay = .metadata(top: .init())
        }
    }

    /// Scrolls the content to the next highlighted span after the top row, back to the first after the last.
    private func jumpToNextSpan() {
        guard let document = state.document, !state.isMasked,
              let area = ReviewScreen.contentArea(state, width: width, height: height) else { return }
        let textWidth = area.width - ReviewScreen.contentGutter
        let starts = document.spanStarts(width: textWidth)
        guard !starts.isEmpty else {
            state.message = .init("No highlighted spans in this item.", .warning)
            return
        }
        let index = starts.firstIndex { ContentDocument.isAfter($0, state.contentTop) } ?? 0
        let last = document.lastTop(height: area.height, width: textWidth)
        state.contentTop = ContentDocument.isAfter(starts[index], last) ? last : starts[index]
        state.focus = .content
        state.message = .init("Span \(index + 1) of \(starts.count).")
    }

    /// Label, tag and severity keys. Returns false when `key` is none of them.
    private func handleTaxonomyKey(_ key: String, now: Double) -> Bool {
        switch TaxonomyKeys.apply(key, queue: state.queue, choice: &state.choice, labelKeyDecides: state.labelDecidesAtOnce) {
        case .none: return false
        case .label(_, decides: true), .toggled(decides: true): commit(.label, reason: nil, now: now)
        case .label(let label, decides: false):
            state.message = .init("Label \(label) chosen: add tags or severity, \(bindings.keyNames(.confirm)) confirms.")
        case .awaitsSeverity(let label):
            let keys = state.queue.severity.map(\.key).joined(separator: "/")
            state.message = .init("Label \(label) needs a severity: \(keys) decides, \(bindings.keyNames(.cancel)) clears.")
        case .toggled(decides: false): break
        }
        return true
    }

    private func confirm(now: Double) {
        guard state.item != nil else { return checkForWork(now: now, byKey: true) }
        guard state.choice.label != nil else {
            state.message = .init("Choose a label first (" + state.queue.labels.map(\.key).joined(separator: "/") + ").", .warning)
            return
        }
        commit(.label, reason: nil, now: now)
    }

    private func handlePrompt(_ key: Key, now: Double) {
        guard var prompt = state.prompt else { return }
        switch PromptEditor.edit(&prompt, with: key) {
        case .typing: state.prompt = prompt
        case .cancelled: state.prompt = nil; state.message = .init("Cancelled.")
        case .submitted(let text):
            switch prompt.purpose {
            case .note:
                state.prompt = nil
                state.choice.note = text.isEmpty ? nil : text
                state.message = .init(text.isEmpty ? "Note removed." : "Note kept: it is saved with your decision.")
            case .find:
                state.prompt = nil
                find(text, now: now)
            case .skip, .escalate:
                // Refused in place: the prompt stays open, so what the reviewer types next is the reason and
                // never a command.
                guard !text.isEmpty else {
                    prompt.warning = "a reason is needed: type it, or \(bindings.keyNames(.cancel)) to cancel"
                    state.prompt = prompt
                    return
                }
                state.prompt = nil
                commit(prompt.purpose == .skip ? .skip : .escalate, reason: text, now: now)
            }
        }
    }

    func handleOverlay(_ key: Key) {
        let action = bindings.action(for: key)
        if case .history(let selected) = state.overlay { return handleHistory(action, selected: selected) }
        switch (state.overlay, action) {
        case (_, .cancel?), (_, .quit?), (.help, .help?), (.guidelines, .guidelines?), (.metadata, .metadata?):
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

    /// Whether the guidelines are open in the side column, the item still in view.
    private var guidelinesBeside: Bool {
        guard case .guidelines = state.overlay, let layout = ReviewScreen.layout(state, width: width, height: height) else { return false }
        return ReviewScreen.hasSideColumn(layout)
    }

    /// Rows in the scrolled pane's page.
    private var pageSize: Int { max(1, (ReviewScreen.contentArea(state, width: width, height: height)?.height ?? 2) - 1) }

    private func scroll(_ amount: Int) {
        let clamped = max(-1_000_000, min(1_000_000, amount))
        if state.overlay != .none {
            let document = state.overlay.isMetadata ? state.metadataDocument ?? state.guidelines : state.guidelines
            state.overlay = state.overlay.scrolled(by: clamped, helpLineCount: HelpOverlay.lines(state.queue, bindings: bindings).count,
                                                   guidelines: document, area: ReviewScreen.contentArea(state, width: width, height: height)) ?? .none
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
    func commit(_ kind: DecisionKind, reason: String?, now: Double) {
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
                                      seconds: max(0, now - state.itemShownAt),
                                      origin: state.suggested == nil ? "review" : ModelSuggestion.origin, correct: state.amending != nil)
        if let amended = state.amending { return recordAmendment(request, replacing: amended, now: now) }
        var message: ReviewState.Message
        do {
            try store.decide(request, now: now)
            uncheckpointed += 1
            state.sessionCount += 1
            // Until the store is read again (see ``tick(now:)``): one item fewer for this reviewer.
            state.progress.leftForYou = max(0, state.progress.leftForYou - 1)
            countsStale = true
            let what = kind == .label ? "label \(choice.label!)" : kind.rawValue
            message = .init("Saved: \(what) for \(ContentSanitiser.sanitiseLine(item.externalID)).")
        } catch let error as DocketError {
            if case .unavailable = error {
                // Whether a commit in flight took effect cannot be known from here: look it up once reconnected.
                return decisionMetLostConnection(request, externalID: item.externalID, now: now)
            }
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
            guard let undone = try store.undoLastDecision(queue: state.queue.id, reviewer: state.reviewer, origin: "review", now: now) else {
                state.message = .init("Nothing to undo.", .warning)
                return
            }
            uncheckpointed += 1
            let item = undone.item
            state.show(item, at: now)
            state.sessionCount = max(0, state.sessionCount - 1)
            try? refreshCounts(now: now)
            lastLeaseRenewal = now
            let withdrawn = undone.kind == .label ? "label \(undone.label ?? "?")" : undone.kind.rawValue
            state.message = .init("Undone: \(withdrawn) withdrawn; \(ContentSanitiser.sanitiseLine(item.externalID)) is back, decide it again.")
        } catch {
            state.message = .init("Undo failed: \(DocketError(error).description)", .error)
        }
    }

    func showNext(now: Double) throws {
        let item = try store.claimNext(queue: state.queue.id, reviewer: state.reviewer, now: now)
        // Your oldest lease comes back first, so an item set aside for one opened by id is this one.
        state.setAside = nil
        state.show(item, at: now)
        lastLeaseRenewal = now
        lastPoll = now
        if item == nil { state.progress.leftForYou = 0 }
    }

    /// Asks the store for work while nothing is shown (new items imported, a lease run out, an item undone
    /// by someone else); the screen shows the item at once when there is one.
    private func checkForWork(now: Double, byKey: Bool) {
        lastPoll = now
        do {
            try showNext(now: now)
            if state.item != nil {
                state.message = .init("New work: ? lists every key.")
                try refreshCounts(now: now)
            } else if byKey {
                state.message = .init("Still nothing left for you.")
            }
        } catch {
            state.message = .init("Could not look for new items: \(error)", .error)
        }
    }

    private func refreshCounts(now: Double) throws {
        lastCountRefresh = now
        countsStale = false
        state.progress = try store.reviewProgress(queue: state.queue.id, reviewer: state.reviewer, now: now)
        // The item on screen is this reviewer's until decided, whatever the counts say.
        if state.item != nil { state.progress.leftForYou = max(1, state.progress.leftForYou) }
    }

    /// Ends the session: the lease on the current item is given back so others can take it.
    public func quit() {
        isRunning = false
        try? store.release(queue: state.queue.id, reviewer: state.reviewer)
    }
}
