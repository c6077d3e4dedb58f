/// What an agreement figure was computed on, so a lead can see which ratings counted and which did not.
public struct AgreementBasis: Equatable, Sendable {
    /// A group of items left out of a figure, with the reason.
    public struct Dropped: Equatable, Sendable {
        /// Why the items were left out.
        public var reason: String
        /// Items (left out, or that contributed, by context).
        public var items: Int

        public init(reason: String, items: Int) {
            self.reason = reason
            self.items = items
        }
    }

    /// Items that contributed to the figure.
    public var items: Int
    /// Raters with at least one rating that contributed.
    public var raters: Int
    /// Ratings that contributed.
    public var ratings: Int
    /// Items left out, grouped by reason (only reasons with at least one item).
    public var dropped: [Dropped]

    public init(items: Int, raters: Int, ratings: Int, dropped: [Dropped] = []) {
        self.items = items
        self.raters = raters
        self.ratings = ratings
        self.dropped = dropped.filter { $0.items > 0 }
    }

    /// Total number of items left out.
    public var itemsDropped: Int { dropped.reduce(0) { $0 + $1.items } }
}

/// An agreement figure with what it was computed on; `value` is nil (never NaN) when the figure is undefined, and `reason` then says why.
public struct AgreementFigure: Equatable, Sendable {
    /// The coefficient, or nil when it is undefined on these ratings.
    public var value: Double?
    /// Why `value` is nil, or a caveat worth showing next to it.
    public var reason: String?
    /// What the figure was computed on.
    public var basis: AgreementBasis

    public init(value: Double?, reason: String? = nil, basis: AgreementBasis) {
        // A NaN or infinity is never handed out: it becomes an explained nil.
        if let value, !value.isFinite {
            self.value = nil
            self.reason = reason ?? "the coefficient is undefined on these ratings"
        } else {
            self.value = value
            self.reason = reason
        }
        self.basis = basis
    }

    /// An undefined figure with the reason.
    public static func undefined(_ reason: String, basis: AgreementBasis) -> AgreementFigure {
        AgreementFigure(value: nil, reason: reason, basis: basis)
    }
}
