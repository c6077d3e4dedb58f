import DocketCore

/// A decision in force together with what a report needs to know about its item.
public struct DecisionInForce: Sendable {
    public var decision: Decision
    public var externalID: String
    /// The item's known answer when it is a gold item.
    public var goldLabel: String?
}
