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
                               [("answer", said), ("maximum", .number(maximum, decimals: 2)), ("units", .count(maximum == 1 ? 1 : 2))])
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
}
