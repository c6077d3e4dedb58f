import DocketCore
import DocketStore

/// Everything the review screen shows, as plain values: the controller changes it, ``ReviewScreen`` draws it.
public struct ReviewState {
    /// The panes Tab moves between.
    public enum Pane: Int, CaseIterable, Sendable { case content, metadata, model }

    /// A full-screen layer over the review screen.
    public enum Overlay: Equatable, Sendable {
        case none
        case help(top: Int)
        case guidelines(top: ContentDocument.Position)
        /// Every metadata value in full (`m`), the item staying on screen behind it.
        case metadata(top: ContentDocument.Position)
        /// Your last decisions (``ReviewState/history``), one selected.
        case history(selected: Int)
    }

    /// A one-line text prompt in the status line (a skip or escalation reason, a note).
    public struct Prompt: Equatable, Sendable {
        public enum Purpose: String, Sendable { case skip, escalate, note, find }
        public var purpose: Purpose
        public var text: String = ""
        /// Why Enter did not close the prompt (an empty reason), shown until the next key.
        public var warning: String?
        public init(purpose: Purpose, text: String = "") { self.purpose = purpose; self.text = text }

        /// The question shown before the typed text.
        public var question: String {
            switch purpose {
            case .skip: return "Skip reason: "
            case .escalate: return "Escalation reason: "
            case .note: return "Note: "
            case .find: return "Find (item id, or a label or id in your decisions): "
            }
        }
    }

    /// What the reviewer has chosen for the current item so far.
    public struct Choice: Equatable, Sendable {
        public var label: String?
        public var tags: Set<String> = []
        public var severity: String?
        public var note: String?
        public init() {}
    }

    /// A message in the status line.
    public struct Message: Equatable, Sendable {
        public var text: String
        public var role: StyleRole
        public init(_ text: String, _ role: StyleRole = .accent) { self.text = text; self.role = role }
    }

    public var queue: QueueDefinition
    public var reviewer: String
    public var item: Item?
    /// The current item's content, prepared once per item.
    public var document: ContentDocument?
    /// The header's numbers, as the store last computed them (see ``ReviewStore/reviewProgress(queue:reviewer:now:)``).
    public var progress = ReviewProgress(leftForYou: 0, done: 0, total: 0)
    /// Decisions made in this session.
    public var sessionCount: Int = 0
    /// Seconds since 1970.
    public var sessionStart: Double
    public var itemShownAt: Double
    public var now: Double
    /// When the last break reminder was dismissed (or the session began).
    public var lastBreakAt: Double
    public var focus: Pane = .content
    public var contentTop = ContentDocument.Position()
    public var metadataTop = 0
    public var modelTop = 0
    /// Whether masked content was revealed for the current item.
    public var revealed = false
    /// The current item's images: masked until revealed, decoded once.
    public var images = ImageViewState()
    public var choice = Choice()
    public var overlay: Overlay = .none
    public var prompt: Prompt?
    public var message: Message? { didSet { messageShownAt = now } }
    /// When the message appeared: after ``StatusLine/messageSeconds`` it gives its room back to the key hints.
    public var messageShownAt: Double = 0
    /// The guidelines, prepared once.
    public let guidelines: ContentDocument
    /// The label the model suggests for the current item, pre-selected (queues with `suggestion:` only).
    public var suggested: String?
    /// Your decisions the history overlay lists, newest first (loaded when it opens, filtered by a search).
    public var history: [Decision] = []
    /// What the history shows: nil for your latest decisions, else the search it answers.
    public var historySearch: String?
    /// The decision being amended: its item is on screen and the next label replaces it.
    public var amending: Decision?
    /// The item that was on screen when an amendment began (still leased to you), shown again after it.
    public var heldItem: Item?
    /// The item that was on screen when another was opened by id (`/`), still leased to you; the store hands it
    /// back once the opened one is decided.
    public var setAside: Item?
    /// The current item's metadata in full, prepared when first shown.
    public var metadataDocument: ContentDocument?

    public init(queue: QueueDefinition, reviewer: String, now: Double) {
        self.queue = queue
        self.reviewer = reviewer
        sessionStart = now
        itemShownAt = now
        self.now = now
        lastBreakAt = now
        let text = queue.guidelines.isEmpty ? "This queue has no guidelines." : queue.guidelines
        guidelines = GuidelinesDocument.make(title: queue.title, markdown: text)
    }

    /// Shows `item` (or the end of the queue when nil) with a fresh choice, scroll and reveal state.
    public mutating func show(_ item: Item?, at time: Double) {
        self.item = item
        document = item.map { Self.document(for: $0, maskedTerms: queue.wellbeing.maskedTerms) }
        itemShownAt = time
        now = time
        contentTop = .init()
        metadataTop = 0
        modelTop = 0
        revealed = false
        images.reset()
        metadataDocument = nil
        if case .metadata = overlay { overlay = .none }
        choice = Choice()
        suggested = item.flatMap { ModelSuggestion.label(for: $0, in: queue) }
        choice.label = suggested
        focus = .content
    }

    /// The content as a document: the text of a post, or a conversation turn by turn with the reviewed turn's
    /// explanation spans highlighted.
    public static func document(for item: Item, maskedTerms: [String]) -> ContentDocument {
        let spans = item.explanations.flatMap(\.spans).filter { $0.media == nil }
        if !item.media.isEmpty {
            // An image item: its text, then each image's alt text and regions (ImagePane).
            let text = ContentDocument.Block(title: nil, text: item.text, spans: spans)
            return ContentDocument(blocks: [text] + ImagePane.documentBlocks(item), maskedTerms: maskedTerms)
        }
        if item.kind == .conversation, !item.turns.isEmpty {
            let reviewed = item.turns.lastIndex { $0.text == item.text }
            let blocks = item.turns.enumerated().map { index, turn in
                ContentDocument.Block(title: "▌ " + (turn.speaker.isEmpty ? "turn \(index + 1)" : turn.speaker) + (index == reviewed ? "  (under review)" : ""),
                                      text: turn.text, spans: index == reviewed ? spans : [])
            }
            return ContentDocument(blocks: blocks, maskedTerms: maskedTerms)
        }
        let title: String? = item.kind == .url ? "Link or media reference (not opened by Docket):" : nil
        return ContentDocument(blocks: [.init(title: title, text: item.text, spans: spans)], maskedTerms: maskedTerms)
    }

    /// The current item's metadata, one block per member with the whole value (sanitised when drawn).
    public static func metadataDocument(for item: Item) -> ContentDocument {
        let members = item.meta.objectValue ?? []
        guard !members.isEmpty else { return ContentDocument(blocks: [.init(text: "(no metadata)")]) }
        return ContentDocument(blocks: members.map { .init(title: $0.0, text: $0.1.displayText) })
    }

    /// Whether the content is hidden until the reviewer presses the reveal key.
    public var isMasked: Bool { queue.wellbeing.maskUntilReveal && !revealed }

    /// Whether a label key decides at once (tags and severity are chosen before it); otherwise Enter confirms.
    public var labelDecidesAtOnce: Bool { queue.confirmation == .labelKey }

    /// Whether the chosen label waits for a severity, whose key then decides (label-key queues only).
    public var awaitsSeverity: Bool {
        guard labelDecidesAtOnce, let label = choice.label else { return false }
        return choice.severity == nil && queue.severityRequiredFor.contains(label)
    }

    /// Whether a break is due (the queue's reminder interval has passed since the last break).
    public var breakDue: Bool {
        guard let minutes = queue.wellbeing.breakReminderMinutes else { return false }
        return now - lastBreakAt >= Double(minutes) * 60
    }

    /// Decisions per hour in this session.
    public var pace: Double {
        let hours = (now - sessionStart) / 3600
        return hours > 0 ? Double(sessionCount) / hours : 0
    }
}

extension ReviewState.Overlay {
    /// Whether the metadata is open in full.
    var isMetadata: Bool { if case .metadata = self { return true } else { return false } }

    /// This overlay scrolled by `amount` lines (help: lines of the key list; guidelines or metadata: wrapped rows
    /// of `guidelines` (the document shown) in `area`, stopping at the last page), or nil when no overlay is open.
    func scrolled(by amount: Int, helpLineCount: Int, guidelines: ContentDocument, area: Rect?) -> ReviewState.Overlay? {
        switch self {
        case .help(let top):
            return .help(top: max(0, min(helpLineCount - 1, top + amount)))
        case .guidelines(let top), .metadata(let top):
            guard let area else { return self }
            let textWidth = area.width - 1
            var next = guidelines.move(top, by: amount, width: textWidth)
            let last = guidelines.lastTop(height: area.height, width: textWidth)
            if ContentDocument.isAfter(next, last) { next = last }
            if case .metadata = self { return .metadata(top: next) }
            return .guidelines(top: next)
        case .history:
            return self  // the session moves the selection
        case .none:
            return nil
        }
    }
}

extension CaseIterable where Self: RawRepresentable, RawValue == Int, AllCases == [Self] {
    /// The next case, or the previous one, wrapping around: Tab and Shift-Tab between a screen's panes.
    func cycled(forward: Bool) -> Self {
        let all = Self.allCases
        return all[(rawValue + (forward ? 1 : all.count - 1)) % all.count]
    }
}
