/// The file layouts `docket export --format` can write.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// One JSON Lines file per split (`train.jsonl`, ...): one object per item.
    case jsonl
    /// One CSV file per split (`train.csv`, ...), RFC 4180.
    case csv
    /// A Hugging Face `datasets` folder: `data/<split>.jsonl` and a README.md dataset card.
    case hf
    /// Chat fine-tuning JSON Lines per split: system = guidelines, user = content, assistant = label.
    case chat
    /// One `decisions.jsonl` with every decision of the exported items, for learning from disagreement.
    case raw

    /// The data file of split `name` (relative to the export folder); nil for formats with one file.
    func dataFile(split name: String) -> String? {
        switch self {
        case .jsonl, .chat: return name + ".jsonl"
        case .csv: return name + ".csv"
        case .hf: return "data/" + name + ".jsonl"
        case .raw: return nil
        }
    }
}
