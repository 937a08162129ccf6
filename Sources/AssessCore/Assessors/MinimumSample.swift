/// The smallest sample (pages, replies, survey responses) a measure needs before its level can be trusted,
/// and what happens below it: the level stands with lower confidence, or the criterion is not assessed.
///
/// Assessors that compute from samples take `minimum-sample:` and `below-minimum:` parameters and call
/// ``apply(count:to:)`` with the size of the sample they measured.
public struct MinimumSample: Sendable, Hashable {
    /// What happens below the minimum.
    public enum Below: String, CaseIterable, Sendable {
        /// The level stands, with confidence capped at ``MinimumSample/reducedConfidence``.
        case lowerConfidence = "lower-confidence"
        /// No level: the criterion is not assessed, with the reason.
        case notAssessed = "not-assessed"
    }

    /// The smallest sample that counts in full.
    public var minimum: Int
    /// What happens below it.
    public var below: Below
    /// What the sample counts, plural ("pages", "responses").
    public var unit: String

    /// The confidence cap below the minimum: no better than a self-report, since a small sample can miss
    /// the organisation's typical case as easily as a guess can.
    public static let reducedConfidence = Provenance.selfReported.confidence

    /// The parameter keys.
    public static let parameterKeys = ["minimum-sample", "below-minimum"]

    /// The two parameter descriptions, with this assessor's default minimum and why.
    public static func parameterDescriptions(default minimum: Int, unit: String, why: String,
                                             below: Below = .lowerConfidence) -> [ParameterDescription] {
        [ParameterDescription("minimum-sample", type: "whole number", default: String(minimum),
                              "the fewest \(unit) the measure needs (\(why))"),
         ParameterDescription("below-minimum", type: "lower-confidence | not-assessed", default: below.rawValue,
                              "below the minimum: keep the level with confidence capped at \(Format.number(reducedConfidence * 100))%, or give no level")]
    }

    /// Creates a minimum directly.
    public init(minimum: Int, below: Below = .lowerConfidence, unit: String) {
        self.minimum = minimum
        self.below = below
        self.unit = unit
    }

    /// Reads `minimum-sample:` and `below-minimum:`; nil (with a located error) when either is unusable.
    public init?(parameters: MappingReader, default minimum: Int, unit: String, below: Below = .lowerConfidence) {
        self.unit = unit
        self.minimum = minimum
        self.below = below
        if let node = parameters["minimum-sample"] {
            guard let value = node.integer(in: 1...1_000_000) else { return nil }
            self.minimum = value
        }
        if let node = parameters["below-minimum"] {
            guard let value = node.choice(Below.self) else { return nil }
            self.below = value
        }
    }

    /// The result for a sample counted as a number (replies sent, messages received), which may be huge or
    /// not finite in bad evidence: unchanged at or above the minimum (or when not finite), else as for a count.
    public func apply(measured count: Double, to result: AssessorResult) throws(AssessmentIssue) -> AssessorResult {
        guard count.isFinite, count < Double(minimum) else { return result }
        return try apply(count: Int(Swift.max(0, count.rounded(.down))), to: result)
    }

    /// The result for a sample of `count`: unchanged at or above the minimum; below it, the result with its
    /// confidence capped and a sentence and finding saying why, or ``AssessmentIssue/unassessable(_:)``.
    public func apply(count: Int, to result: AssessorResult) throws(AssessmentIssue) -> AssessorResult {
        guard count < minimum else { return result }
        let shortfall = "only \(count) \(unit) \(count == 1 ? "was" : "were") measured, fewer than the minimum of \(minimum) this criterion needs"
        switch below {
        case .notAssessed:
            throw .unassessable(shortfall.prefix(1).uppercased() + shortfall.dropFirst()
                                + "; add more \(unit) to the evidence, or lower 'minimum-sample:' in the rubric if the sample is the whole population.")
        case .lowerConfidence:
            var result = result
            result.rationale += " Confidence is capped at \(Format.number(Self.reducedConfidence * 100))%: \(shortfall)."
            result.findings.append(Finding("sample-below-minimum", "Sample below the minimum",
                                           .text("\(count) of at least \(minimum) \(unit)")))
            result.confidenceCap = min(result.confidenceCap ?? 1, Self.reducedConfidence)
            return result
        }
    }
}
