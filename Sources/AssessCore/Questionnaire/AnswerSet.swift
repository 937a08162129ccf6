/// The answers given with `assess ask`, kept in their own file beside the evidence (`NAME.answers.yaml`),
/// which the evidence names with one `answers:` line. The file is written whole by `assess ask` after every
/// answer; a person's own evidence file is never rewritten, and a fact written there wins over an answer here.
public struct AnswerSet: Sendable, Hashable {
    /// One answered fact.
    public struct Entry: Sendable, Hashable {
        /// The value, as YAML lines (one line for a scalar, or block lines for a mapping); empty when the
        /// fact is not applicable or given as a file.
        public var value: [String]
        /// An export file, relative to the evidence file's folder.
        public var file: String?
        /// Why the fact does not apply.
        public var notApplicable: String?
        /// Where the answer came from.
        public var source: Provenance
        /// The document or system it came from.
        public var reference: String?
        /// A free note.
        public var note: String?

        /// Creates an entry.
        public init(value: [String] = [], file: String? = nil, notApplicable: String? = nil,
                    source: Provenance = .selfReported, reference: String? = nil, note: String? = nil) {
            self.value = value
            self.file = file
            self.notApplicable = notApplicable
            self.source = source
            self.reference = reference
            self.note = note
        }
    }

    /// Answered facts by key.
    public var facts: [String: Entry] = [:]
    /// Checklist items and statements answered so far, by fact key then item id, for facts not yet complete
    /// (a fact is written to ``facts`` only when every item has an answer, so a half-answered checklist never
    /// scores its unanswered items as no).
    public var partial: [String: [String: Bool]] = [:]
    /// Questions answered "don't know" (fact keys, or `key/item` for one item): not assessed and not asked
    /// again unless revisited.
    public var dontKnow: Set<String> = []
    /// Questions skipped to come back to later (asked again at the end, and on the next run).
    public var skipped: Set<String> = []

    /// An empty set.
    public init() {}

    /// The top-level keys of an answers file.
    public static let topKeys = ["facts", "partial", "dont-know", "skipped"]

    /// The answers file's text: deterministic (keys in `order`, then any others sorted), every text quoted so
    /// it reads back exactly.
    public func rendered(evidenceName: String, order: [String]) -> String {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func sorted<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
            keys.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        }
        func itemRank(_ id: String) -> (Int, String) {
            let key = id.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            return (rank[key] ?? Int.max, id)
        }
        var lines = [
            "# Answers given with 'assess ask' for \(EvidenceTemplate.quoted(evidenceName).replacingOccurrences(of: "\n", with: " ")).",
            "# Written whole by 'assess ask' after every answer. A fact written in the evidence file itself wins",
            "# over the same fact here. 'dont-know' and 'skipped' record questions asked but not answered.",
        ]
        lines.append(facts.isEmpty ? "facts: {}" : "facts:")
        for key in sorted(facts.keys) {
            guard let entry = facts[key] else { continue }
            lines.append("  \(key):")
            if let reason = entry.notApplicable {
                lines.append("    not-applicable: \(EvidenceTemplate.quoted(reason))")
            } else if let file = entry.file {
                lines.append("    file: \(EvidenceTemplate.quoted(file))")
            } else if entry.value.count == 1, Self.isScalarLine(entry.value[0]) {
                lines.append("    value: \(entry.value[0])")
            } else {
                lines.append("    value:")
                lines += entry.value.map { "      " + $0 }
            }
            lines.append("    source: \(entry.source.rawValue)")
            if let reference = entry.reference { lines.append("    reference: \(EvidenceTemplate.quoted(reference))") }
            if let note = entry.note { lines.append("    note: \(EvidenceTemplate.quoted(note))") }
        }
        let partialKeys = sorted(partial.keys).filter { !(partial[$0]?.isEmpty ?? true) }
        if !partialKeys.isEmpty {
            lines.append("partial:")
            for key in partialKeys {
                lines.append("  \(key):")
                for (item, answer) in (partial[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    lines.append("    \(EvidenceTemplate.quoted(item)): \(answer ? "yes" : "no")")
                }
            }
        }
        for (name, set) in [("dont-know", dontKnow), ("skipped", skipped)] where !set.isEmpty {
            lines.append("\(name):")
            lines += set.sorted { itemRank($0) < itemRank($1) }.map { "  - \(EvidenceTemplate.quoted($0))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads an answers file. Facts are decoded by the evidence loader's rules (so an answer reads exactly as
    /// the same fact written in an evidence file); the rest is checked here.
    public static func decode(_ document: YAMLDocument) throws(LoadError) -> (answers: AnswerSet, facts: [String: Fact]) {
        let context = DecodingContext(document: document)
        var answers = AnswerSet()
        var facts: [String: Fact] = [:]
        guard let root = context.root(what: "'facts:' written by 'assess ask'"),
              let map = root.mapping(keys: topKeys) else { throw .invalid(DiagnosticError(context.diagnostics)) }
        if let reader = map["facts"] {
            if reader.node.isMapping {
                let folder = FileReader.folder(of: document.file)
                reader.node.forEachEntry { key, keyLocation, value in
                    guard let key else { return }
                    guard Evidence.isValidKey(key) else {
                        context.error("'\(key)' is not a valid fact key", at: keyLocation, hint: "remove it, or answer it again with 'assess ask'")
                        return
                    }
                    if value.scalar?.isNull == true { return }
                    let fact = EvidenceLoader.decodeFact(key: key, node: value, parent: reader, folder: folder)
                    facts[key] = fact
                    answers.facts[key] = Entry(fact: fact)
                }
            } else if !(reader.node.scalar?.isNull ?? false) {
                reader.error("facts must be a mapping of fact keys to answers, found \(reader.node.kindDescription)")
            }
        }
        if let reader = map["partial"], let pairs = reader.node.pairs {
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                let child = reader.child(pair.value, key: key)
                guard let items = pair.value.pairs else {
                    child.error("partial answers must map item ids to yes or no, found \(pair.value.kindDescription)")
                    continue
                }
                for item in items {
                    let id = item.key.scalar?.text ?? ""
                    if let value = child.child(item.value, key: id).bool() { answers.partial[key, default: [:]][id] = value }
                }
            }
        }
        for (name, index) in [("dont-know", 0), ("skipped", 1)] {
            guard let reader = map[name] else { continue }
            guard let items = reader.node.items else {
                reader.error("\(name) must be a list of question ids, found \(reader.node.kindDescription)")
                continue
            }
            for item in items {
                if let id = reader.child(item, key: name).string() {
                    if index == 0 { answers.dontKnow.insert(id) } else { answers.skipped.insert(id) }
                }
            }
        }
        if !context.diagnostics.isEmpty { throw .invalid(DiagnosticError(context.diagnostics)) }
        return (answers, facts)
    }

    /// Reads an answers file from disk.
    public static func load(path: String) throws(LoadError) -> (answers: AnswerSet, facts: [String: Fact]) {
        try decode(FileReader.parse(path))
    }

    /// The answers file that goes with an evidence file: `NAME.answers.yaml` in the same folder.
    public static func defaultPath(forEvidence path: String) -> String {
        var base = path
        for suffix in [".yaml", ".yml", ".json"] where base.hasSuffix(suffix) {
            base.removeLast(suffix.count)
            break
        }
        return base + ".answers.yaml"
    }
}

extension AnswerSet.Entry {
    /// The entry a decoded fact stands for (its value written back as YAML).
    init(fact: Fact) {
        self.init(value: fact.value.map(AnswerSet.yamlLines) ?? [], file: fact.file, notApplicable: fact.notApplicable,
                  source: fact.source, reference: fact.reference, note: fact.note)
    }
}

extension AnswerSet {
    /// Whether a value's only line is a scalar (or an empty flow collection), not one entry of a mapping or list.
    static func isScalarLine(_ line: String) -> Bool {
        if line.hasPrefix("'") || line.hasPrefix("\"") || line == "{}" || line == "[]" { return true }
        return !line.contains(": ") && !line.hasPrefix("- ") && !line.hasSuffix(":")
    }

    /// A value node written back as YAML lines: scalars quoted where needed, mappings and lists as blocks.
    static func yamlLines(_ node: YAMLNode) -> [String] {
        if let scalar = node.scalar {
            if scalar.isNull { return ["~"] }
            if !scalar.isPlain { return [EvidenceTemplate.quoted(scalar.text)] }
            return [scalar.text]
        }
        if let pairs = node.pairs {
            if pairs.isEmpty { return ["{}"] }
            var lines: [String] = []
            for pair in pairs {
                let key = EvidenceTemplate.quoted(pair.key.scalar?.text ?? "")
                let value = yamlLines(pair.value)
                if value.count == 1, pair.value.scalar != nil || value[0] == "{}" || value[0] == "[]" {
                    lines.append("\(key): \(value[0])")
                } else {
                    lines.append("\(key):")
                    lines += value.map { "  " + $0 }
                }
            }
            return lines
        }
        if let items = node.items {
            if items.isEmpty { return ["[]"] }
            var lines: [String] = []
            for item in items {
                let value = yamlLines(item)
                if value.count == 1 { lines.append("- " + value[0]) } else {
                    lines.append("-")
                    lines += value.map { "  " + $0 }
                }
            }
            return lines
        }
        return ["~"]
    }
}
