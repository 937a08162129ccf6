extension ReportText {
    /// The plain words for a criterion's answer class ("Not answered", "Not asked").
    public static func answerMessage(_ answer: AnswerClass) -> Message? {
        switch answer {
        case .answered: return nil
        case .unanswered: return Message(.answerUnanswered)
        case .notApplicable: return Message(.answerNotApplicable)
        case .dontKnow: return Message(.answerDontKnow)
        case .skipped: return Message(.answerSkipped)
        case .unscorable: return Message(.answerUnscorable)
        }
    }

    /// How a criterion that was not answered counted under the method's `answers:` rules, as a message: "Not
    /// answered: counts 0 of 2 points under this method's rules." Nil for an answered criterion, and for one
    /// simply left out where nothing else could happen to it (levels scoring, or a method that only counts
    /// what was assessed), so results without such rules read as before.
    public static func countingMessage(_ c: CriterionResult, in assessment: Assessment) -> Message? {
        guard c.weight > 0, let answer = c.answer, let counted = c.counted, let words = answerMessage(answer) else { return nil }
        let said: MessageArgument = .text(words.english)
        switch counted {
        case .earned:
            return nil
        case .zero, .full:
            if assessment.scoring == .points, let maximum = c.maxPoints {
                return Message(counted == .zero ? .countedZeroPoints : .countedFullPoints,
                               [("answer", said), ("maximum", .number(maximum, decimals: 2))])
            }
            let level = counted == .zero ? 1 : assessment.scale.top
            return Message(.countedLevel, [("answer", said), ("level", .count(level))])
        case .excluded:
            // Under points scoring a fixed maximum may count some answers and leave others out: say which.
            // A criterion outside the method (applies-to) or a framework that never counts them needs no line.
            guard assessment.scoring == .points, answer == .skipped || answer == .dontKnow || answer == .unscorable
                || assessment.dimensions.contains(where: { d in d.criteria.contains { $0.counted == .zero || $0.counted == .full } })
            else { return nil }
            return Message(.countedExcluded, [("answer", said)])
        }
    }

    /// ``countingMessage(_:in:)`` in English, or nil.
    public static func counting(_ c: CriterionResult, in assessment: Assessment) -> String? {
        countingMessage(c, in: assessment)?.english
    }

    /// The counting rules a method applies to one criterion, a line each, for `assess explain` and any
    /// questionnaire that shows them: how its maximum (or score) counts, and what each kind of answer that is
    /// not a scored answer is worth. Nil when the method declares no rules of its own (the defaults read as
    /// before) or the criterion carries no weight.
    public static func countingRules(_ criterion: Criterion, in rubric: Rubric, framework: Framework,
                                     catalog: MessageCatalog = .english) -> [String]? {
        let declared = framework.maximum == .fixed || rubric.maximum != nil || framework.answers != AnswerRules()
            || (rubric.answers.map { $0 != AnswerRules() } ?? false)
        guard declared, criterion.weight > 0 else { return nil }
        let rules = framework.answerRules(for: rubric)
        let points = framework.scoring == .points
        let maximum = criterion.fixedMaximum
        let size: [(String, MessageArgument)] = [("maximum", .number(maximum, decimals: 2))]
        let head: MessageID = switch (rules.maximum, points) {
        case (.fixed, true): .rulesMaximumFixedPoints
        case (.assessed, true): .rulesMaximumAssessedPoints
        case (.fixed, false): .rulesMaximumFixedLevels
        case (.assessed, false): .rulesMaximumAssessedLevels
        }
        var lines = [catalog.render(Message(head, [("rubric", .text(rubric.title))] + size))]
        func rule(_ answer: MessageID, _ count: AnswerCount) {
            let worth: MessageID = switch (count, points) {
            case (.zero, true): .rulesWorthZeroPoints
            case (.full, true): .rulesWorthFullPoints
            case (.exclude, true): .rulesWorthExcludedPoints
            case (.zero, false): .rulesWorthZeroLevels
            case (.full, false): .rulesWorthFullLevels
            case (.exclude, false): .rulesWorthExcludedLevels
            }
            lines.append(catalog.render(Message(.rulesAnswer, [("answer", .text(catalog.render(Message(answer)))),
                                                                ("worth", .text(catalog.render(Message(worth, size))))])))
        }
        rule(.answerUnanswered, rules.unanswered)
        rule(.answerDontKnow, rules.dontKnow)
        rule(.answerNotApplicable, rules.notApplicable)
        if criterion.when != nil { rule(.rulesAnswerSkipped, rules.skipped) }
        if let options = criterion.assessor as? OptionsAssessor {
            rule(options.answerOptions.contains(where: \.isFallback) ? .rulesAnswerNotAnOptionFallback : .rulesAnswerNotAnOption, rules.unscorable)
            let match: MessageID = switch (rules.match.trim, rules.match.caseInsensitive) {
            case (true, true): .rulesMatchTrimIgnoreCase
            case (true, false): .rulesMatchTrimCase
            case (false, true): .rulesMatchExactIgnoreCase
            case (false, false): .rulesMatchExactCase
            }
            lines.append(catalog.render(Message(match)))
        }
        return lines
    }
}
