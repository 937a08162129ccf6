/// What one fact a criterion reads must look like: the data behind `assess explain`, `assess schema`,
/// `assess init` and any questionnaire. It is plain data; the command line renders it.
public struct FactSpec: Sendable, Hashable {
    /// The assessor's role the fact fills (`value`, `items`, `volumes`).
    public var role: String
    /// The fact key in the evidence. At the assessor level it is the role; ``Criterion/factSpecs`` sets the
    /// key the criterion binds.
    public var key: String
    /// Whether the assessor needs it (an optional fact refines the result or replaces an export).
    public var required: Bool
    /// The question to ask: the criterion's question for its main fact, else what the fact means.
    public var question: String
    /// What the fact means, in a few words (the role's summary).
    public var help: String
    /// The shapes the value may take, the preferred one first.
    public var forms: [FactForm]
    /// Where the figure usually comes from (a system, a report), when known.
    public var source: String?
    /// The criterion that reads it (set by ``Criterion/factSpecs``).
    public var criterionID: String?

    /// Creates a spec.
    public init(role: String, key: String? = nil, required: Bool = true, question: String = "", help: String,
                forms: [FactForm], source: String? = nil, criterionID: String? = nil) {
        self.role = role
        self.key = key ?? role
        self.required = required
        self.question = question
        self.help = help
        self.forms = forms
        self.source = source
        self.criterionID = criterionID
    }
}

/// One accepted shape of a fact's value.
public enum FactForm: Sendable, Hashable {
    /// A number, with its unit and the range it must lie in (either bound may be open).
    case number(unit: String?, min: Double?, max: Double?)
    /// Words.
    case text
    /// A date written YYYY-MM-DD.
    case date
    /// Yes or no.
    case yesNo
    /// Checklist items: a mapping of item id to yes/no, or a list of the ids in place.
    case checklist([Choice])
    /// Staged statements: a mapping of statement id to yes/no (each choice's note gives its level).
    case statements([Choice])
    /// One value from a list of options.
    case options([Choice])
    /// A mapping of names to numbers, such as contacts by channel (the choices are the usual names).
    case breakdown(of: String, unit: String?, keys: [Choice])
    /// A list of ids (the choices are the allowed ids, when the assessor knows them).
    case list([Choice])
    /// An export file named with `file:`, in one of these formats.
    case exportFile([ExportFormat])

    /// A stable name for the form (`number`, `checklist`, `export-file` ...), for tools and schemas.
    public var name: String {
        switch self {
        case .number: return "number"
        case .text: return "text"
        case .date: return "date"
        case .yesNo: return "yes-no"
        case .checklist: return "checklist"
        case .statements: return "statements"
        case .options: return "options"
        case .breakdown: return "breakdown"
        case .list: return "list"
        case .exportFile: return "export-file"
        }
    }

    /// The ids a value may use (items, statements, options, breakdown keys, list ids); empty when any.
    public var choices: [Choice] {
        switch self {
        case .checklist(let c), .statements(let c), .options(let c), .list(let c): return c
        case .breakdown(_, _, let c): return c
        default: return []
        }
    }
}

/// An allowed id or value with its label: a checklist item, a staged statement, an option.
public struct Choice: Sendable, Hashable {
    /// The id written in the evidence.
    public var id: String
    /// What it means.
    public var label: String
    /// What it is worth or when it counts, as data: a level, points or a weight.
    public var level: Double?
    /// Points, for points-based options.
    public var points: Double?
    /// The level that cannot be reached without this item or statement (an essential practice).
    public var requiredFor: Int?

    /// Creates a choice.
    public init(_ id: String, _ label: String, level: Double? = nil, points: Double? = nil, requiredFor: Int? = nil) {
        self.id = id
        self.label = label
        self.level = level
        self.points = points
        self.requiredFor = requiredFor
    }
}

/// An export format an assessor reads, with a sample of its start so a user can check their file.
public struct ExportFormat: Sendable, Hashable {
    /// Its name (`CSV`, `JSON`, `sitemap XML`).
    public var name: String
    /// File name extensions, without the dot.
    public var extensions: [String]
    /// The first lines of a file the assessor accepts (a CSV header and a row, a JSON outline).
    public var sample: String

    /// Creates a format.
    public init(_ name: String, extensions: [String], sample: String) {
        self.name = name
        self.extensions = extensions
        self.sample = sample
    }
}

// MARK: - Defaults

extension Assessor {
    /// The facts this assessor reads, derived from its description's roles. Assessors that know their
    /// items, options or export formats give a more precise answer.
    public var evidenceSpec: [FactSpec] { FactSpec.derived(from: Self.description.roles) }
}

extension FactSpec {
    /// Specs derived from role descriptions, reading the shape from each role's `type` text
    /// ("number", "percentage, or a contact export (CSV)", "mapping of item id to yes/no" ...).
    public static func derived(from roles: [RoleDescription]) -> [FactSpec] {
        roles.map { role in
            FactSpec(role: role.name, required: role.required, help: role.summary, forms: forms(described: role.type))
        }
    }

    /// Specs derived from role descriptions, then made precise: the export formats (with samples) a role's
    /// file may be in, and the exact form of a role's number (unit and range) or other value.
    public static func derived(from roles: [RoleDescription], formats: [String: [ExportFormat]],
                               forms replacements: [String: FactForm] = [:]) -> [FactSpec] {
        derived(from: roles).map { spec in
            var spec = spec
            spec.forms = spec.forms.map { form in
                switch form {
                case .exportFile: return formats[spec.role].map { .exportFile($0) } ?? form
                case .number, .text, .checklist, .list: return replacements[spec.role] ?? form
                default: return form
                }
            }
            if let formats = formats[spec.role], !spec.forms.contains(where: { $0.name == "export-file" }) {
                spec.forms.append(.exportFile(formats))
            }
            return spec
        }
    }

    /// The forms a role's type text names, in the order it names them.
    public static func forms(described type: String) -> [FactForm] {
        let text = type.lowercased()
        var found: [(Int, FactForm)] = []
        func position(_ words: [String]) -> Int? {
            words.compactMap { text.range(of: $0)?.lowerBound }.min().map { text.distance(from: text.startIndex, to: $0) }
        }
        var formats: [ExportFormat] = []
        if text.contains("csv") { formats.append(ExportFormat("CSV", extensions: ["csv"], sample: "")) }
        if text.contains("json") { formats.append(ExportFormat("JSON", extensions: ["json"], sample: "")) }
        if text.contains("xml") { formats.append(ExportFormat("XML", extensions: ["xml"], sample: "")) }
        if text.contains(".txt") || text.contains("text file") { formats.append(ExportFormat("plain text", extensions: ["txt"], sample: "")) }
        if let at = position(["file", "export", "report", "csv", "sitemap", "sheet", "survey"]) {
            found.append((at, .exportFile(formats)))
        }
        if let at = position(["percentage"]) {
            found.append((at, .number(unit: "%", min: 0, max: 100)))
        } else if let at = position(["number"]) {
            let unit = text.contains("hours") ? "hours" : text.contains("percentage points") ? "percentage points" : nil
            found.append((at, .number(unit: unit, min: nil, max: nil)))
        }
        if let at = position(["date"]) { found.append((at, .date)) }
        if let at = position(["mapping of item id to yes/no", "mapping of statement id"]) {
            found.append((at, .checklist([])))
        } else if let at = position(["mapping of channel"]) {
            found.append((at, .breakdown(of: "channel", unit: text.contains("£") ? "£" : nil, keys: [])))
        } else if let at = position(["list of"]) {
            found.append((at, .list([])))
        }
        if found.isEmpty, let at = position(["text", "yes/no"]) {
            found.append((at, text.contains("yes/no") ? .yesNo : .text))
        }
        if found.isEmpty { found.append((0, .text)) }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

extension Criterion {
    /// The facts this criterion reads, with the keys it binds, its question and guidance.
    /// Roles it does not bind are left out.
    public var factSpecs: [FactSpec] {
        let specs = assessor.evidenceSpec
        var result: [FactSpec] = []
        let firstRequired = specs.first { $0.required }?.role
        for var spec in specs {
            guard let key = evidence.first(where: { $0.role == spec.role })?.fact else { continue }
            spec.key = key
            spec.criterionID = id
            if spec.question.isEmpty {
                spec.question = spec.role == firstRequired && !question.isEmpty ? question : spec.help
            }
            if spec.source == nil, !guidance.isEmpty { spec.source = Self.firstSentence(guidance) }
            result.append(spec)
        }
        return result
    }

    static func firstSentence(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        if let end = flat.range(of: ". ") { return String(flat[..<end.lowerBound]) + "." }
        return flat
    }
}

extension Framework {
    /// Every fact the framework reads, in dimension and criterion order, each key once (the first
    /// criterion that reads it gives its spec; ``readers`` lists them all).
    public var factSpecs: [(dimension: Rubric, spec: FactSpec, readers: [String])] {
        var order: [(Rubric, FactSpec)] = []
        var readers: [String: [String]] = [:]
        for dimension in dimensions {
            for criterion in dimension.rubric.criteria {
                for spec in criterion.factSpecs {
                    if readers[spec.key] == nil { order.append((dimension.rubric, spec)) }
                    readers[spec.key, default: []].append(criterion.id)
                }
            }
        }
        return order.map { ($0.0, $0.1, readers[$0.1.key] ?? []) }
    }
}
