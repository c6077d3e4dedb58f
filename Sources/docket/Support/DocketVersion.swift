/// Docket's version, written into export manifests and shown by `docket --version`.
enum DocketVersion {
    static let current = "0.1.0"
}
