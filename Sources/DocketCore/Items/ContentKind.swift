/// What kind of content an item holds; the review screen lays each out differently.
public enum ContentKind: String, Equatable, Sendable, CaseIterable {
    /// A message or post.
    case text
    /// Several turns; ``Item/turns`` holds them and ``Item/text`` the turn under review.
    case conversation
    /// A link or a reference to media stored elsewhere; never fetched by Docket.
    case url
}
