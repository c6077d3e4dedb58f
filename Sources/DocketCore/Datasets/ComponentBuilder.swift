/// The split's components, built from sorted streams (``ExternalSorter``) so that memory does not grow
/// with the number of items:
/// 1. items sorted by group key: each takes its group's first item as its label;
/// 2. items sorted by content hash: groups sharing a hash are joined (a union-find over the labels of the
///    groups that take part in such a join: the one structure that grows, with those groups only; an
///    item without a group key just takes the label of its hash's run);
/// 3. items sorted by their component's root (its first item): each component's size, smallest id hash
///    and label counts; the components sorted in placing order.
struct ComponentBuilder {
    private let candidates: DatasetSplit.Candidates
    private let seedMix: UInt64

    init(candidates: DatasetSplit.Candidates, seed: UInt64) {
        self.candidates = candidates
        seedMix = StableHash.mix(seed)
    }

    /// An item and its component's root, in the order of roots.
    struct RootedItem: BitwiseCopyable {
        var root: UInt32
        var item: UInt32
    }

    /// What the placing needs: the components in placing order, their members by root, and the label
    /// counts of components with more distinct labels than a record holds.
    struct Components {
        var ordered: SortedRecords<SplitRecords.Component>
        let members: SpilledColumn<RootedItem>
        let overflow: SpilledColumn<UInt64>
    }

    func components() throws(DocketError) -> Components {
        let runBytes = candidates.runBytes
        let spill = candidates.spill

        // 1. Group labels. Items without a group are already in `byContent`, labelled with themselves.
        // (Each step's streams are scoped, so that their temporary files go as soon as they are read.)
        do {
            var byGroup = try candidates.byGroup.sorted()
            var group: UInt64 = 0
            var label: UInt32 = 0
            var first = true
            while let record = try byGroup.next() {
                if first || record.group != group {
                    (first, group, label) = (false, record.group, record.item)
                }
                try candidates.byContent.append(.init(content: record.content, label: label, item: record.item,
                                                      identity: record.identity, stratum: record.stratum, grouped: true))
            }
        }

        // 2. Join groups sharing a content hash: every label in a hash's run joins the run's smallest label.
        // An item without a group is in no other run, so it takes the run's label instead of a join: items
        // that share only a text (one text posted many times without group keys) cost the union-find nothing.
        var joins = LabelJoins()
        let byRoot = ExternalSorter<SplitRecords.Member>(runBytes: runBytes, space: spill)
        do {
            let labelled = try SpilledColumn<SplitRecords.Member>(in: spill)
            do {
                var byContent = try candidates.byContent.sorted()
                var content: UInt64 = 0
                var runLabel: UInt32 = 0
                var first = true
                while let record = try byContent.next() {
                    if first || record.content != content {
                        (first, content, runLabel) = (false, record.content, record.label)
                    }
                    var root = record.label
                    if record.content != 0 && record.label != runLabel {
                        if record.grouped { joins.join(runLabel, record.label) } else { root = runLabel }
                    }
                    try labelled.append(.init(root: root, item: record.item, identity: record.identity, stratum: record.stratum))
                }
            }

            // 3. Each item under its component's root (known once every join is), then one record per component.
            var reader = try labelled.makeReader()
            while reader.hasNext {
                var member = try reader.next()
                member.root = joins.root(member.root)
                try byRoot.append(member)
            }
        }
        let members = try SpilledColumn<RootedItem>(in: spill)
        let overflow = try SpilledColumn<UInt64>(in: spill)
        let ordered = ExternalSorter<SplitRecords.Component>(runBytes: runBytes, space: spill)
        var sortedMembers = try byRoot.sorted()
        var component: SplitRecords.Component?
        var pairs: [(stratum: UInt16, count: UInt32)] = []
        func finish(_ component: SplitRecords.Component?) throws(DocketError) {
            guard var component else { return }
            component.order = StableHash.mix(component.smallest ^ seedMix)
            try component.setLabelCounts(pairs, overflow: overflow)
            try ordered.append(component)
        }
        while let member = try sortedMembers.next() {
            if component?.root != member.root {
                try finish(component)
                component = .init(size: 0, root: member.root, order: 0, smallest: .max, distinct: 0)
                pairs.removeAll(keepingCapacity: true)
            }
            component!.size += 1
            component!.smallest = min(component!.smallest, member.identity)
            if let k = pairs.firstIndex(where: { $0.stratum == member.stratum }) {
                pairs[k].count += 1
            } else {
                pairs.append((member.stratum, 1))
            }
            try members.append(.init(root: member.root, item: member.item))
        }
        try finish(component)
        return Components(ordered: try ordered.sorted(), members: members, overflow: overflow)
    }
}

/// A union-find over group labels (item indexes) that holds only the labels joined to another: a
/// joined label points to a smaller one, so a component's root is its smallest label, its first item.
struct LabelJoins {
    private var parent: [UInt32: UInt32] = [:]

    /// The root of `label`'s component (`label` itself when it was never joined).
    mutating func root(_ label: UInt32) -> UInt32 {
        var x = label
        while let up = parent[x] { x = up }
        // Point the path straight at the root, so later lookups are short.
        var y = label
        while let up = parent[y], up != x {
            parent[y] = x
            y = up
        }
        return x
    }

    /// Joins the components of `a` and `b`.
    mutating func join(_ a: UInt32, _ b: UInt32) {
        let ra = root(a), rb = root(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
