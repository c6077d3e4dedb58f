/// What export does with metadata fields named as personal data.
public enum PersonalDataAction: String, Equatable, Sendable, CaseIterable {
    case drop
    case hash
}
