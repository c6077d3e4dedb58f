import DocketCore
import DocketStore

/// The adjudication screen's controller: turns a lead's key presses into store calls (load the next disputed item,
/// record the final decision) and changes the ``AdjudicationState`` that ``AdjudicationScreen`` draws.
/// No terminal here, so tests drive it on a real database.
public final class AdjudicationSession: ScreenSession {
    /// Where decisions are read and the lead's are stored.
    public let store: ReviewStore
    /// What the screen shows now.
    public private(set) var state: AdjudicationState
    /// The keys and what they do.
    public let bindings: AdjudicationBindings
    /// False once the lead quit.
    public private(set) var isRunning = true
    /// The terminal size, for paging and relayout; set by the terminal loop.
    public var width = 100
    public var height = 30

    /// A session for `lead` on `queue` over the items `rule` calls disputed (and escalated ones unless
    /// `includeEscalated` is false), loaded now; the first is shown at once. Does not check the lead's role:
    /// the command does, before the screen opens.
    public init(store: ReviewStore, queue: String, lead: String, rule: DisputeRule = DisputeRule(),
                includeEscalated: Bool = true, keymap: KeymapFile = KeymapFile()) throws {
        self.store = store
        let definition = try store.queue(queue)
        let items = try store.disputedItems(queue: queue, rule: rule, includeEscalated: includeEscalated)
        state = AdjudicationState(queue: definition, lead: lead, items: items)
        bindings = try keymap.adjudication(revealKey: definition.wellbeing.revealKey)
        if !items.isEmpty { load(0) }
    }

    /// Whether the note prompt is open (every key is text then).
    public var isTyping: Bool { state.prompt != nil }

    /// Whether `key` is one of the quit keys.
    public func isQuitKey(_ key: Key) -> Bool { bindings.isKey(key, of: .quit) }

    /// Nothing runs on a clock here: the list was loaded when the screen opened.
    public func tick(now: Double) {}

    /// The screen model at the current size.
    public func render() -> CellGrid {
        AdjudicationScreen.render(state, width: width, height: height, bindings: bindings)
    }

    /// Handles one key press at time `now` (the time the decision is recorded with).
    public func handle(_ key: Key, now: Double) {
        if key == .resize { return }
        if state.prompt != nil { return handlePrompt(key) }
        if case .none = state.overlay {} else { return handleOverlay(key) }
        if case .character(let c) = key, state.current != nil, handleTaxonomyKey(String(c), now: now) { return }
        guard let action = bindings.action(for: key) else {
            state.message = .init("Key \(key.name) does nothing here: \(bindings.keyNames(.help)) lists every key.", .warning)
            return
        }
        perform(action, now: now)
    }

    /// Ends the session. Nothing is held: undecided items simply stay disputed.
    public func quit() { isRunning = false }

    private func perform(_ action: AdjudicationAction, now: Double) {
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
            if state.queue.wellbeing.maskUntilReveal, state.current != nil { state.revealed = true }
        case .cancel:
            state.choice = .init()
            state.message = .init("Choice cleared.")
        case .note:
            guard state.current != nil else { return }
            state.prompt = .init(purpose: .note, text: state.choice.note ?? "")
        case .next, .previous: move(forward: action == .next)
        case .confirm:
            guard state.current != nil else { return }
            guard state.choice.label != nil else {
                state.message = .init("Choose a label first (" + state.queue.labels.map(\.key).joined(separator: "/") + ").", .warning)
                return
            }
            commit(now: now)
        }
    }

    /// Label, tag and severity keys. Returns false when `key` is none of them.
    private func handleTaxonomyKey(_ key: String, now: Double) -> Bool {
        switch TaxonomyKeys.apply(key, queue: state.queue, choice: &state.choice, labelKeyDecides: state.labelDecidesAtOnce) {
        case .none: return false
        case .label(_, decides: true), .toggled(decides: true): commit(now: now)
        case .label(let label, decides: false), .awaitsSeverity(let label):
            state.message = .init("Label \(label) chosen: add tags or severity, \(bindings.keyNames(.confirm)) records it.")
        case .toggled(decides: false): break
        }
        return true
    }

    private func handlePrompt(_ key: Key) {
        guard var prompt = state.prompt else { return }
        switch PromptEditor.edit(&prompt, with: key) {
        case .typing: state.prompt = prompt
        case .cancelled: state.prompt = nil; state.message = .init("Note not changed.")
        case .submitted(let text):
            state.prompt = nil
            state.choice.note = text.isEmpty ? nil : text
            state.message = .init(text.isEmpty ? "Note removed." : "Note kept: it is saved with your decision.")
        }
    }

    private func handleOverlay(_ key: Key) {
        let action = bindings.action(for: key)
        switch (state.overlay, action) {
        case (_, .cancel?), (_, .quit?), (.help, .help?), (.guidelines, .guidelines?):
            state.overlay = .none
        case (_, .scrollUp?): scroll(-1)
        case (_, .scrollDown?): scroll(1)
        case (_, .pageUp?): scroll(-pageSize)
        case (_, .pageDown?): scroll(pageSize)
        case (_, .top?): scroll(-Int.max / 2)
        case (_, .bottom?): scroll(Int.max / 2)
        default: state.message = .init("Esc closes this view.", .warning)
        }
    }

    /// Records the lead's choice as the item's final decision; only once it is stored does the next item appear.
    private func commit(now: Double) {
        guard let current = state.current else { return }
        let choice = state.choice
        guard let label = choice.label else { return }
        do throws(DocketError) {
            try state.queue.validate(label: label, tags: Array(choice.tags), severity: choice.severity)
        } catch {
            state.message = .init(error.description, .warning)
            return
        }
        let shownID = ContentSanitiser.sanitiseLine(current.externalID)
        do {
            // Another lead may have settled the item since the list was loaded: say so rather than overwrite it.
            if let earlier = try store.adjudication(queue: state.queue.id, externalID: current.externalID) {
                state.settled[current.externalID] = earlier.label ?? ""
                advance(message: .init("Not recorded: \(ContentSanitiser.sanitiseLine(earlier.reviewer)) already adjudicated \(shownID) as \(earlier.label ?? "?").", .warning))
                return
            }
            try store.adjudicate(queue: state.queue.id, externalID: current.externalID, lead: state.lead, label: label,
                                 tags: choice.tags.sorted(), severity: choice.severity, note: choice.note, now: now)
        } catch {
            state.message = .init("Not recorded: \(DocketError(error).description)", .error)
            return
        }
        state.settled[current.externalID] = label
        advance(message: .init("Adjudicated as \(label): \(shownID)."))
    }

    /// Shows the next unsettled item (or the end) with `message`.
    private func advance(message: ReviewState.Message) {
        if let next = state.neighbour(forward: true) { load(next) } else { state.show(state.index, item: nil) }
        state.message = message
    }

    /// Moves to the next or previous unsettled item without deciding.
    private func move(forward: Bool) {
        guard state.current != nil, let target = state.neighbour(forward: forward) else { return }
        guard target != state.index else {
            state.message = .init("This is the only item left to adjudicate.", .warning)
            return
        }
        let wrapped = forward ? target < state.index : target > state.index
        load(target)
        state.message = wrapped ? .init(forward ? "Back at the first undecided item." : "At the last undecided item.") : nil
    }

    /// Loads the item at `position` of the list with its content and scores.
    private func load(_ position: Int) {
        do {
            state.show(position, item: try store.item(queue: state.queue.id, externalID: state.items[position].externalID))
        } catch {
            state.show(position, item: nil)
            state.message = .init("Could not load item \(ContentSanitiser.sanitiseLine(state.items[position].externalID)): \(DocketError(error).description)", .error)
        }
    }

    /// Rows in the scrolled pane's page.
    private var pageSize: Int { max(1, (AdjudicationScreen.contentArea(state, width: width, height: height)?.height ?? 2) - 1) }

    private func scroll(_ amount: Int) {
        let clamped = max(-1_000_000, min(1_000_000, amount))
        if state.overlay != .none {
            state.overlay = state.overlay.scrolled(by: clamped, helpLineCount: AdjudicationScreen.helpLines(state.queue, bindings: bindings).count,
                                                   guidelines: state.guidelines, area: AdjudicationScreen.contentArea(state, width: width, height: height)) ?? .none
            return
        }
        guard let current = state.current, let layout = AdjudicationScreen.layout(state, width: width, height: height) else { return }
        switch state.focus {
        case .content:
            guard let document = state.document, !state.isMasked else { return }
            let area = layout.content.belowTitle
            let textWidth = area.width - ReviewScreen.contentGutter
            var next = document.move(state.contentTop, by: clamped, width: textWidth)
            let last = document.lastTop(height: area.height, width: textWidth)
            if ContentDocument.isAfter(next, last) { next = ContentDocument.isAfter(state.contentTop, last) ? state.contentTop : last }
            state.contentTop = next
        case .decisions:
            let count = AdjudicationTable.lines(current, width: layout.decisions.width).count
            state.tableTop = max(0, min(max(0, count - 1), state.tableTop + clamped))
        case .scores:
            let count = ModelPane.lines(state.item, width: layout.scores.width, revealed: !state.isMasked).count
            state.scoresTop = max(0, min(max(0, count - 1), state.scoresTop + clamped))
        }
    }
}
