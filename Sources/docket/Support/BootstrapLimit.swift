/// The most bootstrap replicates a report may ask for: 100,000 already gives intervals stable to the
/// third decimal, and a larger count would keep a report busy for hours (2^63 never finished).
let maximumBootstrapReplicates = 100_000
