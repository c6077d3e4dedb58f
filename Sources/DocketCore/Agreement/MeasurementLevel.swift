/// How label values may be compared when measuring agreement (Krippendorff's levels of measurement).
public enum MeasurementLevel: String, CaseIterable, Sendable {
    /// Labels are names: any two different labels disagree equally.
    case nominal
    /// Labels are ranked: disagreement grows with how many ratings lie between them (Krippendorff's ordinal metric).
    case ordinal
    /// Labels are numbers on an equal-step scale: disagreement is the squared difference.
    case interval
    /// Labels are non-negative numbers with a true zero: disagreement is ((a - b) / (a + b)) squared.
    case ratio
}
