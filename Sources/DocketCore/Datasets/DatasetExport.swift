/// Writes one queue's gold-labelled items as a dataset: reads the items twice from an ``ExportSource``
/// (first the compact facts the grouped split needs, then the rows themselves), writes the files of the
/// chosen ``ExportFormat`` to an ``ExportDestination``, and returns the manifest it wrote beside them.
/// The files and the split's working space come from the caller: this type opens nothing itself.
public struct DatasetExport {
    public var queue: QueueDefinition
    public var format: ExportFormat
    public var plan: SplitPlan
    public var seed: UInt64
    public var filter: ExportFilter
    public var redaction: MetadataRedaction
    /// The aggregation method's name as the manifest records it (`majority`, `dawid-skene`).
    public var method: String
    /// The aggregate label of a vote count per label, or nil for a tie.
    public var aggregate: ([Int]) -> Int?
    /// Labels of a model fitted over the whole queue beforehand (Dawid-Skene), by external id; when set they
    /// replace `aggregate`, and an item missing from it counts as a tie.
    public var fittedLabels: [String: Int]?
    public var command: [String]
    public var docketVersion: String
    public var database: [(String, JSONValue)]
    /// Recorded filters for the manifest.
    public var filterDescription: [(String, JSONValue)]
    /// Copy each image into the folder as `media/<sha256>.<ext>` (`--copy-media`).
    public var copyMedia = false
    /// Where the folder ends up once published (absolute), for the `image` paths of a `datasets` export.
    public var finalFolder: String?
    /// The fewest characters (white space at both ends left out) a text needs to join items through an exact
    /// duplicate: shorter texts ("yes", "hello") are shared by chance and would chain conversations together.
    public var minSharedText = DatasetExport.defaultMinSharedText
    /// Stratify by this metadata field as well as by label (`--stratify meta.FIELD`).
    public var stratify: MetadataField?
    /// Keep the data set's own split from this metadata field instead of assigning one (`--split-by meta.FIELD`).
    public var splitBy: MetadataField?
    /// A split whose label shares differ from the whole by more than this is warned about.
    public var driftMargin = 0.05

    /// The default of ``minSharedText``: 20 characters, about four words.
    public static let defaultMinSharedText = 20
    /// The most distinct values `--stratify` or `--split-by` take (they become strata or files).
    public static let maxFieldValues = 1000

    public init(queue: QueueDefinition, format: ExportFormat, plan: SplitPlan, seed: UInt64, filter: ExportFilter,
                redaction: MetadataRedaction, method: String, aggregate: @escaping ([Int]) -> Int?,
                command: [String], docketVersion: String, database: [(String, JSONValue)],
                filterDescription: [(String, JSONValue)]) {
        self.queue = queue
        self.format = format
        self.plan = plan
        self.seed = seed
        self.filter = filter
        self.redaction = redaction
        self.method = method
        self.aggregate = aggregate
        self.command = command
        self.docketVersion = docketVersion
        self.database = database
        self.filterDescription = filterDescription
    }

    /// Progress of the second pass: rows written so far and rows to write.
    public typealias Progress = (_ done: Int, _ total: Int) -> Void

    /// What the export does with one item: the filter's verdict with the fitted or aggregate label, and a
    /// tie left out of a chat export (a chat example needs an answer).
    private func verdict(_ externalID: String, _ votes: ItemVotes) -> ExportFilter.Verdict {
        let verdict = fittedLabels.map { fitted in filter.verdict(votes) { _ in fitted[externalID] } }
            ?? filter.verdict(votes, aggregate: aggregate)
        if format == .chat, case .keep(nil, _) = verdict { return .leaveOut("tie") }
        return verdict
    }

    /// Writes the dataset's files to `destination` (an empty folder) and returns its manifest; the split's
    /// records that do not fit in memory go to stores made by `spill`.
    public func write(from source: ExportSource, to destination: any ExportDestination, spill: any SpillSpace,
                      progress: Progress? = nil) throws -> ExportManifest {
        let labels = queue.labels.map(\.id)
        // Strata are kept in 16 bits (one more than the labels: items without one).
        guard labels.count < DatasetSplit.Candidates.maxStrata else {
            throw DocketError.refused("queue '\(queue.id)' has \(labels.count) labels; an export stratifies at most \(DatasetSplit.Candidates.maxStrata - 1)")
        }
        var summary = ExportSummary(splitNames: plan.names, labelNames: labels)

        // Pass 1: which items go in and the facts the split needs. In spill stores, read back in order:
        // the split's records (``DatasetSplit/Candidates``), and for pass 2 each kept item's rowid, label,
        // label source and votes per label. In memory: counts only.
        var candidates = try DatasetSplit.Candidates(spill: spill)
        var visitedInPass1 = 0
        let keptRows = try SpilledColumn<UInt64>(in: spill)
        let keptVotes = try SpilledColumn<UInt32>(in: spill)  // (label + 1) | source << 16, then the count per label
        var sourceNames: [String] = []
        var strata = StrataIndex(labels: labels.count)
        var splitValues: [String: Int] = [:]
        let givenSplits = try SpilledColumn<UInt32>(in: spill)
        try source.scanVotes(queue: queue.id, labels: labels) { key, votes in
            visitedInPass1 += 1
            switch verdict(key.externalID, votes) {
            case .leaveOut(let reason):
                summary.exclude(reason)
            case .keep(let label, let labelSource):
                if let splitBy {
                    guard let value = key.metaJSON.flatMap(splitBy.value(inJSON:)) else {
                        summary.exclude("no meta.\(splitBy.name)")
                        return
                    }
                    guard SplitPlan.isSplitName(value) else {
                        throw DocketError.refused("item '\(key.externalID)': meta.\(splitBy.name) is '\(ContentSanitiser.sanitiseLine(String(value.prefix(60))))', "
                                                  + "not a split name (a letter, then letters, digits, '_' or '-'; it names a file)")
                    }
                    let index = splitValues[value] ?? splitValues.count
                    guard index < Self.maxFieldValues else {
                        throw DocketError.refused("--split-by meta.\(splitBy.name) has more than \(Self.maxFieldValues) values; it names splits")
                    }
                    splitValues[value] = index
                    try givenSplits.append(UInt32(index))
                }
                let value = stratify.flatMap { field in key.metaJSON.flatMap(field.value(inJSON:)) }
                let stratum = try strata.index(label: label ?? labels.count, value: value)
                // Only a text of a meaningful length joins items as a duplicate.
                let shared = (key.textLength ?? Int.max) >= minSharedText ? key.contentHash : ""
                try candidates.append(id: key.externalID, group: key.group, contentHash: shared, stratum: stratum)
                try keptRows.append(UInt64(bitPattern: key.rowID))
                let sourceIndex = sourceNames.firstIndex(of: labelSource) ?? sourceNames.count
                if sourceIndex == sourceNames.count { sourceNames.append(labelSource) }
                try keptVotes.append(UInt32(label.map { $0 + 1 } ?? 0) | UInt32(sourceIndex) << 16)
                for count in votes.counts { try keptVotes.append(UInt32(count)) }
            }
        }
        let total = candidates.count
        if total == 0 && format == .hf {
            // `datasets.load_dataset` cannot load a folder without a data file: say so rather than write one.
            throw DocketError.refused("nothing to export from queue '\(queue.id)': no item has a gold label that passes the filters"
                                      + (summary.excluded.isEmpty ? "" : " (left out: " + summary.excluded.keys.sorted().map { "\(summary.excluded[$0]!) \($0)" }.joined(separator: ", ") + ")")
                                      + "; a Hugging Face dataset needs at least one row")
        }
        var plan = self.plan
        var assigned: DatasetSplit?
        var given: RecordReader<UInt32>?
        var givenOrder: [Int] = []
        if splitBy != nil {
            // The data set's own splits, in the usual order (train, validation, test), then by name.
            let names = SplitPlan.conventionalOrder(Array(splitValues.keys))
            givenOrder = [Int](repeating: 0, count: names.count)
            for (position, name) in names.enumerated() { givenOrder[splitValues[name]!] = position }
            var counts = [Int](repeating: 0, count: names.count)
            var reader = try givenSplits.makeReader()
            while reader.hasNext { counts[givenOrder[Int(try reader.next())]] += 1 }
            plan = SplitPlan(shares: names.indices.map { .init(name: names[$0], fraction: total == 0 ? 0 : Double(counts[$0]) / Double(total)) })
            summary = ExportSummary(splitNames: plan.names, labelNames: labels, excluded: summary.excluded)
            given = try givenSplits.makeReader()
        } else {
            let split = try DatasetSplit(consume candidates, plan: plan, seed: seed, strata: strata.count,
                                         labelOfStratum: stratify == nil ? nil : strata.labelOfStratum)
            summary.groupsPerSplit = split.groupsPerSplit
            summary.largestComponentPerSplit = split.largestComponentPerSplit
            summary.oversizedComponents = split.oversizedComponents
            assigned = split
        }

        // Pass 2: the rows, streamed into one file per split.
        let files: [any ExportSink]
        if format == .raw {
            files = [try destination.create("decisions.jsonl")]
        } else {
            files = try plan.names.map { name throws(DocketError) in try destination.create(format.dataFile(split: name)!) }
        }
        var rows = [Int](repeating: 0, count: files.count)
        // A queue with images gets the media columns on every row (one schema for the whole export).
        let withMedia = try format != .chat && format != .raw && source.queueHasMedia(queue.id)
        let media = MediaExport(destination: destination, copies: copyMedia && withMedia)
        var jsonl = JSONLRowWriter(labelNames: labels, forDatasets: format == .hf)
        jsonl.includesMedia = withMedia
        jsonl.mediaFolder = finalFolder
        var csv = CSVRowWriter(labelNames: labels)
        csv.includesMedia = withMedia
        if format == .csv {
            for file in files { try file.write(csv.header()) }
        }
        let chat = ChatRowWriter(queue: queue)
        let raw = RawDecisionWriter()
        var out = JSONWriter(capacity: 1 << 16)
        var csvBytes: [UInt8] = []
        var next = 0
        var visited = 0
        var rowReader = try keptRows.makeReader()
        var voteReader = try keptVotes.makeReader()
        var votes = ItemVotes(labels: labels.count)
        // The next kept item's rowid: pass 2 asks for exactly the items pass 1 kept, in the same order.
        var wantedRow: Int64? = rowReader.hasNext ? Int64(bitPattern: try rowReader.next()) : nil
        try source.scanItems(queue: queue.id, labels: labels, history: format == .raw, wanted: { rowID in
            visited += 1
            return rowID == wantedRow
        }) { item in
            guard item.rowID == wantedRow else {
                throw DocketError.conflict("the queue changed while it was exported (item \(item.externalID)); run the export again")
            }
            wantedRow = rowReader.hasNext ? Int64(bitPattern: try rowReader.next()) : nil
            let packed = try voteReader.next()
            let labelIndex = Int(packed & 0xffff) - 1
            for label in 0..<labels.count { votes.counts[label] = Int(try voteReader.next()) }
            let splitIndex = given != nil ? givenOrder[Int(try given!.next())] : try assigned!.nextSplit()
            var row = ExportRow(
                id: item.externalID, text: item.text, label: labelIndex >= 0 ? labels[labelIndex] : nil,
                labelSource: sourceNames[Int(packed >> 16)], softLabel: votes.softLabel,
                reviewers: votes.reviewers, agreement: votes.agreement, scoresJSON: item.scoresJSON,
                metaJSON: redaction.apply(json: item.metaJSON), group: item.group, split: plan.shares[splitIndex].name, turns: item.turns)
            if withMedia { row.media = try media.exported(item.mediaJSON) }
            next += 1
            out.removeAll()
            switch format {
            case .jsonl, .hf:
                jsonl.write(row, to: &out)
                try files[splitIndex].write(out.bytes)
                rows[splitIndex] += 1
            case .chat:
                chat.write(row, to: &out)
                try files[splitIndex].write(out.bytes)
                rows[splitIndex] += 1
            case .csv:
                csvBytes.removeAll(keepingCapacity: true)
                csv.write(row, to: &csvBytes)
                try files[splitIndex].write(csvBytes)
                rows[splitIndex] += 1
            case .raw:
                for (decision, inForce) in item.history {
                    raw.write(decision, itemID: item.externalID, inForce: inForce, group: item.group, split: row.split, to: &out)
                    rows[0] += 1
                }
                try files[0].write(out.bytes)
            }
            summary.add(row, split: splitIndex)
            if let progress, next % 4096 == 0 || next == total { progress(next, total) }
        }
        guard next == total && visited == visitedInPass1 else {
            throw DocketError.conflict("the queue changed while it was exported (\(next) of \(total) items found); run the export again")
        }
        summary.checkRepresentative(margin: driftMargin)

        var written: [ExportManifest.File] = []
        for (file, rowCount) in zip(files, rows) {
            let digest = try file.finish()
            written.append(.init(path: file.relativePath, rows: rowCount, bytes: file.byteCount, sha256: digest))
        }
        written += media.files
        var manifest = ExportManifest(
            docketVersion: docketVersion, command: command, queue: queue.id, format: format.rawValue, method: method,
            plan: plan, seed: seed, filters: filterDescription, database: database, redaction: redaction,
            summary: summary, files: written)
        manifest.splitRule = [
            ("split_by", splitBy.map { .string("meta." + $0.name) } ?? .null),
            ("stratify", .array([.string("label")] + (stratify.map { [.string("meta." + $0.name)] } ?? []))),
            ("min_shared_text", .number(String(minSharedText))),
            ("max_label_drift", .number(String(driftMargin))),
        ]
        if format == .hf {
            var card = DatasetCard(queue: queue, manifest: manifest, dataFiles: files.map(\.relativePath), dataBytes: files.map(\.byteCount))
            card.includesMedia = withMedia
            let readme = try destination.create("README.md")
            try readme.write(card.text)
            let digest = try readme.finish()
            manifest.files.append(.init(path: "README.md", rows: 0, bytes: readme.byteCount, sha256: digest))
        }
        let manifestFile = try destination.create("manifest.json")
        try manifestFile.write(manifest.text)
        _ = try manifestFile.finish()
        return manifest
    }
}
