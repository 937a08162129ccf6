import Foundation

/// How an answer is matched to an options question's values: the answer and each value are normalised the
/// same way, then compared. The default (no trimming; an exact match first, then one ignoring case) is how
/// answers were always matched.
public struct AnswerMatch: Sendable, Hashable {
    /// Spaces and tabs at either end are ignored.
    public var trim: Bool
    /// Upper and lower case are the same.
    public var caseInsensitive: Bool

    /// Creates a rule.
    public init(trim: Bool = false, caseInsensitive: Bool = true) {
        self.trim = trim
        self.caseInsensitive = caseInsensitive
    }
}

/// The evidence one criterion reads, by role, with typed accessors that turn problems into located errors.
public struct AssessorInput: Sendable {
    /// The criterion being scored.
    public let criterionID: String
    /// The framework's scale.
    public let scale: Scale
    /// The organisation.
    public let organisation: Organisation
    /// Role to fact key, as the criterion binds them.
    public let bindings: [String: String]
    /// Facts by key, as the evidence holds them (absent keys are missing facts).
    let facts: [String: Fact]
    /// The evidence file, for messages.
    public let document: YAMLDocument
    /// Export files already read and parsed in this run.
    public let cache: ExportCache?
    /// Which files `file:` paths may lead to.
    public let files: FileAccess
    /// How answers are matched to options unless a question sets its own `match:` (the framework's
    /// `answers: match:`).
    public var answerMatch = AnswerMatch()

    /// Creates an input. Without `files`, export files must sit in the evidence file's folder (or below it).
    public init(criterionID: String, scale: Scale, organisation: Organisation, bindings: [String: String],
                facts: [String: Fact], document: YAMLDocument, cache: ExportCache? = nil, files: FileAccess? = nil) {
        self.cache = cache
        self.files = files ?? FileAccess(roots: [FileReader.folder(of: document.file)])
        self.criterionID = criterionID
        self.scale = scale
        self.organisation = organisation
        self.bindings = bindings
        self.facts = facts
        self.document = document
    }

    /// The fact bound to a role. Missing → not assessed; marked not applicable → not applicable.
    public func fact(_ role: String) throws(AssessmentIssue) -> Fact {
        let key = bindings[role] ?? role
        guard let fact = facts[key] else { throw .missing(role: role, fact: key) }
        if let reason = fact.notApplicable { throw .notApplicable(reason) }
        return fact
    }

    /// The fact bound to an optional role, or nil when the criterion does not bind it or the evidence lacks it.
    public func optionalFact(_ role: String) throws(AssessmentIssue) -> Fact? {
        guard let key = bindings[role], let fact = facts[key], fact.notApplicable == nil else { return nil }
        return fact
    }

    /// The value node of the fact bound to a role.
    public func value(_ role: String) throws(AssessmentIssue) -> YAMLNode {
        let fact = try fact(role)
        guard let value = fact.value else { throw .missing(role: role, fact: fact.key) }
        return value
    }

    /// The fact bound to a role, read as a number.
    public func number(_ role: String) throws(AssessmentIssue) -> Double {
        let node = try value(role)
        return try number(node, what: bindings[role] ?? role)
    }

    /// A node read as a number, or an error pointing at it.
    public func number(_ node: YAMLNode, what: String) throws(AssessmentIssue) -> Double {
        if let scalar = node.scalar, let problem = scalar.numberProblem {
            throw invalid(InputNumber.message(what, is: scalar.text, problem), at: node, hint: InputNumber.hint)
        }
        guard let number = node.scalar?.number else {
            throw invalid("\(what) must be a number, found \(node.kindDescription)", at: node,
                          hint: Self.numberHint(node.scalar?.text))
        }
        return number
    }

    /// A node read as a boolean, or an error pointing at it.
    public func bool(_ node: YAMLNode, what: String) throws(AssessmentIssue) -> Bool {
        guard let value = node.scalar?.bool else {
            throw invalid("\(what) must be yes or no, found \(node.kindDescription)", at: node, hint: "write yes or no")
        }
        return value
    }

    /// A part and its whole, given as two numbers: the whole must be more than zero and the part between
    /// zero and the whole. `part` and `whole` name them in the message ("phone visits", "all visits").
    public func partAndWhole(_ partRole: String, of wholeRole: String, part: String, whole: String) throws(AssessmentIssue) -> (part: Double, whole: Double) {
        let partValue = try number(partRole)
        let wholeValue = try number(wholeRole)
        guard wholeValue > 0 else {
            throw invalid("\(bindings[wholeRole] ?? wholeRole) must be more than zero", at: try value(wholeRole))
        }
        guard partValue >= 0, partValue <= wholeValue else {
            throw invalid("\(part) (\(Format.number(partValue))) must be between zero and \(whole) (\(Format.number(wholeValue)))",
                          at: try value(partRole))
        }
        return (partValue, wholeValue)
    }

    /// The fact bound to a role, read as text (`no` stays the word "no").
    public func string(_ role: String) throws(AssessmentIssue) -> String {
        let node = try value(role)
        guard let scalar = node.scalar, !scalar.isNull else {
            throw invalid("\(bindings[role] ?? role) must be a single value, found \(node.kindDescription)", at: node)
        }
        return scalar.text
    }

    /// A node read as a mapping of keys to booleans, or (as a list of ids) each id set to true.
    public func flags(_ node: YAMLNode, what: String) throws(AssessmentIssue) -> [(id: String, value: Bool, node: YAMLNode)] {
        if let items = node.items {
            var result: [(String, Bool, YAMLNode)] = []
            for item in items {
                guard let id = item.scalar?.text else {
                    throw invalid("each item of \(what) must be an id, found \(item.kindDescription)", at: item)
                }
                result.append((id, true, item))
            }
            return result
        }
        guard let pairs = node.pairs else {
            throw invalid("\(what) must be a mapping of ids to yes/no, found \(node.kindDescription)", at: node,
                          hint: "write one 'id: yes' or 'id: no' per line")
        }
        var result: [(String, Bool, YAMLNode)] = []
        for pair in pairs {
            let id = pair.key.scalar?.text ?? ""
            result.append((id, try bool(pair.value, what: "\(what).\(id)"), pair.key))
        }
        return result
    }

    /// An error pointing at a node of the evidence file.
    public func invalid(_ message: String, at node: YAMLNode, hint: String? = nil) -> AssessmentIssue {
        .invalid(document.diagnostic(message, at: node.location, hint: hint))
    }

    /// How to write a number, quoting the digits when the text is a number with a unit, a % sign or
    /// thousands separators (`38%` → `write 38`).
    static func numberHint(_ text: String?) -> String {
        let general = "write digits only, such as 42 or 12.5 (no units or % sign)"
        guard let text else { return general }
        var digits = text.trimmingCharacters(in: .whitespaces)
        for affix in ["%", "£", "hours", "hrs", "h"] where digits.hasSuffix(affix) || digits.hasPrefix(affix) {
            digits = digits.replacingOccurrences(of: affix, with: "").trimmingCharacters(in: .whitespaces)
        }
        digits = digits.replacingOccurrences(of: ",", with: "")
        guard !digits.isEmpty, digits != text, YAMLScalar(text: digits, isPlain: true).number != nil else { return general }
        return "write \(digits) (digits only, without units, % sign or commas)"
    }
}
