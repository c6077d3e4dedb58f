/// An action a screen's keys can be bound to. Its raw value is the name a keymap file uses (`nextPane`).
public protocol KeymapAction: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}
