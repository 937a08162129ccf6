/// Loads an evidence file (YAML or JSON) describing one organisation.
public struct EvidenceLoader: Sendable {
    /// Limits for the file.
    public var limits: YAMLLimits
    /// Folders besides the evidence file's own that `file:` paths may lead to (`--files-root`).
    public var fileRoots: [String]
    /// Whether to read the answers file the evidence names with `answers:` (`assess ask` reads it apart).
    public var readsAnswers: Bool

    /// Creates a loader.
    public init(limits: YAMLLimits = YAMLLimits(), fileRoots: [String] = [], readsAnswers: Bool = true) {
        self.limits = limits
        self.fileRoots = fileRoots
        self.readsAnswers = readsAnswers
    }

    /// Top-level keys of an evidence file.
    public static let topKeys = ["framework", "organisation", "defaults", "facts", "targets", "answers"]
    /// Keys of the organisation block.
    public static let organisationKeys = ["name", "type", "code", "population", "period", "nation", "attributes"]
    /// Keys of the `defaults:` block: the provenance every fact of the file has unless it says otherwise.
    public static let defaultsKeys = ["source", "reference", "date"]
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
            // The period is free text, but one written as a date or a financial year must be a real one.
            if let period = organisation.period, CalendarDate.financialYear(period) == nil {
                let reading = CalendarDate.read(period, forms: .iso)
                if case .date = reading {
                } else if let problem = Period.financialYearProblem(period) {
                    block["period"]?.error(problem, hint: "write a UK financial year as 2025-26, or give the period as free text such as 'Q1 2026'")
                } else if case .impossible(let reason) = reading {
                    block["period"]?.error("\(period) is not a date: \(reason)", hint: "write the financial year as 2025-26, or a date as YYYY-MM-DD")
                }
            }
            organisation.nation = Nation(gssCode: organisation.code)
            if let written = block.optionalString("nation") {
                if let nation = Nation(rawValue: written), nation != .unknown {
                    organisation.nation = nation
                } else {
                    block["nation"]?.error("'\(written)' is not a UK nation",
                                           hint: "write england, wales, scotland or northern-ireland, or leave it out")
                }
            }
            if let attributes = block["attributes"] { organisation.attributes = Self.decodeAttributes(attributes) }
        }
        // `framework: ID`: the pack the evidence is written for. An id only, looked up among the packs: an
        // evidence file (third parties' text) never names a path for the tool to read.
        var declared: String?
        if let reader = map["framework"], let id = reader.string() {
            if PackLabel.isValidID(id) {
                declared = id
            } else {
                reader.error("'\(id)' is not a pack id", hint: "name the pack the evidence is written for by its id, such as odi-pathway ('assess packs' lists them); a framework on disk is given with --framework PATH")
            }
        }
        let defaults = map["defaults"].map(Self.decodeDefaults) ?? FactDefaults()
        var facts: [String: Fact] = [:]
        if let factsReader = map["facts"], factsReader.node.isMapping {
            facts.reserveCapacity(factsReader.node.childCount)
            let folder = FileReader.folder(of: document.file)
            let sharedDetails = defaults.sharedDetails()
            var reported: Set<SourceLocation> = []
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
                let fact = Self.decodeFact(key: key, node: value, parent: factsReader, folder: folder, defaults: defaults,
                                           sharedDetails: sharedDetails)
                // A plain scalar that reads as a number no criterion could use (`1e19`, `.nan`) is refused here,
                // so `validate` reports it; quoted, the same text is kept as text.
                fact.value?.forEachUnusableNumber { text, location, problem in
                    guard reported.insert(location).inserted else { return }  // reached again through an alias
                    context.error(InputNumber.message("a value of the fact '\(key)'", is: text, problem),
                                  at: location, hint: InputNumber.textHint)
                }
                facts[key] = fact
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
            // The answers file is read by the same rule as export files: inside the evidence folder (or a
            // --files-root), a regular file, never echoed when refused.
            let access = FileAccess(roots: [FileReader.folder(of: document.file)] + fileRoots)
            if let refusal = access.check(path, folders: false), refusal != .missing {
                if refusal == .outside {
                    let (message, hint) = FileRefusal.outsideMessage(written: name, access: access)
                    reader.error(message, hint: hint)
                } else {
                    reader.error("the answers file '\(name)' \(refusal.reason)", hint: "name the file 'assess ask' wrote beside the evidence")
                }
            } else if readsAnswers, context.diagnostics.isEmpty {
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
        if !fileRoots.isEmpty { evidence.files = FileAccess(roots: [FileReader.folder(of: document.file)] + fileRoots) }
        evidence.answersFile = answersPath
        evidence.framework = declared
        return evidence
    }

    /// The pack id an evidence file declares with `framework:` and where, read before the framework is
    /// loaded; nil when it declares none or cannot be read (loading it reports why). Only a file with
    /// `framework:` at the start of a line is parsed, so evidence without it costs one scan of its bytes.
    public static func declaredFramework(path: String) -> (id: String, location: SourceLocation)? {
        guard let bytes = try? FileReader.read(path) else { return nil }
        let needle = Array("framework:".utf8)
        var found = false
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { found = true; break }
            guard let next = bytes[index...].firstIndex(of: 0x0A) else { break }
            index = next + 1
        }
        guard found, let document = try? YAMLParser.parse(bytes, file: path), document.problems.isEmpty,
              let value = document.root?.pairs?.first(where: { $0.key.scalar?.text == "framework" })?.value,
              let id = value.scalar?.text, PackLabel.isValidID(id) else { return nil }
        return (id, value.location)
    }

    static func decodeFact(key: String, node: YAMLNode, parent: NodeReader, folder: String,
                           defaults: FactDefaults = FactDefaults(), sharedDetails: FactDetails.Box? = nil) -> Fact {
        // The reader (and its message path) is built only when a value needs checking.
        var reader: NodeReader { parent.child(node, key: key) }
        let probe = node.probe(keys: Self.formKeys)
        guard probe.hasKey else {
            var fact = Fact(key: key, value: node, location: probe.location)
            defaults.apply(to: &fact, sharing: sharedDetails)
            return fact
        }
        // The long form. Read in one pass over the pairs, comparing keys as bytes; readers (and their message
        // paths) are only built for a value that needs checking, so a large evidence file decodes quickly.
        // The file's defaults come first, so the fact's own keys win.
        var fact = Fact(key: key, value: nil, location: probe.location)
        defaults.apply(to: &fact, sharing: sharedDetails)
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
                    if let message = CalendarDate.message(text, CalendarDate.read(text, forms: .iso), expected: "YYYY-MM-DD") {
                        reader.child(value, key: "date").error(message, hint: "write the day the evidence is dated, such as 2026-02-28")
                    } else {
                        fact.date = text
                    }
                } else if let text = reader.child(value, key: "date").string() {
                    reader.child(value, key: "date").error("date must be written YYYY-MM-DD, YYYY-MM or YYYY, found \"\(text)\"")
                }
            case 4:  // note
                fact.note = Self.text(value) ?? reader.child(value, key: "note").string()
            case 5:  // file
                if let file = reader.child(value, key: "file").string() {
                    fact.file = file
                    fact.filePath = FileReader.resolve(file, relativeTo: folder)
                    fact.fileLocation = value.location
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

    /// Reads `organisation: attributes:`, free keys with single values (`housing-stock: yes`), which
    /// criteria's and checklist items' `applies-to: attributes:` match. A key left empty (`~`) is not stated.
    static func decodeAttributes(_ reader: NodeReader) -> [String: String] {
        guard let pairs = reader.node.pairs else {
            reader.error("attributes must map attribute names to single values, found \(reader.node.kindDescription)",
                         hint: "write for example attributes: {housing-stock: yes}")
            return [:]
        }
        var attributes: [String: String] = [:]
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            guard Applicability.isAttributeKey(key) else {
                reader.context.error("'\(key)' is not an attribute name", at: pair.key.location,
                                     hint: "use lower-case letters, digits and hyphens, such as housing-stock")
                continue
            }
            guard attributes[key] == nil else {
                reader.context.error("attribute '\(key)' is given twice", at: pair.key.location, hint: "keep one")
                continue
            }
            guard let scalar = pair.value.scalar else {
                reader.child(pair.value, key: key).error("attribute '\(key)' must be a single value, found \(pair.value.kindDescription)",
                                                         hint: "write a word, a number or yes/no")
                continue
            }
            if !scalar.isNull { attributes[key] = scalar.text }
        }
        return attributes
    }

    /// Reads `defaults:`: the source, reference and date of every fact in the file that does not give its own.
    static func decodeDefaults(_ reader: NodeReader) -> FactDefaults {
        var defaults = FactDefaults()
        guard let map = reader.mapping(keys: Self.defaultsKeys) else { return defaults }
        defaults.source = map["source"]?.choice(Provenance.self)
        defaults.reference = map.optionalString("reference")
        if let dateReader = map["date"], let text = dateReader.string() {
            if !Self.isDate(text) {
                dateReader.error("date must be written YYYY-MM-DD, YYYY-MM or YYYY, found \"\(text)\"")
            } else if let message = CalendarDate.message(text, CalendarDate.read(text, forms: .iso), expected: "YYYY-MM-DD") {
                dateReader.error(message, hint: "write the day the evidence is dated, such as 2026-02-28")
            } else {
                defaults.date = text
            }
        }
        return defaults
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

    /// Errors for facts whose `file:` leads outside the folders the evidence may read, or to something that
    /// is not a file or folder (a pipe, a device). Nothing is opened. Missing files are left to scoring.
    public static func refusedFiles(_ evidence: Evidence) -> [Diagnostic] {
        evidence.facts.values.sorted { $0.location < $1.location }.compactMap { fact in
            guard let written = fact.file, let path = fact.filePath,
                  let refusal = evidence.files.check(path, folders: true), refusal != .missing else { return nil }
            return fileRefusal(refusal, fact: fact, written: written, path: path, files: evidence.files, document: evidence.document)
        }
    }

    /// The error for a fact's `file:` that was refused, located at the path.
    public static func fileRefusal(_ refusal: FileRefusal, fact: Fact, written: String, path: String, files: FileAccess,
                                   document: YAMLDocument) -> Diagnostic {
        let location = fact.fileLocation ?? fact.location
        if refusal == .outside {
            let (message, hint) = FileRefusal.outsideMessage(written: written, access: files)
            return document.diagnostic(message, at: location, hint: hint)
        }
        return document.diagnostic("the file '\(written)' named by \(fact.key) \(refusal.reason) (looked for \(path))",
                                   at: location, hint: "paths are relative to the evidence file's folder")
    }

    /// How many unused facts ``unusedFacts(_:framework:listing:)`` lists one by one by default.
    public static let unusedFactsListed = 20

    /// Warnings for facts that no criterion or context indicator of the framework reads, in file order, with the nearest key that
    /// one does read when it is one or two letters away, and for an organisation type that criteria's
    /// `applies-to:` cannot match.
    ///
    /// The first `limit` facts get a warning each; the rest are counted in one last warning, so a file with
    /// thousands of stray facts neither floods the terminal nor costs a suggestion search per fact. The work
    /// is linear in the number of facts: one pass over the facts mapping finds every key's line, and each
    /// suggestion compares only keys of a similar length, with a bounded edit distance.
    public static func unusedFacts(
        _ evidence: Evidence, framework: Framework, listing limit: Int = unusedFactsListed
    ) -> [Diagnostic] {
        var read = Set<String>()
        for (_, criterion) in framework.allCriteria { for binding in criterion.evidence { read.insert(binding.fact) } }
        for dimension in framework.dimensions {
            for indicator in dimension.rubric.context { for binding in indicator.evidence { read.insert(binding.fact) } }
        }
        var warnings: [Diagnostic] = []
        if let type = evidence.organisation.type, !Applicability.organisationTypes.contains(type) {
            let typeNode = evidence.document.root?["organisation"]?.pairs?.first { $0.key.scalar?.text == "type" }?.value
            warnings.append(evidence.document.diagnostic(
                "'\(type)' is not a known organisation type, so criteria that apply only to some types treat it as having every function",
                at: typeNode?.location ?? SourceLocation(line: 1, column: 1),
                hint: Suggestion.nearest(to: type, in: Applicability.organisationTypes).map { "did you mean '\($0)'?" }
                    ?? "use one of: " + Applicability.organisationTypes.joined(separator: ", "),
                severity: .warning))
        }
        let limit = max(limit, 0)
        // The unused facts in file order: the first `limit` kept, then the next one and a count. One pass over
        // the facts mapping gives each key's own line; memory stays bounded by the limit.
        var listed: [(key: String, location: SourceLocation)] = []
        var more = 0
        var firstMore: (key: String, location: SourceLocation)?
        func note(_ key: String, _ location: SourceLocation) {
            if listed.count < limit {
                listed.append((key, location))
            } else {
                if more == 0 { firstMore = (key, location) }
                more += 1
            }
        }
        if let facts = evidence.document.root?["facts"], facts.isMapping {
            // Every key of a decoded facts mapping is a fact (a bad key fails the load), so only `read` is asked.
            facts.forEachEntry { key, location, _ in
                guard let key, !read.contains(key) else { return }
                note(key, location)
            }
        } else {  // evidence made in code: the facts' own locations
            for fact in evidence.facts.values.filter({ !read.contains($0.key) }).sorted(by: { ($0.location, $0.key) < ($1.location, $1.key) }) {
                note(fact.key, fact.location)
            }
        }
        let suggestions = Suggestion.Index(read.sorted())
        warnings.reserveCapacity(warnings.count + listed.count + 1)
        for (key, location) in listed {
            warnings.append(evidence.document.diagnostic(
                "no criterion of framework '\(framework.id)' reads the fact '\(key)'", at: location,
                hint: suggestions.nearest(to: key).map { "did you mean '\($0)'?" } ?? "it is kept but not scored",
                severity: .warning))
        }
        if let (key, location) = firstMore {
            warnings.append(evidence.document.diagnostic(
                "no criterion of framework '\(framework.id)' reads \(Format.number(Double(more), decimals: 0)) more fact\(more == 1 ? "" : "s"), from '\(key)' on",
                at: location, hint: "they are kept but not scored; only the first \(limit) are listed one by one",
                severity: .warning))
        }
        return warnings
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
