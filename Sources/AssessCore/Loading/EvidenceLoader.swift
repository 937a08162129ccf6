/// Loads an evidence file (YAML or JSON) describing one organisation.
public struct EvidenceLoader: Sendable {
    /// Limits for the file.
    public var limits: YAMLLimits
    /// Whether to read the answers file the evidence names with `answers:` (`assess ask` reads it apart).
    public var readsAnswers: Bool

    /// Creates a loader.
    public init(limits: YAMLLimits = YAMLLimits(), readsAnswers: Bool = true) {
        self.limits = limits
        self.readsAnswers = readsAnswers
    }

    /// Top-level keys of an evidence file.
    public static let topKeys = ["organisation", "facts", "targets", "answers"]
    /// Keys of the organisation block.
    public static let organisationKeys = ["name", "type", "code", "population", "period"]
    /// Keys of a fact's long form.
    public static let factKeys = ["value", "file", "not-applicable", "source", "reference", "date", "note"]

    /// Loads and checks an evidence file.
    public func load(path: String) throws(LoadError) -> Evidence {
        try decode(FileReader.parse(path, limits: limits))
    }

    /// Decodes a parsed evidence document.
    public func decode(_ document: YAMLDocument) throws(LoadError) -> Evidence {
        let context = DecodingContext(document: document)
        guard let root = context.root(what: "an 'organisation:' block and 'facts:'"),
              let map = root.mapping(keys: Self.topKeys) else { throw .invalid(DiagnosticError(context.diagnostics)) }
        var organisation = Organisation(name: "")
        if let block = map.required("organisation", hint: "add 'organisation:' with at least 'name:'")?
            .mapping(keys: Self.organisationKeys) {
            organisation.name = block.string("name") ?? ""
            organisation.type = block.optionalString("type")
            organisation.code = block.optionalString("code")
            organisation.population = block["population"]?.number(in: 1...1e10)
            organisation.period = block.optionalString("period")
        }
        var facts: [String: Fact] = [:]
        if let factsReader = map["facts"], factsReader.node.isMapping {
            facts.reserveCapacity(factsReader.node.childCount)
            let folder = FileReader.folder(of: document.file)
            factsReader.node.forEachEntry { key, keyLocation, value in
                guard let key else { return }
                if !Evidence.isValidKey(key) {
                    context.error("'\(key)' is not a valid fact key", at: keyLocation,
                                  hint: "use lower-case words joined by '.' or '-', such as channel.volumes")
                    return
                }
                // `key: ~` (or `key:` with nothing) is a question not answered yet, as `assess init` writes
                // it: the fact is absent, so its criteria are not assessed.
                if value.scalar?.isNull == true { return }
                facts[key] = Self.decodeFact(key: key, node: value, parent: factsReader, folder: folder)
            }
        } else if let factsReader = map["facts"] {
            factsReader.error("facts must be a mapping of fact keys to values, found \(factsReader.node.kindDescription)")
        }
        var targets: [String: Int] = [:]
        if let reader = map["targets"] {
            if let pairs = reader.node.pairs {
                for pair in pairs {
                    let key = pair.key.scalar?.text ?? ""
                    if let level = reader.child(pair.value, key: key).integer(in: 1...100) { targets[key] = level }
                }
            } else {
                reader.error("targets must map dimension ids to levels, found \(reader.node.kindDescription)",
                             hint: "for example {channel-shift: 4}")
            }
        }
        // `answers: NAME.answers.yaml`: the answers given with `assess ask`, in their own file. A fact written
        // in this file wins over the same fact there.
        var answersPath: String?
        if let reader = map["answers"], let name = reader.string() {
            let path = FileReader.resolve(name, relativeTo: FileReader.folder(of: document.file))
            answersPath = path
            if readsAnswers, context.diagnostics.isEmpty {
                do throws(LoadError) {
                    for (key, var fact) in try AnswerSet.load(path: path).facts where facts[key] == nil {
                        // Its line is in the answers file, not this one: messages must not quote this file's line.
                        fact.location = .unknown
                        facts[key] = fact
                    }
                } catch .notFound {
                    reader.error("the answers file '\(name)' does not exist (looked for \(path))",
                                 hint: "run 'assess ask' on this file to answer questions, or remove the 'answers:' line")
                } catch .invalid(let error) {
                    for diagnostic in error.diagnostics { context.report(diagnostic) }
                }
            }
        }
        if !context.diagnostics.isEmpty { throw .invalid(DiagnosticError(context.diagnostics)) }
        var evidence = Evidence(organisation: organisation, facts: facts, document: document)
        evidence.targets = targets
        evidence.answersFile = answersPath
        return evidence
    }

    static func decodeFact(key: String, node: YAMLNode, parent: NodeReader, folder: String) -> Fact {
        // The reader (and its message path) is built only when a value needs checking.
        var reader: NodeReader { parent.child(node, key: key) }
        let probe = node.probe(keys: Self.formKeys)
        guard probe.hasKey else { return Fact(key: key, value: node, location: probe.location) }
        // The long form. Read in one pass over the pairs, comparing keys as bytes; readers (and their message
        // paths) are only built for a value that needs checking, so a large evidence file decodes quickly.
        var fact = Fact(key: key, value: nil, location: probe.location)
        var forms = 0
        node.forEachPair { name, value in
            switch name.scalarIndex(in: Self.longFormKeys) {
            case 0:  // value
                fact.value = value
                forms += 1
            case 1:  // source
                switch value.scalarIndex(in: Self.provenanceWords) {
                case 0: fact.source = .measured
                case 1: fact.source = .documented
                case 2: fact.source = .selfReported
                default: _ = reader.child(value, key: "source").choice(Provenance.self)
                }
            case 2:  // reference
                fact.reference = Self.text(value) ?? reader.child(value, key: "reference").string()
            case 3:  // date
                if let text = Self.text(value), Self.isDate(text) {
                    fact.date = text
                } else if let text = reader.child(value, key: "date").string() {
                    reader.child(value, key: "date").error("date must be written YYYY-MM-DD, YYYY-MM or YYYY, found \"\(text)\"")
                }
            case 4:  // note
                fact.note = Self.text(value) ?? reader.child(value, key: "note").string()
            case 5:  // file
                if let file = reader.child(value, key: "file").string() {
                    fact.file = file
                    fact.filePath = FileReader.resolve(file, relativeTo: folder)
                }
                forms += 1
            case 6:  // not-applicable
                fact.notApplicable = reader.child(value, key: "not-applicable").string()
                forms += 1
            default:
                let text = name.scalar?.text ?? "?"
                let suggestion = Suggestion.nearest(to: text, in: Self.factKeys)
                reader.context.error("unknown key '\(text)' in \(reader.path)", at: name.location,
                                     hint: suggestion.map { "did you mean '\($0)'?" } ?? "valid keys are \(Self.factKeys.joined(separator: ", "))")
            }
        }
        if forms > 1 {
            reader.error("fact '\(key)' has more than one of 'value', 'file' and 'not-applicable'", hint: "keep one of them")
        }
        return fact
    }

    /// The keys that make a mapping a fact's long form.
    static let formKeys: [StaticString] = ["value", "file", "not-applicable"]
    /// The long form's keys, in the order `decodeFact` switches on.
    static let longFormKeys: [StaticString] = ["value", "source", "reference", "date", "note", "file", "not-applicable"]
    /// The provenance words, in the order of `Provenance`'s cases.
    static let provenanceWords: [StaticString] = ["measured", "documented", "self-reported"]

    /// A non-null scalar's text, or nil (the caller then reports the problem through a reader).
    private static func text(_ node: YAMLNode) -> String? {
        guard let scalar = node.scalar, !scalar.isNull else { return nil }
        return scalar.text
    }

    static func isDate(_ text: String) -> Bool {
        // YYYY, YYYY-MM or YYYY-MM-DD, checked on bytes.
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return false }
            for index in 0..<bytes.count {
                let byte = bytes[index]
                let isDash = index == 4 || index == 7
                if isDash ? byte != 45 : !(byte >= 48 && byte <= 57) { return false }
            }
            return true
        }
    }

    /// Warnings for facts that no criterion of the framework reads, with the nearest key that one does.
    public static func unusedFacts(_ evidence: Evidence, framework: Framework) -> [Diagnostic] {
        let read = Set(framework.allCriteria.flatMap { $0.criterion.evidence.map(\.fact) })
        let known = Array(read).sorted()
        return evidence.facts.values.sorted { $0.location < $1.location }.compactMap { fact in
            guard !read.contains(fact.key) else { return nil }
            let location = fact.location.line > 1 ? SourceLocation(line: fact.location.line, column: 1) : fact.location
            let keyLocation = keyLocation(of: fact.key, in: evidence.document) ?? location
            return evidence.document.diagnostic(
                "no criterion of framework '\(framework.id)' reads the fact '\(fact.key)'", at: keyLocation,
                hint: Suggestion.nearest(to: fact.key, in: known).map { "did you mean '\($0)'?" } ?? "it is kept but not scored",
                severity: .warning)
        }
    }

    private static func keyLocation(of key: String, in document: YAMLDocument) -> SourceLocation? {
        document.root?["facts"]?.pairs?.first { $0.key.scalar?.text == key }?.key.location
    }
}

extension Evidence {
    /// Whether a text is a valid fact key: lower-case letters, digits, '-', '_' and '.'.
    public static func isValidKey(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            for byte in bytes {
                let valid = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 45 || byte == 46 || byte == 95
                if !valid { return false }
            }
            return true
        }
    }
}
