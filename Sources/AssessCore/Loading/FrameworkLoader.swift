/// Loads a framework and its rubrics, checking everything and reporting every problem with its location.
public struct FrameworkLoader: Sendable {
    /// Assessors a rubric may name.
    public var registry: AssessorRegistry
    /// Limits for each file.
    public var limits: YAMLLimits

    /// External plugins already started (from the command line), whose assessors rubrics may name.
    public var plugins: [ExternalPlugin]
    /// Seconds a framework's own plugins get per answer.
    public var pluginTimeout: Double
    /// The version of assess, sent in plugin handshakes.
    public var assessVersion: String
    /// Folders besides the framework's own that its rubric paths may lead to (none by default).
    public var fileRoots: [String] = []
    /// Whether to start the plugins a framework lists under `plugins:` (running their code). When false they
    /// are checked to exist but not run: criteria naming their assessors load unchecked, and are errors if
    /// assessed. Commands that only read a framework pass false unless asked to run them.
    public var startPlugins: Bool

    /// Creates a loader.
    public init(registry: AssessorRegistry, limits: YAMLLimits = YAMLLimits(), plugins: [ExternalPlugin] = [],
                pluginTimeout: Double = 10, assessVersion: String = "unknown", startPlugins: Bool = true) {
        self.registry = registry
        self.startPlugins = startPlugins
        self.limits = limits
        self.plugins = plugins
        self.pluginTimeout = pluginTimeout
        self.assessVersion = assessVersion
    }

    /// The keys of `framework.yaml`.
    public static let frameworkKeys = ["id", "title", "version", "description", "scoring", "overall", "scale", "bands",
                                       "dimensions", "plugins", "targets", "aggregation", "planning", "renamed", "maximum", "answers",
                                       "rounding"]
    /// The keys of a rubric file.
    public static let rubricKeys = ["id", "title", "version", "description", "levels", "criteria", "context", "actions",
                                    "maximum", "answers", "sections"]
    /// The keys of a section (sub-dimension) under a rubric's `sections:`.
    public static let sectionKeys = ["id", "title", "description", "weight"]
    /// The keys of a context indicator.
    public static let contextKeys = ["id", "title", "description", "assessor", "evidence", "parameters", "finding", "unit", "national"]
    /// The keys of `applies-to:`.
    public static let appliesToKeys = ["types", "code-prefix", "nations", "attributes", "reason"]
    /// The keys of an action.
    public static let actionKeys = ["id", "title", "description", "raises", "effort", "cost", "benefit", "duties", "depends-on",
                                    "owner", "evidence", "applies-to"]
    /// The keys of a criterion.
    public static let criterionKeys = ["id", "title", "question", "guidance", "rationale", "weight", "core", "assessor",
                                       "evidence", "parameters", "points", "levels", "applies-to", "when", "section"]
    /// The keys of `answers:`.
    public static let answersKeys = AnswerRules.allowed.map(\.key) + ["match"]
    /// The keys of `rounding:`.
    public static let roundingKeys = ["criterion", "section", "dimension", "overall", "mode"]

    /// Loads a framework from a folder (holding `framework.yaml`) or from the path of its `framework.yaml`.
    public func load(path: String) throws(LoadError) -> Framework {
        let file = FileReader.isDirectory(path) ? FileReader.resolve("framework.yaml", relativeTo: path) : path
        let folder = FileReader.folder(of: file)
        let limits = self.limits
        let access = FileAccess(roots: [folder] + fileRoots, maxBytes: limits.maxBytes)
        return try load(frameworkFile: file, access: access) { (relative: String) throws(LoadError) -> YAMLDocument in
            try FileReader.parse(relative == file ? file : FileReader.resolve(relative, relativeTo: folder), limits: limits)
        }
    }

    /// Loads a framework from files held in memory (the built-in framework), keyed by their display paths.
    /// `parsed` holds, by the same paths, archives of the files' parsed trees (``YAMLDocument/archive``): a file
    /// with one made from its text is rebuilt from it instead of parsed; any other file is parsed.
    public func load(embedded files: [String: String], parsed: [String: String] = [:], frameworkFile: String) throws(LoadError) -> Framework {
        let folder = FileReader.folder(of: frameworkFile)
        let limits = self.limits
        return try load(frameworkFile: frameworkFile) { (relative: String) throws(LoadError) -> YAMLDocument in
            let name = relative == frameworkFile ? relative : FileReader.resolve(relative, relativeTo: folder)
            guard let text = files[name] else { throw .notFound(path: name, hint: "the built-in framework has no such file") }
            let bytes = Array(text.utf8)
            if limits == YAMLLimits(), let archive = parsed[name],  // archives are made with the default limits
               let document = YAMLDocument(file: name, bytes: bytes, archive: archive) {
                return document
            }
            do throws(DiagnosticError) { return try YAMLParser.parse(bytes, file: name, limits: limits) } catch { throw .invalid(error) }
        }
    }

    /// Loads a framework, opening its files with `open`. With `access`, a rubric path leading outside its
    /// folders is refused (and never opened).
    private func load(
        frameworkFile: String, access: FileAccess? = nil, open: (String) throws(LoadError) -> YAMLDocument
    ) throws(LoadError) -> Framework {
        let document = try open(frameworkFile)
        let context = DecodingContext(document: document)
        var diagnostics: [Diagnostic] = []
        guard let root = context.root(what: "a framework: id, title, version, scale and dimensions"),
              let map = root.mapping(keys: Self.frameworkKeys) else {
            throw .invalid(DiagnosticError(context.diagnostics))
        }
        let id = map.string("id").map { checkID($0, at: map["id"]) } ?? ""
        let title = map.string("title") ?? ""
        let version = map.string("version") ?? ""
        let description = map.optionalString("description") ?? ""
        let scoring = map["scoring"]?.choice(ScoringMode.self) ?? .levels
        let overall = map["overall"]?.choice(OverallMethod.self) ?? .weightedMean
        let scale = map.required("scale").flatMap(readScale) ?? .standard
        var bands: [Double] = []
        if let bandsReader = map["bands"] {
            bands = readBands(bandsReader, scale: scale)
        } else if scoring == .points {
            bands = (0..<scale.top).map { Double($0) * 100 / Double(scale.top) }
        }
        let aggregation = map["aggregation"].map(readAggregation) ?? AggregationRules()
        let maximum = map["maximum"]?.choice(MaximumRule.self) ?? .assessed
        let answers = map["answers"].map(Self.readAnswers) ?? AnswerRules()
        let rounding = map["rounding"].map(Self.readRounding) ?? RoundingRules()
        var plugins = self.plugins
        for entry in map["plugins"]?.list() ?? [] {
            let folder = FileReader.folder(of: frameworkFile)
            if let path = entry.node.scalar?.text ?? entry.node["path"]?.scalar?.text,
               plugins.contains(where: { $0.path == FileReader.resolve(path, relativeTo: folder) }) {
                continue  // already started from the command line
            }
            if let plugin = startPlugin(entry, folder: folder) { plugins.append(plugin) }
        }
        var loader = self
        loader.registry = Self.registry(registry, with: plugins)
        for clash in loader.registry.duplicates where !registry.duplicates.contains(clash) {
            let owner = plugins.first { $0.descriptions.contains { $0.id == clash } }
            map["plugins"]?.error("plugin '\(owner?.name ?? "?")' offers assessor '\(clash)', which already exists",
                                  hint: "plugins must use ids of their own, such as 'acme.\(clash)'")
            if map["plugins"] == nil {
                diagnostics.append(Diagnostic(file: owner?.path ?? "plugin", location: .unknown,
                                              message: "plugin '\(owner?.name ?? "?")' offers assessor '\(clash)', which already exists",
                                              hint: "plugins must use ids of their own, such as 'acme.\(clash)'"))
            }
        }

        var dimensions: [Dimension] = []
        var seenRubrics: [String: String] = [:]
        var actionDocuments: [String: YAMLDocument] = [:]
        for entry in map.required("dimensions")?.list() ?? [] {
            guard let dimension = entry.mapping(keys: ["rubric", "weight"]), let path = dimension.string("rubric") else { continue }
            let weight = dimension["weight"]?.number(in: 0...1_000_000) ?? 1
            if let access, access.place(of: FileReader.resolve(path, relativeTo: FileReader.folder(of: frameworkFile))) == .outside {
                let (message, hint) = FileRefusal.outsideMessage(written: path, key: "rubric", access: access, what: "framework")
                dimension["rubric"]?.error(message, hint: hint)
                continue
            }
            let rubricDocument: YAMLDocument
            do {
                rubricDocument = try open(path)
            } catch {
                switch error {
                case .notFound:
                    dimension["rubric"]?.error("the rubric file '\(path)' does not exist",
                                               hint: "paths are relative to the folder holding framework.yaml")
                case .invalid(let problems):
                    diagnostics += problems.diagnostics
                }
                continue
            }
            let (rubric, problems) = loader.decodeRubric(rubricDocument, scale: scale)
            actionDocuments[rubricDocument.file] = rubricDocument
            diagnostics += problems
            guard let rubric else { continue }
            if let first = seenRubrics[rubric.id] {
                dimension["rubric"]?.error("rubric id '\(rubric.id)' is used twice (also by \(first))",
                                           hint: "give each rubric its own id")
                continue
            }
            seenRubrics[rubric.id] = path
            dimensions.append(Dimension(rubric: rubric, weight: weight))
        }
        if dimensions.isEmpty, context.diagnostics.isEmpty, diagnostics.isEmpty {
            map.reader.error("the framework has no dimensions", hint: "list at least one rubric under 'dimensions:'")
        }
        if dimensions.count > 0, dimensions.allSatisfy({ $0.weight == 0 }) {
            map["dimensions"]?.error("every dimension has weight 0", hint: "give at least one dimension a positive weight")
        }
        diagnostics += context.diagnostics
        diagnostics += Self.duplicateCriteria(dimensions)
        diagnostics += Self.checkConditions(dimensions)
        diagnostics += Self.checkActions(dimensions, scale: scale, documents: actionDocuments)
        var targets: [String: Int] = [:]
        if let map = map["targets"], let pairs = map.node.pairs {
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                let reader = map.child(pair.value, key: key)
                guard dimensions.contains(where: { $0.rubric.id == key }) else {
                    context.error("targets names an unknown dimension '\(key)'", at: pair.key.location,
                                  hint: Suggestion.nearest(to: key, in: dimensions.map(\.rubric.id)).map { "did you mean '\($0)'?" })
                    continue
                }
                if let level = reader.integer(in: 1...scale.top) { targets[key] = level }
            }
            let known = Set(diagnostics)  // a set, so many problems are not each compared with every other
            diagnostics += context.diagnostics.filter { !known.contains($0) }
        }
        var planning = PlanningSettings()
        if let planningReader = map["planning"] {
            let before = context.diagnostics.count
            planning = Self.decodePlanning(planningReader, scale: scale)
            diagnostics += Self.checkDuties(planning, dimensions: dimensions, context: context, reader: planningReader)
            diagnostics += context.diagnostics.dropFirst(before).filter { d in !diagnostics.contains(d) }
        }
        var renamed: [String: String] = [:]
        if let renamedReader = map["renamed"] {
            let before = context.diagnostics.count
            renamed = Self.readRenamed(renamedReader, dimensions: dimensions)
            diagnostics += context.diagnostics.dropFirst(before).filter { d in !diagnostics.contains(d) }
        }
        if !diagnostics.isEmpty {
            for plugin in plugins where !self.plugins.contains(where: { $0 === plugin }) { _ = plugin.finish() }
            throw .invalid(DiagnosticError(diagnostics))
        }
        var framework = Framework(id: id, title: title, version: version, description: description, scoring: scoring,
                                  overall: overall, scale: scale, bands: bands, dimensions: dimensions, source: frameworkFile)
        framework.plugins = plugins
        framework.targets = targets
        framework.aggregation = aggregation
        framework.planning = planning
        framework.renamed = renamed
        framework.maximum = maximum
        framework.answers = answers
        framework.rounding = rounding
        return framework
    }

    // MARK: - Plugins

    /// Starts a plugin named in `plugins:`: a path, or `{path, arguments, timeout}`. Paths are relative to the
    /// framework's folder. A plugin that fails to start is kept, so its criteria become errors, not a crash;
    /// so is one the caller chose not to start (``startPlugins``).
    private func startPlugin(_ entry: NodeReader, folder: String) -> ExternalPlugin? {
        var path: String?
        var arguments: [String] = []
        var timeout = pluginTimeout
        if entry.node.scalar != nil {
            path = entry.string()
        } else if let map = entry.mapping(keys: ["path", "arguments", "timeout"]) {
            path = map.string("path")
            arguments = map["arguments"]?.list()?.compactMap { $0.string() } ?? []
            timeout = map["timeout"]?.number(in: 0.1...3600) ?? timeout
        }
        guard let path else { return nil }
        let resolved = FileReader.resolve(path, relativeTo: folder)
        guard FileReader.exists(resolved) else {
            entry.error("the plugin '\(path)' does not exist (looked for \(resolved))",
                        hint: "plugin paths are relative to the folder holding framework.yaml")
            return nil
        }
        guard startPlugins else { return ExternalPlugin(notStarted: resolved, timeout: timeout) }
        return ExternalPlugin(path: resolved, arguments: arguments, timeout: timeout, assessVersion: assessVersion)
    }

    /// A registry with the plugins' assessors added, and placeholders that report a failed plugin's error
    /// for any assessor id the registry does not know.
    public static func registry(_ base: AssessorRegistry, with plugins: [ExternalPlugin]) -> AssessorRegistry {
        var registry = base
        for plugin in plugins {
            for factory in plugin.factories { registry.register(factory) }
        }
        registry.failedPlugins = plugins.filter { $0.failure != nil }
        return registry
    }

    /// Loads a single rubric file on its own, with a given scale (for `assess validate`).
    public func loadRubric(path: String, scale: Scale) throws(LoadError) -> Rubric {
        let document = try FileReader.parse(path, limits: limits)
        let (rubric, problems) = decodeRubric(document, scale: scale)
        var all = problems
        if let rubric {
            all += Self.duplicateCriteria([Dimension(rubric: rubric, weight: 1)])
            all += Self.checkConditions([Dimension(rubric: rubric, weight: 1)])
        }
        guard let rubric, all.isEmpty else { throw .invalid(DiagnosticError(all)) }
        return rubric
    }

    // MARK: - Scale

    private func readScale(_ reader: NodeReader) -> Scale? {
        guard let map = reader.mapping(keys: ["levels"]), let list = map.required("levels")?.list() else { return nil }
        var levels: [LevelDefinition] = []
        for (index, entry) in list.enumerated() {
            guard let level = entry.mapping(keys: ["level", "name", "description"]),
                  let number = level.required("level")?.integer(in: 1...100),
                  let name = level.string("name") else { continue }
            if number != index + 1 {
                level["level"]?.error("levels must be numbered 1, 2, 3 ... in order; expected \(index + 1), found \(number)")
            }
            levels.append(LevelDefinition(level: number, name: name, description: level.optionalString("description") ?? ""))
        }
        if list.count < 2 {
            reader.error("a scale needs at least two levels")
            return nil
        }
        return levels.count == list.count ? Scale(levels: levels) : nil
    }

    private func readBands(_ reader: NodeReader, scale: Scale) -> [Double] {
        guard let items = reader.list() else { return [] }
        let values = items.compactMap { $0.number(in: 0...100) }
        guard values.count == items.count else { return [] }
        if values.count != scale.top {
            reader.error("bands needs \(scale.top) percentages, one per level, found \(values.count)")
        } else if values.first != 0 || zip(values, values.dropFirst()).contains(where: { $0 >= $1 }) {
            reader.error("bands must start at 0 and rise", hint: "for five levels, for example: [0, 20, 40, 60, 80]")
        }
        return values
    }

    // MARK: - Rubric

    /// Decodes a rubric document, returning it (when usable) and every problem found.
    public func decodeRubric(_ document: YAMLDocument, scale: Scale) -> (Rubric?, [Diagnostic]) {
        let context = DecodingContext(document: document)
        guard let root = context.root(what: "a rubric: id, title, version, levels and criteria"),
              let map = root.mapping(keys: Self.rubricKeys) else { return (nil, context.diagnostics) }
        let id = map.string("id").map { checkID($0, at: map["id"]) } ?? ""
        let title = map.string("title") ?? ""
        let version = map.string("version") ?? ""
        let description = map.optionalString("description") ?? ""
        let levels = map.required("levels").map { readLevelDescriptors($0, scale: scale) } ?? [:]
        let sections = map["sections"].map(readSections) ?? []
        var criteria: [Criterion] = []
        let criterionEntries = map.required("criteria")?.list() ?? []
        for entry in criterionEntries {
            if let criterion = decodeCriterion(entry, scale: scale) { criteria.append(criterion) }
        }
        let sectionWarnings = Self.checkSections(sections, criteria: criteria, entries: criterionEntries, document: document)
        if criteria.isEmpty, context.diagnostics.isEmpty {
            map.reader.error("the rubric has no criteria", hint: "add at least one under 'criteria:'")
        }
        var contextIndicators: [ContextIndicator] = []
        for entry in map["context"]?.list() ?? [] {
            if let indicator = decodeContext(entry, scale: scale) {
                if criteria.contains(where: { $0.id == indicator.id }) || contextIndicators.contains(where: { $0.id == indicator.id }) {
                    entry.error("context indicator id '\(indicator.id)' is already used in this rubric",
                                hint: "give each criterion and context indicator its own id")
                } else {
                    contextIndicators.append(indicator)
                }
            }
        }
        var actions: [Action] = []
        for entry in map["actions"]?.list() ?? [] {
            if let action = decodeAction(entry, rubric: id, scale: scale) { actions.append(action) }
        }
        let maximum = map["maximum"]?.choice(MaximumRule.self)
        let answers = map["answers"].map(Self.readAnswers)
        guard context.diagnostics.isEmpty else { return (nil, context.diagnostics) }
        var rubric = Rubric(id: id, title: title, version: version, description: description, levels: levels,
                            criteria: criteria, file: document.file)
        rubric.actions = actions
        rubric.context = contextIndicators
        rubric.maximum = maximum
        rubric.answers = answers
        rubric.sections = sections
        rubric.warnings = sectionWarnings + context.warnings
        return (rubric, [])
    }

    private func decodeCriterion(_ reader: NodeReader, scale: Scale) -> Criterion? {
        guard let map = reader.mapping(keys: Self.criterionKeys) else { return nil }
        let before = reader.context.diagnostics.count
        let id = map.string("id").map { checkID($0, at: map["id"]) } ?? ""
        let title = map.string("title") ?? ""
        let question = map.string("question") ?? ""
        let guidance = map.optionalString("guidance") ?? ""
        let rationale = map.optionalString("rationale") ?? ""
        let weight = map["weight"]?.number(in: 0...1_000_000) ?? 1
        let core = map["core"]?.bool() ?? false
        let points = map["points"]?.number(in: 0...1_000_000)
        let levels = map["levels"].map { readLevelDescriptors($0, scale: scale) } ?? [:]
        let condition = map["when"].flatMap(Self.readCondition)

        guard let (assessorID, assessor, bindings) = readAssessor(map, reader: reader, scale: scale, before: before) else { return nil }
        guard Self.checkMaximum(assessor, points: points, weight: weight, map: map) else { return nil }
        var criterion = Criterion(id: id, title: title, question: question, guidance: guidance, rationale: rationale,
                                  weight: weight, core: core, assessorID: assessorID, assessor: assessor, evidence: bindings,
                                  points: points, levels: levels, location: reader.location)
        criterion.when = condition
        if let appliesTo = map["applies-to"] {
            criterion.appliesTo = Self.readApplicability(appliesTo)
            guard reader.context.diagnostics.count == before else { return nil }
        }
        criterion.section = map["section"]?.string()
        return criterion
    }

    /// Reads `assessor:`, its evidence bindings and `parameters:`, and builds the assessor: shared by criteria
    /// and context indicators. Nil when anything is wrong (reported), or when problems were reported since
    /// `before`.
    private func readAssessor(_ map: MappingReader, reader: NodeReader, scale: Scale, before: Int)
        -> (id: String, assessor: any Assessor, bindings: [EvidenceBinding])? {
        guard let assessorReader = map.required("assessor"), let assessorID = assessorReader.string() else { return nil }
        guard let factory = registry.factory(assessorID) ?? registry.failedPluginFactory(for: assessorID) else {
            assessorReader.error(
                "unknown assessor '\(assessorID)'",
                hint: Suggestion.nearest(to: assessorID, in: registry.ids).map { "did you mean '\($0)'?" }
                    ?? "run 'assess plugins' to list the assessors")
            return nil
        }
        let bindings = readBindings(map, description: factory.description)
        let parametersNode = map["parameters"]?.node ?? YAMLNode(.mapping([]), at: reader.location)
        let parameterReader = NodeReader(node: parametersNode, path: reader.path + ".parameters", context: reader.context)
        guard let parameters = parameterReader.mapping(keys: factory.description.parameters.map(\.name)) else { return nil }
        let assessor = factory.make(parameters, scale)
        guard let assessor, reader.context.diagnostics.count == before else {
            if assessor == nil, reader.context.diagnostics.count == before {
                parameterReader.error("the parameters of assessor '\(assessorID)' are not usable")
            }
            return nil
        }
        return (assessorID, assessor, bindings)
    }

    // MARK: - Sections

    /// Reads a rubric's `sections:`: a list of `{id, title, description, weight}`. Ids must be unique in the
    /// rubric; either every section has a weight (the dimension combines them) or none has (they only group).
    private func readSections(_ reader: NodeReader) -> [Section] {
        guard let list = reader.list() else { return [] }
        var sections: [Section] = []
        var weighted: (id: String, line: Int)?
        var unweighted: (id: String, line: Int)?
        for entry in list {
            guard let map = entry.mapping(keys: Self.sectionKeys) else { continue }
            let before = reader.context.diagnostics.count
            let id = map.string("id").map { checkID($0, at: map["id"]) } ?? ""
            let title = map.string("title") ?? ""
            let weight = map["weight"]?.number(in: 0...1_000_000)
            guard reader.context.diagnostics.count == before else { continue }
            if let first = sections.first(where: { $0.id == id }) {
                (map["id"] ?? entry).error("section id '\(id)' is already used at line \(first.location.line)",
                                           hint: "give each section of a rubric its own id")
                continue
            }
            if map["weight"] != nil {
                if let unweighted {
                    (map["weight"] ?? entry).error(
                        "section '\(id)' has a weight but section '\(unweighted.id)' at line \(unweighted.line) has none",
                        hint: "give every section a weight (the dimension's score combines them) or none (they only group criteria)")
                }
                weighted = weighted ?? (id, entry.location.line)
            } else {
                if let weighted {
                    entry.error("section '\(id)' has no weight but section '\(weighted.id)' at line \(weighted.line) has one",
                                hint: "add 'weight:' to it (the dimension's score combines weighted sections), or remove every section's weight")
                }
                unweighted = unweighted ?? (id, entry.location.line)
            }
            sections.append(Section(id: id, title: title, description: map.optionalString("description") ?? "",
                                    weight: weight, location: entry.location))
        }
        if !sections.isEmpty, sections.allSatisfy({ $0.weight == 0 }) {
            reader.error("every section has weight 0", hint: "give at least one section a positive weight")
        }
        return sections
    }

    /// Checks the criteria's `section:` against the rubric's sections (reported as errors at the criterion's
    /// `section:`), and returns a warning for each section no criterion belongs to.
    private static func checkSections(_ sections: [Section], criteria: [Criterion], entries: [NodeReader],
                                      document: YAMLDocument) -> [Diagnostic] {
        let ids = sections.map(\.id)
        let weighted = !sections.isEmpty && sections.allSatisfy { $0.weight != nil }
        for entry in entries where entry.node.pairs != nil {
            let sectionNode = entry.node["section"]
            if let sectionNode {
                let reader = entry.child(sectionNode, key: "section")
                guard let id = reader.string() else { continue }
                if ids.isEmpty {
                    reader.error("section '\(id)' is not defined: this rubric has no 'sections:'",
                                 hint: "list it under 'sections:' at the top of the rubric, or remove this line")
                } else if !ids.contains(id) {
                    reader.error("unknown section '\(id)'",
                                 hint: Suggestion.nearest(to: id, in: ids).map { "did you mean '\($0)'?" }
                                     ?? "the rubric's sections are: " + ids.joined(separator: ", "))
                }
            } else if weighted, let id = entry.node["id"]?.scalar?.text,
                      let criterion = criteria.first(where: { $0.id == id }), criterion.weight > 0 {
                entry.error("criterion '\(id)' belongs to no section, but this rubric's sections are weighted, so it would not count",
                            hint: "add 'section: ID' naming one of: " + ids.joined(separator: ", "))
            }
        }
        return sections.filter { section in !criteria.contains { $0.section == section.id } }.map { section in
            document.diagnostic("section '\(section.id)' has no criteria", at: section.location,
                                hint: "add 'section: \(section.id)' to its criteria, or remove the section", severity: .warning)
        }
    }

    /// Refuses a criterion's `points:` below its assessor's top answer (an answer could earn more than the
    /// maximum), and warns about a scored question whose every answer is worth 0 points. False when refused.
    static func checkMaximum(_ assessor: any Assessor, points: Double?, weight: Double, map: MappingReader) -> Bool {
        guard let top = assessor.maximumPoints else { return true }
        if let points, points < top, let node = map["points"] {
            node.error("points: \(Format.number(points)) is below the \(Format.number(top)) points of the top option, so an answer could earn more than the maximum",
                       hint: "set points: \(Format.number(top)) or more, or remove points: to use \(Format.number(top))")
            return false
        }
        if top == 0, weight > 0 {
            let at = map["parameters"] ?? map.reader
            at.context.warn("every option of this scored question is worth 0 points, so it can never raise a score", at: at.location,
                            hint: "give the options their points, or set weight: 0 if the question is asked but not scored")
        }
        return true
    }

    /// Reads `applies-to:`: a list of organisation types, or `{types: [...], code-prefix: [...], nations: [...],
    /// attributes: {key: value or [values]}, reason: ...}`. Checklist items read theirs here too.
    public static func readApplicability(_ reader: NodeReader) -> Applicability {
        var result = Applicability()
        var typesReader: NodeReader? = reader
        if reader.node.pairs != nil {
            guard let map = reader.mapping(keys: Self.appliesToKeys) else { return result }
            typesReader = map["types"]
            result.codePrefixes = map["code-prefix"]?.list()?.compactMap { $0.string() } ?? []
            result.reason = map.optionalString("reason")
            let known = Nation.allCases.filter { $0 != .unknown }.map(\.rawValue)
            for entry in map["nations"]?.list() ?? [] {
                guard let nation = entry.string() else { continue }
                if known.contains(nation) {
                    result.nations.append(nation)
                } else {
                    entry.error("'\(nation)' is not a UK nation",
                                hint: Suggestion.nearest(to: nation, in: known).map { "did you mean '\($0)'?" }
                                    ?? "use one of: " + known.joined(separator: ", "))
                }
            }
            if let attributes = map["attributes"] {
                result.attributes = readAttributeConditions(attributes)
            }
            if map["types"] == nil, map["code-prefix"] == nil, map["nations"] == nil, map["attributes"] == nil {
                reader.error("applies-to names no organisation types, code prefixes, nations or attributes",
                             hint: "add 'types: [district, unitary]', 'code-prefix: [E07]', 'nations: [england]' or 'attributes: {housing-stock: yes}'")
            }
        }
        for entry in typesReader?.list() ?? [] {
            guard let type = entry.string() else { continue }
            if Applicability.organisationTypes.contains(type) {
                result.types.append(type)
            } else {
                entry.error("'\(type)' is not an organisation type",
                            hint: Suggestion.nearest(to: type, in: Applicability.organisationTypes).map { "did you mean '\($0)'?" }
                                ?? "use one of: " + Applicability.organisationTypes.joined(separator: ", "))
            }
        }
        return result
    }

    /// Reads `attributes: {key: value or [values]}` under `applies-to:`: each organisation attribute and the
    /// values any of which it must have.
    public static func readAttributeConditions(_ reader: NodeReader) -> [Applicability.AttributeCondition] {
        guard let pairs = reader.node.pairs else {
            reader.error("attributes must map organisation attributes to a value or a list of values, found \(reader.node.kindDescription)",
                         hint: "write for example attributes: {housing-stock: yes}")
            return []
        }
        var conditions: [Applicability.AttributeCondition] = []
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            let value = reader.child(pair.value, key: key)
            guard Applicability.isAttributeKey(key) else {
                reader.context.error("'\(key)' is not an attribute name", at: pair.key.location,
                                     hint: "use lower-case letters, digits and hyphens, such as housing-stock")
                continue
            }
            if conditions.contains(where: { $0.key == key }) {
                reader.context.error("attribute '\(key)' is named twice", at: pair.key.location, hint: "list its values once, as [a, b]")
                continue
            }
            let entries = value.node.items != nil ? (value.list() ?? []) : [value]
            var values: [String] = []
            for entry in entries {
                guard let scalar = entry.node.scalar, !scalar.isNull else {
                    entry.error("an attribute value must be a single value, found \(entry.node.kindDescription)",
                                hint: "write a word, a number or yes/no")
                    continue
                }
                values.append(scalar.text)
            }
            if entries.isEmpty { value.error("attribute '\(key)' lists no values", hint: "give at least one value") }
            conditions.append(Applicability.AttributeCondition(key: key, values: values))
        }
        return conditions
    }

    /// Reads a context indicator: the assessor whose reader computes the figure, the finding that holds it,
    /// its unit and the national figure.
    private func decodeContext(_ reader: NodeReader, scale: Scale) -> ContextIndicator? {
        guard let map = reader.mapping(keys: Self.contextKeys) else { return nil }
        let before = reader.context.diagnostics.count
        let id = map.string("id").map { checkID($0, at: map["id"]) } ?? ""
        let title = map.string("title") ?? ""
        let description = map.optionalString("description") ?? ""
        let finding = map.required("finding", hint: "name the assessor's finding that holds the figure, such as 'value'")?.string() ?? ""
        let unit = map["unit"]?.string() ?? ""
        var national: Double?
        var area: String?
        var source: String?
        var date: String?
        if let nationalReader = map["national"], let n = nationalReader.mapping(keys: ["value", "area", "source", "date"]) {
            national = n.required("value")?.number()
            area = n.optionalString("area")
            source = n.required("source", hint: "name the organisation, document and year the figure comes from")?.string()
            date = n.optionalString("date")
        }
        guard let (assessorID, assessor, bindings) = readAssessor(map, reader: reader, scale: scale, before: before) else { return nil }
        return ContextIndicator(id: id, title: title, description: description, assessorID: assessorID, assessor: assessor,
                                evidence: bindings, finding: finding, unit: unit, national: national, nationalArea: area,
                                nationalSource: source, nationalDate: date, location: reader.location)
    }

    // MARK: - Scoring rules

    /// Reads `answers:`: how each kind of non-answer counts (each key allows only some rules) and `match:`.
    static func readAnswers(_ reader: NodeReader) -> AnswerRules {
        var rules = AnswerRules()
        guard let map = reader.mapping(keys: answersKeys, what: "the rules for unanswered, not-applicable, dont-know, skipped and unscorable answers") else { return rules }
        for (key, allowed) in AnswerRules.allowed {
            guard let entry = map[key], let text = entry.string() else { continue }
            let names = allowed.map(\.rawValue)
            guard let value = AnswerCount(rawValue: text), allowed.contains(value) else {
                let known = AnswerCount(rawValue: text) != nil
                entry.error("'\(text)' is not a rule for \(key) answers" + (known ? " (it may be \(names.joined(separator: " or ")))" : ""),
                            hint: (known ? nil : Suggestion.nearest(to: text, in: names).map { "did you mean '\($0)'?" })
                                ?? "use one of: \(names.joined(separator: ", "))")
                continue
            }
            switch key {
            case "unanswered": rules.unanswered = value
            case "not-applicable": rules.notApplicable = value
            case "dont-know": rules.dontKnow = value
            case "skipped": rules.skipped = value
            default: rules.unscorable = value
            }
        }
        if let match = map["match"] { rules.match = readMatch(match) }
        return rules
    }

    /// Reads a `match:` rule: `{trim: true, case: insensitive}`; an unstated key keeps its default.
    static func readMatch(_ reader: NodeReader) -> AnswerMatch? {
        guard let map = reader.mapping(keys: ["trim", "case"], what: "trim: true|false and case: sensitive|insensitive") else { return nil }
        var match = AnswerMatch()
        if let trim = map["trim"]?.bool() { match.trim = trim }
        if let entry = map["case"], let text = entry.string() {
            switch text {
            case "insensitive": match.caseInsensitive = true
            case "sensitive": match.caseInsensitive = false
            default:
                entry.error("case must be sensitive or insensitive, found \"\(text)\"",
                            hint: Suggestion.nearest(to: text, in: ["sensitive", "insensitive"]).map { "did you mean '\($0)'?" }
                                ?? "write 'case: insensitive' to ignore upper and lower case")
            }
        }
        return match
    }

    /// Reads `rounding:`: decimal places per stage (0 to 10) and the mode.
    static func readRounding(_ reader: NodeReader) -> RoundingRules {
        var rules = RoundingRules()
        guard let map = reader.mapping(keys: roundingKeys, what: "decimal places for criterion, section, dimension and overall, and a mode") else { return rules }
        rules.criterion = map["criterion"]?.integer(in: 0...10)
        rules.section = map["section"]?.integer(in: 0...10)
        rules.dimension = map["dimension"]?.integer(in: 0...10)
        rules.overall = map["overall"]?.integer(in: 0...10)
        if let mode = map["mode"]?.choice(RoundingRules.Mode.self) { rules.mode = mode }
        return rules
    }

    /// Reads a criterion's `when:`: `{answer-of: ID, in: [...]}` or `{answer-of: ID, not-in: [...]}`.
    static func readCondition(_ reader: NodeReader) -> QuestionCondition? {
        guard let map = reader.mapping(keys: ["answer-of", "in", "not-in"], what: "answer-of: QUESTION-ID and in: [values] or not-in: [values]"),
              let parent = map.string("answer-of") else { return nil }
        let isIn = map["in"] != nil
        guard (map["in"] == nil) != (map["not-in"] == nil), let list = (map["in"] ?? map["not-in"])?.list() else {
            if map["in"] != nil, map["not-in"] != nil {
                reader.error("when has both 'in' and 'not-in'", hint: "give one: the answers that ask this question, or those that skip it")
            } else if map["in"] == nil, map["not-in"] == nil {
                reader.error("when names no answers", hint: "add 'in: [\"Yes\"]' (asked for these answers) or 'not-in: [\"No\"]' (skipped for these)")
            }
            return nil
        }
        let values = list.compactMap { entry -> String? in
            // An answer such as `Yes` or `No` is read as written, never as a boolean.
            guard let scalar = entry.node.scalar, !scalar.isNull else { return entry.string() }
            return scalar.text
        }
        guard values.count == list.count else { return nil }
        if values.isEmpty { reader.error("when lists no answers", hint: "name at least one answer of '\(parent)'") }
        return QuestionCondition(parent: parent, values: values, isIn: isIn, location: reader.location)
    }

    /// Question logic checks across the framework: a `when:` must name an earlier criterion that is an options
    /// question with an `answer` fact.
    static func checkConditions(_ dimensions: [Dimension]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let all = dimensions.flatMap { dimension in dimension.rubric.criteria.map { (dimension.rubric.file, $0) } }
        var earlier: [String: Criterion] = [:]
        for (file, criterion) in all {
            defer { earlier[criterion.id] = criterion }
            guard let condition = criterion.when else { continue }
            func report(_ message: String, _ hint: String) {
                problems.append(Diagnostic(file: file, location: condition.location, message: message, hint: hint))
            }
            if let parent = earlier[condition.parent] {
                if parent.assessorID != "options" || !parent.evidence.contains(where: { $0.role == "answer" }) {
                    report("criterion '\(criterion.id)' depends on the answer of '\(parent.id)', which is not an options question",
                           "question logic reads an earlier question answered from a list of options (assessor: options)")
                }
            } else if condition.parent == criterion.id {
                report("criterion '\(criterion.id)' depends on its own answer", "name the earlier question whose answer decides whether this one is asked")
            } else if all.contains(where: { $0.1.id == condition.parent }) {
                report("criterion '\(criterion.id)' depends on '\(condition.parent)', which comes after it",
                       "move '\(condition.parent)' before '\(criterion.id)': a question can only depend on an earlier one")
            } else {
                report("criterion '\(criterion.id)' depends on an unknown criterion '\(condition.parent)'",
                       Suggestion.nearest(to: condition.parent, in: Array(earlier.keys).sorted()).map { "did you mean '\($0)'?" }
                           ?? "name an earlier options question of this framework")
            }
        }
        return problems
    }

    // MARK: - Aggregation

    /// Reads `renamed:`, a mapping of old criterion ids to the current ids they became. An old id must no
    /// longer be a criterion, and a new id must be one.
    static func readRenamed(_ reader: NodeReader, dimensions: [Dimension]) -> [String: String] {
        guard let pairs = reader.node.pairs else {
            reader.error("renamed must be a mapping of old criterion ids to new ones, found \(reader.node.kindDescription)",
                         hint: "write 'renamed: {cs-old-id: cs-new-id}'")
            return [:]
        }
        let current = dimensions.flatMap { $0.rubric.criteria.map(\.id) }
        let known = Set(current)
        var renamed: [String: String] = [:]
        for pair in pairs {
            let old = pair.key.scalar?.text ?? ""
            let value = reader.child(pair.value, key: old)
            guard let new = value.string() else { continue }
            if known.contains(old) {
                reader.context.error("'\(old)' is still a criterion, so it cannot have been renamed", at: pair.key.location,
                                     hint: "remove this line, or the criterion it names")
            } else if !known.contains(new) {
                value.error("'\(new)' is not a criterion of this framework",
                            hint: Suggestion.nearest(to: new, in: current).map { "did you mean '\($0)'?" } ?? "give the id of the criterion '\(old)' became")
            } else if renamed.values.contains(new) {
                value.error("'\(new)' is already the new id of another criterion", hint: "each criterion can replace one old id")
            } else {
                renamed[old] = new
            }
        }
        return renamed
    }

    /// Reads `aggregation:`, the rules for claiming headline scores and levels.
    private func readAggregation(_ reader: NodeReader) -> AggregationRules {
        var rules = AggregationRules()
        guard let map = reader.mapping(keys: ["minimum-coverage", "overall", "unverified-core", "confidence-cap-by-coverage"])
        else { return rules }
        if let value = map["minimum-coverage"]?.number(in: 0...1) { rules.minimumCoverage = value }
        if let overall = map["overall"]?.mapping(keys: ["minimum-coverage", "minimum-dimensions"]) {
            if let value = overall["minimum-coverage"]?.number(in: 0...1) { rules.overallMinimumCoverage = value }
            if let dimensions = overall["minimum-dimensions"] {
                if dimensions.node.scalar?.text == "all" {
                    rules.overallMinimumDimensions = nil
                } else if dimensions.node.scalar.flatMap({ Int($0.text) }) != nil {
                    rules.overallMinimumDimensions = dimensions.integer(in: 0...1000)
                } else {
                    dimensions.error("minimum-dimensions must be 'all' or a whole number, found '\(dimensions.node.scalar?.text ?? dimensions.node.kindDescription)'",
                                     hint: "write 'all' (every weighted dimension needs a level) or a number such as 4")
                }
            }
        }
        if let choice = map["unverified-core"]?.choice(AggregationRules.UnverifiedCore.self) { rules.unverifiedCore = choice }
        if let caps = map["confidence-cap-by-coverage"]?.list() {
            rules.confidenceCaps = caps.compactMap { entry in
                guard let cap = entry.mapping(keys: ["below", "at-most"]),
                      let below = cap.required("below")?.number(in: 0...1),
                      let atMost = cap.required("at-most")?.number(in: 0...1) else { return nil }
                return AggregationRules.ConfidenceCap(below: below, atMost: atMost)
            }
        }
        return rules
    }

    private func readBindings(_ map: MappingReader, description: AssessorDescription) -> [EvidenceBinding] {
        let roles = description.roles
        guard let reader = map.required("evidence", hint: "map the assessor's roles (\(roles.map(\.name).joined(separator: ", "))) to fact keys")
        else { return [] }
        if let scalar = reader.node.scalar, !scalar.isNull {
            guard roles.count == 1 else {
                reader.error("assessor '\(description.id)' reads \(roles.count) facts, so 'evidence' must map each role",
                             hint: "write one line per role: \(roles.map { "\($0.name): KEY" }.joined(separator: ", "))")
                return []
            }
            return [EvidenceBinding(role: roles[0].name, fact: checkFactKey(scalar.text, at: reader))]
        }
        guard let mapping = reader.mapping(keys: roles.map(\.name), what: "role: fact-key lines") else { return [] }
        var bindings: [EvidenceBinding] = []
        for role in mapping.order {
            guard let key = mapping[role]?.string() else { continue }
            bindings.append(EvidenceBinding(role: role, fact: checkFactKey(key, at: mapping[role] ?? reader)))
        }
        for role in roles where role.required && mapping[role.name] == nil {
            reader.error("evidence has no fact for the role '\(role.name)' that assessor '\(description.id)' needs",
                         hint: "add '\(role.name): FACT-KEY' (\(role.summary))")
        }
        return bindings
    }

    private func readLevelDescriptors(_ reader: NodeReader, scale: Scale) -> [Int: String] {
        guard let pairs = reader.node.pairs else {
            reader.error("levels must map each level number to its descriptor, found \(reader.node.kindDescription)",
                         hint: "write '1: ...' to '\(scale.top): ...', one per line")
            return [:]
        }
        var result: [Int: String] = [:]
        for pair in pairs {
            let keyReader = NodeReader(node: pair.key, path: reader.path, context: reader.context)
            guard let text = pair.key.scalar?.text, let level = Int(text), (1...scale.top).contains(level) else {
                keyReader.error("level '\(pair.key.scalar?.text ?? "?")' is not on the scale",
                                hint: "use the level numbers 1 to \(scale.top)")
                continue
            }
            if let description = NodeReader(node: pair.value, path: "\(reader.path).\(level)", context: reader.context).string() {
                result[level] = description
            }
        }
        let missing = (1...scale.top).filter { result[$0] == nil }
        if !missing.isEmpty, pairs.count == result.count {
            reader.error("levels has no descriptor for level \(missing.map(String.init).joined(separator: ", "))",
                         hint: "describe every level from 1 to \(scale.top)")
        }
        return result
    }

    // MARK: - Actions

    private func decodeAction(_ reader: NodeReader, rubric: String, scale: Scale) -> Action? {
        guard let map = reader.mapping(keys: Self.actionKeys) else { return nil }
        let before = reader.context.diagnostics.count
        let id = map.string("id").map { checkID($0, at: map["id"]) } ?? ""
        let title = map.string("title") ?? ""
        let description = map.string("description") ?? ""
        let effort = map.required("effort", hint: "add 'effort:' in person-days")?.number(in: 0.1...100_000) ?? 1
        var cost: Double?
        var recurringCost: Double?
        var costSource: String?
        if let costReader = map["cost"] {
            if costReader.node.scalar != nil {
                cost = costReader.number(in: 0...1e12)
            } else if let costs = costReader.mapping(keys: ["one-off", "recurring", "source"]) {
                cost = costs["one-off"]?.number(in: 0...1e12)
                recurringCost = costs["recurring"]?.number(in: 0...1e12)
                costSource = costs.optionalString("source")
            }
        }
        var benefit: Action.Benefit?
        if let benefitMap = map["benefit"]?.mapping(keys: ["cashable", "non-cashable", "share-of-saving", "risk", "source"]) {
            benefit = Action.Benefit(
                cashable: benefitMap["cashable"].flatMap { Self.decodeRange($0, in: 0...1e12) },
                nonCashable: benefitMap["non-cashable"].flatMap { Self.decodeRange($0, in: 0...1e12) },
                shareOfSaving: benefitMap["share-of-saving"].flatMap { Self.decodeRange($0, in: 0...1) },
                risk: benefitMap["risk"]?.choice(Action.Risk.self), source: benefitMap.optionalString("source"))
        }
        let duties = map["duties"]?.list()?.compactMap { $0.string() } ?? []
        var raises: [Action.Raise] = []
        if let raisesReader = map.required("raises", hint: "map each criterion it raises to the level it reaches, such as {cs-digital-share: 3}") {
            if let pairs = raisesReader.node.pairs {
                for pair in pairs {
                    let criterion = pair.key.scalar?.text ?? ""
                    if let level = raisesReader.child(pair.value, key: criterion).number(in: 1...Double(scale.top)) {
                        raises.append(Action.Raise(criterion: criterion, level: level))
                    }
                }
            } else {
                raisesReader.error("raises must map criterion ids to levels, found \(raisesReader.node.kindDescription)",
                                   hint: "for example {cs-digital-share: 3}")
            }
            if raises.isEmpty, reader.context.diagnostics.count == before {
                raisesReader.error("action '\(id)' raises nothing", hint: "name at least one criterion and the level it reaches")
            }
        }
        let dependsOn = map["depends-on"]?.list()?.compactMap { $0.string() } ?? []
        let appliesTo = map["applies-to"].map { Self.readApplicability($0) }
        guard reader.context.diagnostics.count == before else { return nil }
        var action = Action(id: id, title: title, description: description, raises: raises, effort: effort, cost: cost,
                            recurringCost: recurringCost, costSource: costSource, benefit: benefit, duties: duties,
                            dependsOn: dependsOn, owner: map.optionalString("owner"), doneWhen: map.optionalString("evidence"),
                            dimension: rubric, file: reader.context.document.file, location: reader.location)
        if let appliesTo { action.appliesTo = appliesTo }
        return action
    }

    /// Cross-rubric checks: raised criteria exist, dependencies exist, no cycles, no duplicate ids.
    static func checkActions(_ dimensions: [Dimension], scale: Scale, documents: [String: YAMLDocument]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func report(_ action: Action, _ message: String, hint: String? = nil) {
            let document = documents[action.file] ?? YAMLDocument(file: action.file, root: nil, bytes: [])
            problems.append(document.diagnostic(message, at: action.location, hint: hint))
        }
        let criteria = Set(dimensions.flatMap { $0.rubric.criteria.map(\.id) })
        let contextIDs = Set(dimensions.flatMap { $0.rubric.context.map(\.id) })
        let actions = dimensions.flatMap(\.rubric.actions)
        let actionIDs = Set(actions.map(\.id))
        // Suggestion indexes built once, on the first unknown id, not once per unknown id.
        var criterionSuggestions: Suggestion.Index?
        var actionSuggestions: Suggestion.Index?
        var byID: [String: Action] = [:]
        for action in actions {
            if let first = byID[action.id] {
                report(action, "action id '\(action.id)' is already used at \(first.file):\(first.location.line)",
                       hint: "action ids must be unique across the framework")
            } else {
                byID[action.id] = action
            }
            if criteria.contains(action.id) {
                report(action, "action id '\(action.id)' is also a criterion id", hint: "give actions their own ids")
            }
            for raise in action.raises where !criteria.contains(raise.criterion) {
                if contextIDs.contains(raise.criterion) {
                    report(action, "action '\(action.id)' raises '\(raise.criterion)', which is a context indicator and is never scored",
                           hint: "raise the criteria that score what the council does about it instead")
                    continue
                }
                if criterionSuggestions == nil { criterionSuggestions = Suggestion.Index(criteria.sorted()) }
                report(action, "action '\(action.id)' raises an unknown criterion '\(raise.criterion)'",
                       hint: criterionSuggestions?.nearest(to: raise.criterion).map { "did you mean '\($0)'?" })
            }
            for dependency in action.dependsOn where !actionIDs.contains(dependency) {
                if actionSuggestions == nil { actionSuggestions = Suggestion.Index(actionIDs.sorted()) }
                report(action, "action '\(action.id)' depends on an unknown action '\(dependency)'",
                       hint: actionSuggestions?.nearest(to: dependency).map { "did you mean '\($0)'?" })
            }
            if action.dependsOn.contains(action.id) { report(action, "action '\(action.id)' depends on itself") }
        }
        // Cycles: depth-first search, reporting each cycle once with every action in it.
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        var reported = Set<String>()
        func visit(_ id: String) {
            state[id] = 1
            stack.append(id)
            for dependency in byID[id]?.dependsOn ?? [] where dependency != id && byID[dependency] != nil {
                if state[dependency] == 1, let start = stack.firstIndex(of: dependency) {
                    let cycle = Array(stack[start...])
                    let key = cycle.sorted().joined(separator: ",")
                    if !reported.contains(key), let first = byID[cycle[0]] {
                        reported.insert(key)
                        let path = (cycle + [cycle[0]]).joined(separator: " → ")
                        let places = cycle.compactMap { byID[$0] }.map { "\($0.id) (\($0.file):\($0.location.line))" }.joined(separator: ", ")
                        report(first, "actions depend on each other in a cycle: \(path)",
                               hint: "remove one of these dependencies: \(places)")
                    }
                } else if state[dependency] == nil {
                    visit(dependency)
                }
            }
            stack.removeLast()
            state[id] = 2
        }
        for action in actions where state[action.id] == nil { visit(action.id) }
        return problems
    }

    // MARK: - Checks

    private func checkID(_ id: String, at reader: NodeReader?) -> String {
        // Bytes, not Characters: the Unicode property lookups cost more than the rest of the check, on every id.
        let allowed = id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 }
        if !allowed || id.isEmpty {
            reader?.error("'\(id)' is not a valid id", hint: "use lower-case letters, digits, '-' and '.' only")
        }
        return id
    }

    private func checkFactKey(_ key: String, at reader: NodeReader) -> String {
        if !Evidence.isValidKey(key) {
            reader.error("'\(key)' is not a valid fact key", hint: "use lower-case words joined by '.' or '-', such as channel.volumes")
        }
        return key
    }

    /// Criteria whose ids are used more than once across the framework.
    static func duplicateCriteria(_ dimensions: [Dimension]) -> [Diagnostic] {
        var seen: [String: (file: String, location: SourceLocation)] = [:]
        var problems: [Diagnostic] = []
        for dimension in dimensions {
            let ids = dimension.rubric.criteria.map { ($0.id, $0.location, "criterion") }
                + dimension.rubric.context.map { ($0.id, $0.location, "context indicator") }
            for (id, location, kind) in ids {
                if let first = seen[id] {
                    problems.append(Diagnostic(file: dimension.rubric.file, location: location,
                                               message: "\(kind) id '\(id)' is already used at \(first.file):\(first.location.line)",
                                               hint: kind == "criterion" ? "criterion ids must be unique across the framework"
                                                   : "criterion and context indicator ids must be unique across the framework"))
                } else {
                    seen[id] = (dimension.rubric.file, location)
                }
            }
        }
        return problems
    }
}
