/// How a dimension's maximum is found (`maximum:` in framework.yaml or a rubric). See docs/scoring.md.
public enum MaximumRule: String, Sendable, Hashable, CaseIterable {
    /// The maximum is the sum of the maxima of the criteria that were assessed (the default, as before).
    case assessed
    /// The maximum is the sum of the maxima of every criterion that applies to the organisation, whatever was
    /// answered; each kind of non-answer counts as `answers:` says.
    case fixed
}

/// What kind of answer a criterion had: reported in every result so each number is explained.
public enum AnswerClass: String, Sendable, Hashable, CaseIterable {
    /// An answer the assessor scored.
    case answered
    /// No answer (the fact is missing, or the assessor could not assess).
    case unanswered
    /// The criterion does not apply: by its `applies-to:` or by the answer or evidence.
    case notApplicable = "not-applicable"
    /// The answer was "don't know".
    case dontKnow = "dont-know"
    /// Question logic: its `when:` does not hold, so it was not asked.
    case skipped
    /// An answer that could not be scored (not an option, unusable evidence): an error.
    case unscorable
}

/// How a criterion's result entered its dimension's score.
public enum Counted: String, Sendable, Hashable, CaseIterable {
    /// The points or level it earned.
    case earned
    /// Nothing earned; its maximum counted (level 1 under levels scoring).
    case zero
    /// Full marks: its maximum earned and counted (the top level under levels scoring).
    case full
    /// Left out of the score and its denominator.
    case excluded
}

/// What a kind of non-answer counts as, in `answers:`.
public enum AnswerCount: String, Sendable, Hashable, CaseIterable {
    /// Nothing earned; the maximum counted.
    case zero
    /// The maximum earned and counted.
    case full
    /// Out of the denominator.
    case exclude

    /// How a result counted under this rule.
    public var counted: Counted {
        switch self {
        case .zero: return .zero
        case .full: return .full
        case .exclude: return .excluded
        }
    }
}

/// The `answers:` rules of a framework or rubric: how each kind of non-answer counts, and how answers meet
/// options. A value left nil was not stated; ``resolved(maximum:)`` fills in the defaults.
public struct AnswerRules: Sendable, Hashable {
    /// A question with no answer: zero or exclude.
    public var unanswered: AnswerCount?
    /// A question answered "not applicable" (by an option or a `not-applicable:` fact): full, zero or exclude.
    public var notApplicable: AnswerCount?
    /// A "don't know" answer: zero, exclude or full.
    public var dontKnow: AnswerCount?
    /// A question skipped by question logic: zero, exclude or full.
    public var skipped: AnswerCount?
    /// An answer that cannot be scored: zero or exclude.
    public var unscorable: AnswerCount?
    /// How answers meet options unless a question sets its own.
    public var match: AnswerMatch?

    /// Rules with nothing stated.
    public init(unanswered: AnswerCount? = nil, notApplicable: AnswerCount? = nil, dontKnow: AnswerCount? = nil,
                skipped: AnswerCount? = nil, unscorable: AnswerCount? = nil, match: AnswerMatch? = nil) {
        self.unanswered = unanswered
        self.notApplicable = notApplicable
        self.dontKnow = dontKnow
        self.skipped = skipped
        self.unscorable = unscorable
        self.match = match
    }

    /// The keys of `answers:` and the values each allows, in the order they are documented.
    public static let allowed: [(key: String, values: [AnswerCount])] = [
        ("unanswered", [.zero, .exclude]),
        ("not-applicable", [.full, .zero, .exclude]),
        ("dont-know", [.zero, .exclude, .full]),
        ("skipped", [.zero, .exclude, .full]),
        ("unscorable", [.zero, .exclude]),
    ]

    /// These rules with anything they leave unstated taken from `base` (a rubric's over its framework's).
    public func merged(over base: AnswerRules) -> AnswerRules {
        AnswerRules(unanswered: unanswered ?? base.unanswered, notApplicable: notApplicable ?? base.notApplicable,
                    dontKnow: dontKnow ?? base.dontKnow, skipped: skipped ?? base.skipped,
                    unscorable: unscorable ?? base.unscorable, match: match ?? base.match)
    }

    /// Every rule decided, with the defaults for a maximum rule: under `fixed`, unanswered and don't know
    /// count zero; under `assessed` they are left out. Not applicable and skipped are left out, and an
    /// unscorable answer counts zero under both, so a typo can never raise a score by shrinking a maximum.
    public func resolved(maximum: MaximumRule) -> ResolvedAnswerRules {
        ResolvedAnswerRules(
            maximum: maximum,
            unanswered: unanswered ?? (maximum == .fixed ? .zero : .exclude),
            notApplicable: notApplicable ?? .exclude,
            dontKnow: dontKnow ?? (maximum == .fixed ? .zero : .exclude),
            skipped: skipped ?? .exclude,
            unscorable: unscorable ?? .zero,
            match: match ?? AnswerMatch())
    }
}

/// The answer rules one dimension is scored by, every value decided.
public struct ResolvedAnswerRules: Sendable, Hashable {
    /// Fixed or assessed maximum.
    public var maximum: MaximumRule
    /// How an unanswered question counts.
    public var unanswered: AnswerCount
    /// How a not-applicable answer counts.
    public var notApplicable: AnswerCount
    /// How a don't-know answer counts.
    public var dontKnow: AnswerCount
    /// How a question skipped by question logic counts.
    public var skipped: AnswerCount
    /// How an unscorable answer counts.
    public var unscorable: AnswerCount
    /// How answers meet options.
    public var match: AnswerMatch

    /// Creates rules with every value decided.
    public init(maximum: MaximumRule, unanswered: AnswerCount, notApplicable: AnswerCount, dontKnow: AnswerCount,
                skipped: AnswerCount, unscorable: AnswerCount, match: AnswerMatch) {
        self.maximum = maximum
        self.unanswered = unanswered
        self.notApplicable = notApplicable
        self.dontKnow = dontKnow
        self.skipped = skipped
        self.unscorable = unscorable
        self.match = match
    }

    /// How a kind of answer counts; an answered question counts what it earned.
    public func counted(_ answer: AnswerClass) -> Counted {
        switch answer {
        case .answered: return .earned
        case .unanswered: return unanswered.counted
        case .notApplicable: return notApplicable.counted
        case .dontKnow: return dontKnow.counted
        case .skipped: return skipped.counted
        case .unscorable: return unscorable.counted
        }
    }
}

extension AnswerMatch {
    /// A value trimmed as this rule says: spaces, tabs and line breaks at either end dropped when `trim` is set.
    public func normalised(_ text: String) -> String {
        trim ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
    }

    /// The form in which this rule compares an answer with a value: trimmed as ``normalised(_:)``, and lower
    /// case when case is ignored. The options assessor and question logic both compare through it, so an
    /// answer that meets an option also meets a `when:` naming that option.
    public func key(_ text: String) -> String {
        caseInsensitive ? normalised(text).lowercased() : normalised(text)
    }

    /// Whether an answer meets a value under this rule: exactly, or in the rule's compared form.
    public func matches(_ answer: String, _ value: String) -> Bool {
        answer == value || key(answer) == key(value)
    }
}

/// The rounding a published method applies to its figures (`rounding:`), applied in the arithmetic: a
/// criterion's points before they are summed, a section's percentage before sections combine, a dimension's
/// percentage (levels scoring: its level score) before the overall combines them, and the overall score.
/// Nil places means no rounding at that stage.
public struct RoundingRules: Sendable, Hashable {
    /// How a figure exactly half-way is rounded.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Away from zero (2.5 → 3), as most spreadsheets do.
        case halfUp = "half-up"
        /// To the even neighbour (2.5 → 2, 3.5 → 4), banker's rounding.
        case halfEven = "half-even"
    }

    /// Decimal places of a criterion's points.
    public var criterion: Int?
    /// Decimal places of a section's (sub-dimension's) percentage.
    public var section: Int?
    /// Decimal places of a dimension's percentage or level score.
    public var dimension: Int?
    /// Decimal places of the overall score.
    public var overall: Int?
    /// How half-way figures are rounded.
    public var mode: Mode = .halfUp

    /// No rounding.
    public init(criterion: Int? = nil, section: Int? = nil, dimension: Int? = nil, overall: Int? = nil, mode: Mode = .halfUp) {
        self.criterion = criterion
        self.section = section
        self.dimension = dimension
        self.overall = overall
        self.mode = mode
    }

    /// Whether any stage is rounded.
    public var isEmpty: Bool { criterion == nil && section == nil && dimension == nil && overall == nil }

    /// A figure rounded to some decimal places by this rule's mode, or unchanged when `places` is nil.
    public func round(_ value: Double, places: Int?) -> Double {
        guard let places else { return value }
        return Self.round(value, places: places, mode: mode)
    }

    /// A figure rounded to `places` decimal places (0 ... 10). A figure within a billionth of a step of a
    /// half-way point counts as half-way, so 2.675 (stored in binary as 2.67499999...) rounds as written.
    public static func round(_ value: Double, places: Int, mode: Mode = .halfUp) -> Double {
        guard value.isFinite else { return value }
        var scale = 1.0
        for _ in 0..<min(max(places, 0), 10) { scale *= 10 }
        let magnitude = abs(value) * scale
        let floor = magnitude.rounded(.down)
        let fraction = magnitude - floor
        let rounded: Double
        if abs(fraction - 0.5) <= 1e-9 * max(1, magnitude) {
            switch mode {
            case .halfUp: rounded = floor + 1
            case .halfEven: rounded = floor.truncatingRemainder(dividingBy: 2) == 0 ? floor : floor + 1
            }
        } else {
            rounded = fraction > 0.5 ? floor + 1 : floor
        }
        let result = rounded / scale
        return value < 0 ? -result : result
    }
}

/// Question logic (`when:`): a criterion asked only when an earlier options question's answer is, or is not,
/// one of some values.
public struct QuestionCondition: Sendable, Hashable {
    /// The earlier criterion whose answer decides.
    public var parent: String
    /// The values the parent's answer is compared with.
    public var values: [String]
    /// True for `in:` (asked when the answer is one of them), false for `not-in:`.
    public var isIn: Bool
    /// Where `when:` is written.
    public var location: SourceLocation

    /// Creates a condition.
    public init(parent: String, values: [String], isIn: Bool, location: SourceLocation = .unknown) {
        self.parent = parent
        self.values = values
        self.isIn = isIn
        self.location = location
    }

    /// When the question is asked, as a message: "Asked only when q1 is 'Q1.1'; otherwise it is not asked
    /// (skipped)", or "... is one of 'Q1.1', 'Q1.2'; ...".
    public var askedMessage: Message {
        Message(isIn ? .questionAskedWhen : .questionAskedUnless,
                [("parent", .text(parent)), ("count", .count(values.count)),
                 ("answers", .text(values.map { "'\($0)'" }.joined(separator: ", ")))])
    }

    /// Whether the condition holds for the parent's answer under a match rule.
    public func holds(for answer: String, match: AnswerMatch) -> Bool {
        values.contains { match.matches(answer, $0) } == isIn
    }
}
