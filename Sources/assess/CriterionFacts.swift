import AssessCore

/// What `assess explain` and `assess rubrics` say about a criterion's place and worth, worded in one place.
enum CriterionFacts {
    /// "this criterion's weight 2 of 7" (of its dimension's criteria), or "not scored (weight 0: asked, never counted)".
    static func weight(_ criterion: Criterion, in rubric: Rubric) -> String {
        guard criterion.weight > 0 else { return "not scored (weight 0: asked, never counted)" }
        let total = rubric.criteria.reduce(0) { $0 + $1.weight }
        // The dimension is named just before, so the weight is said to be the criterion's, among its criteria's.
        return "this criterion's weight \(Format.number(criterion.weight)) of \(Format.number(total))"
    }

    /// "Ownership and accountability [dg-ownership] · weight 1 of 3 in Data governance", or nil when the
    /// criterion belongs to no section.
    static func section(_ criterion: Criterion, in rubric: Rubric) -> String? {
        guard let id = criterion.section, let section = rubric.sections.first(where: { $0.id == id }) else { return nil }
        var text = "\(section.title) [\(section.id)]"
        if let weight = section.weight {
            let total = rubric.sections.reduce(0) { $0 + ($1.weight ?? 0) }
            text += " · weight \(Format.number(weight)) of \(Format.number(total)) in \(rubric.title)"
        }
        return text
    }

    /// One line per answer: "Yes: 2 of 2 points", "Weekly: level 3", "Don't know: counts as don't know".
    /// Under points scoring, points are shown as the criterion scores them (rescaled by its `points:`).
    static func answers(_ options: OptionsAssessor, criterion: Criterion, scoring: ScoringMode, scale: Scale) -> [String] {
        let top = options.maximumPoints
        let maximum = criterion.fixedMaximum
        return options.answerOptions.map { answer in
            let name = answer.isFallback ? "any other answer" + (answer.label.isEmpty ? "" : " (\(answer.label))")
                : (answer.value.isEmpty ? "an empty answer" : "'\(answer.value)'") + (answer.label != answer.value ? " (\(answer.label))" : "")
            let worth: String
            if let meaning = answer.meaning {
                worth = "counts as \(meaning.replacingOccurrences(of: "-", with: " "))"
            } else if criterion.weight == 0 {
                worth = "not scored"
            } else if let points = answer.points {
                let scaled = scoring == .points ? (top.map { $0 > 0 ? points / $0 * maximum : 0 } ?? points) : points
                worth = scoring == .points ? "\(Format.number(scaled)) of \(Format.number(maximum)) points"
                    : "\(Format.number(points)) of \(Format.number(top ?? points)) points"
            } else if let level = answer.level {
                worth = "level \(Format.number(level))" + (scoring == .points
                    ? ", \(Format.number(scale.fraction(of: level) * maximum)) of \(Format.number(maximum)) points" : "")
            } else {
                worth = "no score"
            }
            return "\(name): \(worth)"
        }
    }

    /// "Asked only when q1 is 'Q1.1'; otherwise it is not asked (skipped)", from the criterion's `when:`.
    static func when(_ condition: QuestionCondition) -> String { condition.askedMessage.english }
}
