// The evidence each generic assessor reads, from its parameters: the unit and range of a measure, the ids
// of checklist items, staged statements and options. Kept apart from the assessors' scoring code.

extension Thresholds {
    /// The form of the measure the thresholds place: a number in the thresholds' unit; a percentage is
    /// 0 to 100 and nothing counted is below zero.
    public var measureForm: FactForm {
        let unit = unit.isEmpty ? nil : unit
        if unit == "%" { return .number(unit: "%", min: 0, max: 100) }
        let nonNegative = (values.min() ?? 0) >= 0
        return .number(unit: unit, min: nonNegative ? 0 : nil, max: nil)
    }
}

extension ThresholdAssessor {
    /// One number in the thresholds' unit.
    public var evidenceSpec: [FactSpec] {
        [FactSpec(role: "value", help: "the measure", forms: [thresholds.measureForm])]
    }
}

extension RatioAssessor {
    /// Two numbers, a part and a whole.
    public var evidenceSpec: [FactSpec] {
        [FactSpec(role: "numerator", help: "the part", forms: [.number(unit: nil, min: 0, max: nil)]),
         FactSpec(role: "denominator", help: "the whole (more than zero)", forms: [.number(unit: nil, min: 0, max: nil)])]
    }
}

extension ChecklistAssessor {
    /// Which items are in place: each item's id and label.
    public var evidenceSpec: [FactSpec] {
        [FactSpec(role: "items", help: "which practices are in place (an item not answered counts as not in place)",
                  forms: [.checklist(items.map { Choice($0.id, $0.label, requiredFor: $0.requiredFor) })])]
    }
}

extension StagedAssessor {
    /// Which statements hold: each statement's id, text and level.
    public var evidenceSpec: [FactSpec] {
        [FactSpec(role: "statements", help: "which statements hold (one not answered counts as not holding)",
                  forms: [.statements(statements.map { Choice($0.id, $0.text, level: Double($0.level), requiredFor: $0.level) })])]
    }
}

extension OptionsAssessor {
    /// One option's value, with each option's label and worth.
    public var evidenceSpec: [FactSpec] {
        let choices = options.map { option -> Choice in
            if let means = option.means {
                let meaning = means == .dontKnow ? "don't know" : means == .notApplicable ? "not applicable" : "unanswered"
                // "counts as don't know", so a list of options never reads "Don't know: don't know".
                return Choice(option.value, option.label == option.value ? "counts as \(meaning)" : "\(option.label), counts as \(meaning)")
            }
            return usesPoints ? Choice(option.value, option.label, points: option.score) : Choice(option.value, option.label, level: option.score)
        }
        // With a fallback any answer scores, so the evidence may hold any text.
        return [FactSpec(role: "answer", help: fallback == nil ? "the chosen option's value" : "the chosen option's value, or any other answer (\(fallback?.label ?? ""))",
                         forms: fallback == nil ? [.options(choices)] : [.options(choices), .text])]
    }
}

extension SelfRatingAssessor {
    /// One rating within the assessor's range.
    public var evidenceSpec: [FactSpec] {
        [FactSpec(role: "rating", help: "the organisation's own rating, from \(Format.number(min)) to \(Format.number(max))",
                  forms: [.number(unit: nil, min: min, max: max)])]
    }
}
