/// One answer an options question accepts, and what it is worth, for `assess explain` and `assess rubrics`.
public struct AnswerOption: Sendable, Hashable {
    /// The value written in the evidence.
    public var value: String
    /// What it is shown as.
    public var label: String
    /// Its points, when the options carry points.
    public var points: Double?
    /// Its level, when the options carry levels.
    public var level: Double?
    /// What it means instead of a score (`dont-know`, `not-applicable`, `unanswered`), when it carries none.
    public var meaning: String?
    /// Whether it is the fallback that any other answer takes.
    public var isFallback: Bool

    /// Creates an answer option.
    public init(value: String, label: String, points: Double? = nil, level: Double? = nil, meaning: String? = nil,
                isFallback: Bool = false) {
        self.value = value
        self.label = label
        self.points = points
        self.level = level
        self.meaning = meaning
        self.isFallback = isFallback
    }
}

extension OptionsAssessor {
    /// The answers it accepts, in rubric order, with what each is worth.
    public var answerOptions: [AnswerOption] {
        (options + (fallback.map { [$0] } ?? [])).map { option in
            AnswerOption(value: option.value, label: option.label, points: usesPoints ? option.score : nil,
                         level: usesPoints ? nil : option.score, meaning: option.means?.rawValue,
                         isFallback: fallback == option)
        }
    }
}
