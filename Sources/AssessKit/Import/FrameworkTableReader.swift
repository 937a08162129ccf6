import AssessCore

/// Reads a framework's YAML (its `framework.yaml` and the rubrics it lists) back into a ``QuestionTable``,
/// for `assess export-table`. Every criterion must be an `options` question with points (levels, when the
/// framework scores levels) or meanings; what the table cannot hold (level descriptors, rationale, fact keys
/// other than `answers.ID`) is reported as a warning, never dropped silently. The framework's own settings
/// (scale, scoring, answer rules, rounding...) are not rows of the table: ``Reading/settings`` names them, and
/// `assess import --base` carries them from the framework file.
public struct FrameworkTableReader {
    /// The table and what it leaves out.
    public struct Reading: Sendable {
        /// The table.
        public var table: QuestionTable
        /// What the table does not keep, located in the YAML.
        public var warnings: [Diagnostic]
        /// How the framework scores: what the numbers in the options are.
        public var scoring: QuestionTable.Scoring
        /// The framework file's keys other than `dimensions:`, in order (`scale`, `scoring`, `answers`...): the
        /// method's settings, which the table does not hold and `assess import --base` takes from the file.
        public var settings: [String]
    }

    /// Keys of `framework.yaml` that the table keeps (or that need not be kept: the scale is written anew).
    static let keptFrameworkKeys: Set<String> = ["dimensions"]
    /// Keys of a rubric the table keeps.
    static let keptRubricKeys: Set<String> = ["id", "title", "version", "description", "sections", "criteria", "levels"]
    /// Keys of a criterion the table keeps.
    static let keptCriterionKeys: Set<String> = ["id", "title", "section", "question", "guidance", "weight", "scored", "core", "points",
                                                 "assessor", "evidence", "parameters", "when", "applies-to"]

    private var diagnostics: [Diagnostic] = []
    private var warnings: [Diagnostic] = []
    private var scoring: QuestionTable.Scoring = .points
    private var settings: [String] = []
    /// The framework's scale, as importing writes each rubric's level descriptors from it.
    private var scaleLevels: [FrameworkWriter.ScaleLevel] = FrameworkWriter.standardLevels

    /// Reads a framework document, opening each rubric it lists with `open` (a path as written, relative to
    /// the framework's folder).
    public static func read(framework document: YAMLDocument,
                            open: (String) throws(LoadError) -> YAMLDocument) throws(LoadError) -> Reading {
        var reader = FrameworkTableReader()
        let table = try reader.readFramework(document, open: open)
        guard reader.diagnostics.isEmpty else { throw .invalid(DiagnosticError(reader.diagnostics)) }
        return Reading(table: table, warnings: reader.warnings, scoring: reader.scoring, settings: reader.settings)
    }

    private mutating func error(_ document: YAMLDocument, _ node: YAMLNode?, _ message: String, hint: String? = nil) {
        diagnostics.append(document.diagnostic(message, at: node?.location ?? .unknown, hint: hint))
    }

    private mutating func warn(_ document: YAMLDocument, _ node: YAMLNode?, _ message: String, hint: String? = nil) {
        warnings.append(document.diagnostic(message, at: node?.location ?? .unknown, hint: hint, severity: .warning))
    }

    private mutating func text(_ document: YAMLDocument, _ node: YAMLNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar, !scalar.isNull else {
            error(document, node, "\(what) must be text, found \(node.kindDescription)")
            return nil
        }
        return scalar.text
    }

    private mutating func number(_ document: YAMLDocument, _ node: YAMLNode?, _ what: String) -> Double? {
        guard let node else { return nil }
        guard let text = node.scalar?.text, case .value(let value) = InputNumber.read(text), value >= 0 else {
            error(document, node, "\(what) must be a number from 0 up, found \(node.kindDescription)")
            return nil
        }
        return value
    }

    private mutating func texts(_ document: YAMLDocument, _ node: YAMLNode?, _ what: String) -> [String] {
        guard let node else { return [] }
        if let items = node.items { return items.compactMap { text(document, $0, what) } }
        return text(document, node, what).map { [$0] } ?? []
    }

    private mutating func notKept(_ document: YAMLDocument, _ node: YAMLNode, kept: Set<String>, what: String) {
        node.forEachPair { key, value in
            guard let name = key.scalar?.text, !kept.contains(name) else { return }
            warn(document, key, "the table does not keep \(what)'s '\(name)'", hint: "importing the table gives a framework without it; add it again by hand")
        }
    }

    private mutating func readFramework(_ document: YAMLDocument, open: (String) throws(LoadError) -> YAMLDocument) throws(LoadError) -> QuestionTable {
        guard let root = document.root, root.pairs != nil else {
            error(document, document.root, "a framework must be a mapping with id, title, version and dimensions")
            return QuestionTable(dimensions: [])
        }
        root.forEachPair { key, _ in
            if let name = key.scalar?.text, !Self.keptFrameworkKeys.contains(name) { settings.append(name) }
        }
        // The loader's default is levels.
        let scoringText = root["scoring"]?.scalar?.text ?? QuestionTable.Scoring.levels.rawValue
        guard let scoring = QuestionTable.Scoring(rawValue: scoringText) else {
            error(document, root["scoring"], "a '\(scoringText)' framework cannot be written as a table",
                  hint: "the table holds questionnaires scored by points or by levels")
            return QuestionTable(dimensions: [])
        }
        self.scoring = scoring
        let levels = FrameworkWriter.scaleLevels(of: root)
        if !levels.isEmpty { scaleLevels = levels }
        var dimensions: [QuestionTable.Dimension] = []
        guard let entries = root["dimensions"]?.items else {
            error(document, root["dimensions"] ?? root, "the framework lists no dimensions", hint: "add 'dimensions:' with a rubric each")
            return QuestionTable(dimensions: [])
        }
        for entry in entries {
            guard let path = text(document, entry["rubric"], "'rubric'") else {
                error(document, entry, "a dimension names no rubric file")
                continue
            }
            let weight = number(document, entry["weight"], "a dimension's weight")
            let rubric = try open(path)
            if var dimension = readRubric(rubric) {
                dimension.weight = weight
                dimensions.append(dimension)
            }
        }
        return QuestionTable(dimensions: dimensions)
    }

    private mutating func readRubric(_ document: YAMLDocument) -> QuestionTable.Dimension? {
        guard let root = document.root, root.pairs != nil else {
            error(document, document.root, "a rubric must be a mapping with id, title and criteria")
            return nil
        }
        notKept(document, root, kept: Self.keptRubricKeys, what: "the rubric")
        let id = text(document, root["id"], "'id'") ?? ""
        var dimension = QuestionTable.Dimension(id: id, title: text(document, root["title"], "'title'") ?? id)
        dimension.description = text(document, root["description"], "'description'") ?? ""
        if let levels = root["levels"] {
            // Importing writes each level's descriptor from the framework's scale ("Name: description"); other
            // descriptors are not kept.
            var written: [String: String] = [:]
            for level in scaleLevels { written[String(level.level)] = level.descriptor }
            var same = levels.pairs != nil
            levels.forEachPair { key, value in
                if let number = key.scalar?.text, written[number] != value.scalar?.text { same = false }
            }
            if !same || levels.pairs?.count != written.count {
                warn(document, levels, "the table does not keep the rubric's own 'levels' descriptors",
                     hint: "importing the table describes each level by the scale's name and description")
            }
        }
        for entry in root["sections"]?.items ?? [] {
            guard let sectionID = text(document, entry["id"], "a section's id") else {
                error(document, entry, "a section has no id")
                continue
            }
            dimension.sections.append(QuestionTable.Section(id: sectionID, title: text(document, entry["title"], "a section's title") ?? sectionID,
                                                            weight: number(document, entry["weight"], "a section's weight")))
        }
        for entry in root["criteria"]?.items ?? [] {
            if let question = readCriterion(entry, document: document) { dimension.questions.append(question) }
        }
        // A table names a section only on a question's row: an empty section cannot be kept.
        let used = Set(dimension.questions.compactMap(\.section))
        for (index, entry) in (root["sections"]?.items ?? []).enumerated() where index < dimension.sections.count {
            let section = dimension.sections[index]
            if !used.contains(section.id) {
                warn(document, entry, "section '\(section.id)' holds no criteria, and the table keeps only sections that hold a question",
                     hint: "importing the table gives a rubric without it")
            }
        }
        dimension.sections.removeAll { !used.contains($0.id) }
        return dimension
    }

    private mutating func readCriterion(_ node: YAMLNode, document: YAMLDocument) -> QuestionTable.Question? {
        guard node.pairs != nil, let id = text(document, node["id"], "a criterion's id") else {
            error(document, node, "a criterion must be a mapping with an id")
            return nil
        }
        let assessor = node["assessor"]?.scalar?.text ?? ""
        guard assessor == "options" else {
            error(document, node["assessor"] ?? node, "criterion '\(id)' uses the '\(assessor)' assessor, which a table cannot hold",
                  hint: "a table holds options questions only; score this criterion in YAML")
            return nil
        }
        notKept(document, node, kept: Self.keptCriterionKeys, what: "criterion '\(id)'")
        let before = diagnostics.count
        if let key = node["evidence"]?["answer"]?.scalar?.text, key != FrameworkWriter.factKey(id) {
            warn(document, node["evidence"]?["answer"], "criterion '\(id)' reads '\(key)'; the table does not keep fact keys",
                 hint: "importing the table reads '\(FrameworkWriter.factKey(id))'")
        }
        let title = text(document, node["title"], "'title'") ?? id
        var weight = number(document, node["weight"], "'weight'")
        if node["scored"]?.scalar?.bool == false { weight = 0 }
        var question = QuestionTable.Question(
            id: id, title: title, question: text(document, node["question"], "'question'") ?? title,
            guidance: text(document, node["guidance"], "'guidance'") ?? "", section: text(document, node["section"], "'section'"),
            weight: weight, core: node["core"]?.scalar?.bool == true, points: number(document, node["points"], "'points'"), options: [])
        if let parameters = node["parameters"] {
            if let match = parameters["match"] {
                warn(document, match, "the table does not keep criterion '\(id)''s 'match:'",
                     hint: "set 'answers: match:' in framework.yaml after importing")
            }
            for entry in parameters["options"]?.items ?? [] { readOption(entry, into: &question, document: document) }
        }
        if question.options.isEmpty, question.otherwise == nil, diagnostics.count == before {
            error(document, node["parameters"] ?? node, "criterion '\(id)' has no options")
        }
        if let when = node["when"] {
            guard let parent = text(document, when["answer-of"], "'answer-of'") else {
                error(document, when, "'when:' names no question", hint: "write 'when: {answer-of: q11, in: [\"Yes\"]}'")
                return nil
            }
            let negated = when["not-in"] != nil
            question.when = QuestionTable.Condition(parent: parent, negated: negated,
                                                    values: texts(document, when[negated ? "not-in" : "in"], "an answer"))
        }
        if let applies = node["applies-to"] { question.appliesTo = readApplicability(applies, document: document) }
        return question
    }

    private mutating func readOption(_ entry: YAMLNode, into question: inout QuestionTable.Question, document: YAMLDocument) {
        let numberKey = scoring == .levels ? "level" : "points"
        let otherKey = scoring == .levels ? "points" : "level"
        if let other = entry[otherKey] {
            error(document, other, "an option of '\(question.id)' carries \(otherKey == "level" ? "a level" : "points"), but the framework scores \(scoring.rawValue)",
                  hint: "a table's numbers are all \(scoring == .levels ? "levels" : "points"); give every option '\(numberKey):'")
            return
        }
        if entry["otherwise"] != nil {
            guard let points = number(document, entry[numberKey], "the fallback's \(numberKey)") else {
                error(document, entry, "the fallback option of '\(question.id)' has no points", hint: "write '{otherwise: true, points: 0}'")
                return
            }
            if let label = entry["label"]?.scalar?.text, label != "Any other answer" {
                warn(document, entry["label"], "the table does not keep the fallback's label ('\(label)')",
                     hint: "importing the table shows it as 'Any other answer'")
            }
            question.otherwise = points
            return
        }
        guard let value = text(document, entry["value"], "an option's value") ?? (entry["value"]?.scalar?.isNull == true ? "" : nil) else {
            error(document, entry, "an option of '\(question.id)' has no value")
            return
        }
        let label = text(document, entry["label"], "an option's label").flatMap { $0 == value ? nil : $0 }
        if let meaning = entry["means"] {
            guard let text = meaning.scalar?.text, let parsed = QuestionTable.Meaning(rawValue: text) else {
                error(document, meaning, "'means:' must be one of: " + QuestionTable.Meaning.allCases.map(\.rawValue).joined(separator: ", "))
                return
            }
            question.options.append(QuestionTable.Option(value, .means(parsed), label: label))
        } else if let points = number(document, entry[numberKey], "an option's \(numberKey)") {
            question.options.append(QuestionTable.Option(value, .points(points), label: label))
        } else if entry[numberKey] == nil {
            error(document, entry, "option '\(value)' of '\(question.id)' has neither \(numberKey == "level" ? "a level" : "points") nor a meaning")
        }
    }

    private mutating func readApplicability(_ node: YAMLNode, document: YAMLDocument) -> QuestionTable.Applicability {
        var result = QuestionTable.Applicability()
        if node.items != nil {
            result.types = texts(document, node, "an organisation type")
            return result
        }
        result.types = texts(document, node["types"], "an organisation type")
        result.codePrefixes = texts(document, node["code-prefix"], "a code prefix")
        result.nations = texts(document, node["nations"], "a nation")
        result.reason = text(document, node["reason"], "'reason'")
        node["attributes"]?.forEachPair { key, value in
            guard let name = key.scalar?.text else { return }
            let values = value.items.map { $0.compactMap { $0.scalar?.text } } ?? value.scalar.map { [$0.text] } ?? []
            result.attributes.append(QuestionTable.Attribute(key: name, values: values))
        }
        return result
    }
}
