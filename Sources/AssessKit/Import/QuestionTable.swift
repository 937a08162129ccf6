import AssessCore

/// A questionnaire as a table (`assess import`, `assess export-table`): one row per question, its dimension
/// and section, its options with their points or meanings, its logic and who it applies to.
///
/// The same value is read from a CSV or XLSX table (``QuestionTable/read(grid:)``), from a framework's YAML
/// (``FrameworkTableReader``), and written as YAML (``FrameworkWriter``) or CSV (``TableWriter``), so a round
/// trip compares two of these values.
public struct QuestionTable: Sendable, Hashable {
    /// The dimensions (one rubric each), in the order their first question appears.
    public var dimensions: [Dimension]

    /// Creates a table.
    public init(dimensions: [Dimension]) {
        self.dimensions = dimensions
    }

    /// The columns, in the order `export-table` writes them; a table may hold them in any order and case.
    public static let columns = ["dimension", "dimension-title", "dimension-description", "dimension-weight", "section", "section-title", "section-weight",
                                 "id", "title", "question", "guidance", "weight", "core", "options", "points", "means", "when", "applies-to"]

    /// One dimension: a rubric file of its own.
    public struct Dimension: Sendable, Hashable {
        /// The rubric's id (also its file name, `ID.yaml`).
        public var id: String
        /// The rubric's title.
        public var title: String
        /// The rubric's description; empty for none.
        public var description: String = ""
        /// The dimension's weight in `framework.yaml`; nil when not given (1).
        public var weight: Double?
        /// The sections (sub-dimensions), in the order their first question appears.
        public var sections: [Section]
        /// The questions, in table order.
        public var questions: [Question]

        /// Creates a dimension.
        public init(id: String, title: String, weight: Double? = nil, sections: [Section] = [], questions: [Question] = []) {
            self.id = id
            self.title = title
            self.weight = weight
            self.sections = sections
            self.questions = questions
        }
    }

    /// A section (sub-dimension) of a rubric.
    public struct Section: Sendable, Hashable {
        /// Its id.
        public var id: String
        /// Its title.
        public var title: String
        /// Its weight; nil when sections only group.
        public var weight: Double?

        /// Creates a section.
        public init(id: String, title: String, weight: Double? = nil) {
            self.id = id
            self.title = title
            self.weight = weight
        }
    }

    /// One question: an `options` criterion.
    public struct Question: Sendable, Hashable {
        /// The criterion id.
        public var id: String
        /// A short title.
        public var title: String
        /// The question as asked.
        public var question: String
        /// Guidance for whoever answers.
        public var guidance: String = ""
        /// The section it belongs to, if any.
        public var section: String?
        /// Its weight; nil when not given (1); 0 = asked, never scored.
        public var weight: Double?
        /// `core: true`: a weakest-link criterion (the dimension's level cannot exceed its level).
        public var core: Bool = false
        /// Its maximum points (`points:`); nil = the top option's points.
        public var points: Double?
        /// The answers, in order: each worth a number (points, or a level when the framework scores levels) or
        /// carrying a meaning.
        public var options: [Option]
        /// The points of any other answer (`*`); nil = no fallback, so another answer is unscorable.
        public var otherwise: Double?
        /// Question logic: asked only when an earlier question's answer holds.
        public var when: Condition?
        /// Who the question applies to.
        public var appliesTo: Applicability?

        /// Creates a question.
        public init(id: String, title: String, question: String, guidance: String = "", section: String? = nil,
                    weight: Double? = nil, core: Bool = false, points: Double? = nil, options: [Option], otherwise: Double? = nil,
                    when: Condition? = nil, appliesTo: Applicability? = nil) {
            self.id = id
            self.title = title
            self.question = question
            self.guidance = guidance
            self.section = section
            self.weight = weight
            self.core = core
            self.points = points
            self.options = options
            self.otherwise = otherwise
            self.when = when
            self.appliesTo = appliesTo
        }
    }

    /// One answer option.
    public struct Option: Sendable, Hashable {
        /// The answer's text, exactly.
        public var value: String
        /// What it is worth.
        public var worth: Worth
        /// The text shown for it (`label:`), when it differs from the value: "Q1.1" is shown as "Yes, we have
        /// published at least one dataset". Nil = the value itself.
        public var label: String?

        /// Creates an option.
        public init(_ value: String, _ worth: Worth, label: String? = nil) {
            self.value = value
            self.worth = worth
            self.label = label
        }
    }

    /// What an option is worth: a number, or a meaning that the framework's `answers:` rules score.
    public enum Worth: Sendable, Hashable {
        /// A number: points under `scoring: points`, a level under `scoring: levels` (``Scoring``).
        case points(Double)
        /// A meaning (`means:`).
        case means(Meaning)
    }

    /// How the framework scores, which says what an option's number is.
    public enum Scoring: String, Sendable, Hashable, CaseIterable {
        /// The number is points (`points:`).
        case points
        /// The number is a level of the scale (`level:`).
        case levels
    }

    /// The meanings an answer can carry instead of points.
    public enum Meaning: String, Sendable, Hashable, CaseIterable {
        /// "Don't know".
        case dontKnow = "dont-know"
        /// Not applicable to this organisation.
        case notApplicable = "not-applicable"
        /// Not answered.
        case unanswered
    }

    /// `when:`: the question is asked only when an earlier question's answer is (or is not) one of some values.
    public struct Condition: Sendable, Hashable {
        /// The earlier question's id.
        public var parent: String
        /// True for `not-in:`.
        public var negated: Bool
        /// The values.
        public var values: [String]

        /// Creates a condition.
        public init(parent: String, negated: Bool = false, values: [String]) {
            self.parent = parent
            self.negated = negated
            self.values = values
        }
    }

    /// `applies-to:`: organisation types, code prefixes, nations and attributes, each a list meaning any of.
    public struct Applicability: Sendable, Hashable {
        /// Organisation types.
        public var types: [String] = []
        /// GSS code prefixes.
        public var codePrefixes: [String] = []
        /// Nations.
        public var nations: [String] = []
        /// Organisation attributes and the values that match, in order.
        public var attributes: [Attribute] = []
        /// Why the question applies only to these.
        public var reason: String?

        /// Creates an applicability.
        public init(types: [String] = [], codePrefixes: [String] = [], nations: [String] = [], attributes: [Attribute] = [],
                    reason: String? = nil) {
            self.types = types
            self.codePrefixes = codePrefixes
            self.nations = nations
            self.attributes = attributes
            self.reason = reason
        }

        /// True when nothing is restricted.
        public var isEmpty: Bool { types.isEmpty && codePrefixes.isEmpty && nations.isEmpty && attributes.isEmpty }
    }

    /// One organisation attribute that a question applies to.
    public struct Attribute: Sendable, Hashable {
        /// The attribute's key.
        public var key: String
        /// The values that match (any of).
        public var values: [String]

        /// Creates an attribute condition.
        public init(key: String, values: [String]) {
            self.key = key
            self.values = values
        }
    }
}

/// A problem in a table, located by row and column name: `file:ROW:COLUMN: error: what; how to fix it`.
public struct TableProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious it is.
    public var severity: Diagnostic.Severity
    /// The table file as named.
    public var file: String
    /// The row (the CSV line, or the spreadsheet's row number); 0 for the whole file.
    public var row: Int
    /// The column's name as the header spells it; empty for a whole row or file.
    public var column: String
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?

    /// Creates a problem.
    public init(_ severity: Diagnostic.Severity = .error, file: String, row: Int = 0, column: String = "", message: String,
                hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.row = row
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:ROW:COLUMN: error: message; hint`.
    public var description: String {
        var text = file
        if row > 0 { text += ":\(row)" }
        if !column.isEmpty { text += ":\(column)" }
        text += ": \(severity.rawValue): \(message)"
        if let hint { text += "; \(hint)" }
        return text
    }
}

/// Every problem found in a table (reading reports them all, not only the first).
public struct TableError: Error, Sendable, CustomStringConvertible {
    /// The problems, in row order.
    public var problems: [TableProblem]

    /// Wraps problems.
    public init(_ problems: [TableProblem]) {
        self.problems = problems
    }

    /// One problem.
    public init(_ problem: TableProblem) {
        self.problems = [problem]
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
