import DocketCore
import DocketStore

/// Everything the adjudication screen shows, as plain values: the disputed items, where the lead is among them,
/// the item on screen and the lead's choice. ``AdjudicationSession`` changes it, ``AdjudicationScreen`` draws it.
public struct AdjudicationState {
    /// The panes Tab moves between.
    public enum Pane: Int, CaseIterable, Sendable { case content, decisions, scores }

    /// The queue being adjudicated (its taxonomy gives the keys).
    public var queue: QueueDefinition
    /// The lead adjudicating.
    public var lead: String
    /// The items to settle, most disputed first, as loaded when the session began.
    public var items: [DisputedItem]
    /// Index in ``items`` of the item on screen.
    public var index = 0
    /// Labels the lead gave in this session, by item external id: those items are not shown again.
    public var settled: [String: String] = [:]
    /// The item on screen with its content and scores (nil when every item is settled).
    public var item: Item?
    /// The item's content, prepared once per item.
    public var document: ContentDocument?
    /// The pane the scroll keys move.
    public var focus: Pane = .content
    /// The first row shown in each pane.
    public var contentTop = ContentDocument.Position()
    public var tableTop = 0
    public var scoresTop = 0
    /// Whether masked content was revealed for the item on screen.
    public var revealed = false
    /// The final decision being put together: label, tags, severity and note.
    public var choice = ReviewState.Choice()
    /// Help or guidelines over the screen, if open.
    public var overlay: ReviewState.Overlay = .none
    /// The note prompt while the lead types it.
    public var prompt: ReviewState.Prompt?
    /// The status line's message.
    public var message: ReviewState.Message?
    /// The guidelines, prepared once.
    public let guidelines: ContentDocument

    /// The state for `lead` going through `items` of `queue`; no item is shown until ``show(_:item:)``.
    public init(queue: QueueDefinition, lead: String, items: [DisputedItem]) {
        self.queue = queue
        self.lead = lead
        self.items = items
        let text = queue.guidelines.isEmpty ? "This queue has no guidelines." : queue.guidelines
        guidelines = GuidelinesDocument.make(title: queue.title, markdown: text)
    }

    /// The disputed item on screen, or nil when every item is settled.
    public var current: DisputedItem? {
        guard items.indices.contains(index), settled[items[index].externalID] == nil else { return nil }
        return items[index]
    }

    /// Items not yet settled in this session.
    public var remaining: Int { items.count - settled.count }

    /// Whether every disputed item has been adjudicated.
    public var isFinished: Bool { remaining == 0 }

    /// The index of the next unsettled item after (or, when `forward` is false, before) ``index``, going round
    /// the end of the list; ``index`` itself when it is the only one left; nil when none is left.
    public func neighbour(forward: Bool) -> Int? {
        guard !items.isEmpty else { return nil }
        let count = items.count
        for step in 1...count {
            let candidate = ((index + (forward ? step : -step)) % count + count) % count
            if settled[items[candidate].externalID] == nil { return candidate }
        }
        return nil
    }

    /// Shows the disputed item at `position` with its loaded `item`, with a fresh choice, scroll and reveal state.
    public mutating func show(_ position: Int, item: Item?) {
        index = position
        self.item = item
        document = item.map { ReviewState.document(for: $0, maskedTerms: queue.wellbeing.maskedTerms) }
        contentTop = .init()
        tableTop = 0
        scoresTop = 0
        revealed = false
        choice = .init()
        focus = .content
    }

    /// Whether the content is hidden until the lead presses the reveal key (the queue's wellbeing setting).
    public var isMasked: Bool { queue.wellbeing.maskUntilReveal && !revealed }

    /// Whether a label key adjudicates at once; otherwise tags or severity may follow and Enter confirms.
    public var labelDecidesAtOnce: Bool { queue.tags.isEmpty && queue.severity.isEmpty }
}
