import DocketCore

/// Everything the review screen shows, as plain values: the controller changes it, ``ReviewScreen`` draws it.
public struct ReviewState {
    /// The panes Tab moves between.
    public enum Pane: Int, CaseIterable, Sendable { case content, metadata, model }

    /// A full-screen layer over the review screen.
    public enum Overlay: Equatable, Sendable {
        case none
        case help(top: Int)
        case guidelines(top: ContentDocument.Position)
    }

    /// A one-line text prompt in the status line (a skip or escalation reason, a note).
    public struct Prompt: Equatable, Sendable {
        public enum Purpose: String, Sendable { case skip, escalate, note }
        public var purpose: Purpose
        public var text: String = ""
        public init(purpose: Purpose, text: String = "") { self.purpose = purpose; self.text = text }

        /// The question shown before the typed text.
        public var question: String {
            switch purpose {
            case .skip: return "Skip reason: "
            case .escalate: return "Escalation reason: "
            case .note: return "Note: "
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
    /// 1-based position of the current item among those decided in the queue so far.
    public var position: Int = 1
    /// Items of the queue still waiting for a decision (the current one included).
    public var remaining: Int = 0
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
    public var message: Message?
    /// The guidelines, prepared once.
    public let guidelines: ContentDocument

    public init(queue: QueueDefinition, reviewer: String, now: Double) {
        self.queue = queue
        self.reviewer = reviewer
        sessionStart = now
        itemShownAt = now
        self.now = now
        lastBreakAt = now
        let text = queue.guidelines.isEmpty ? "This queue has no guidelines." : queue.guidelines
        guidelines = ContentDocument(blocks: [.init(title: queue.title, text: text)])
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
        choice = Choice()
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

    /// Whether the content is hidden until the reviewer presses the reveal key.
    public var isMasked: Bool { queue.wellbeing.maskUntilReveal && !revealed }

    /// Whether a label key decides at once; otherwise tags or severity may follow and Enter confirms.
    public var labelDecidesAtOnce: Bool { queue.tags.isEmpty && queue.severity.isEmpty }

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
    /// This overlay scrolled by `amount` lines (help: lines of the key list; guidelines: wrapped rows of
    /// `guidelines` in `area`, stopping at the last page), or nil when no overlay is open and the panes scroll.
    func scrolled(by amount: Int, helpLineCount: Int, guidelines: ContentDocument, area: Rect?) -> ReviewState.Overlay? {
        switch self {
        case .help(let top):
            return .help(top: max(0, min(helpLineCount - 1, top + amount)))
        case .guidelines(let top):
            guard let area else { return self }
            let textWidth = area.width - 1
            var next = guidelines.move(top, by: amount, width: textWidth)
            let last = guidelines.lastTop(height: area.height, width: textWidth)
            if ContentDocument.isAfter(next, last) { next = last }
            return .guidelines(top: next)
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
