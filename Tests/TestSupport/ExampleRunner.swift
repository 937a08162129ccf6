import AssessCore
import Foundation

/// Runs an assessor's self-described examples, so adding an assessor adds its tests.
public enum ExampleRunner {
    /// What an example produced.
    public struct Outcome: Sendable {
        /// The criterion result, when the parameters were usable.
        public var result: CriterionResult?
        /// Problems with the parameters or the evidence.
        public var diagnostics: [Diagnostic]
    }

    /// Builds the assessor from the example's parameters and scores the example's evidence.
    public static func run(_ factory: AssessorFactory, _ example: AssessorExample, scale: Scale = .standard) -> Outcome {
        let parameters: YAMLDocument
        do { parameters = try YAMLParser.parse(example.parameters, file: "example-parameters.yaml") } catch {
            return Outcome(result: nil, diagnostics: error.diagnostics)
        }
        let context = DecodingContext(document: parameters)
        let root = parameters.root ?? YAMLNode(.mapping([]), at: .unknown)
        let node = root.scalar?.isNull == true ? YAMLNode(.mapping([]), at: root.location) : root
        guard let reader = NodeReader(node: node, path: "parameters", context: context)
            .mapping(keys: factory.description.parameters.map(\.name)),
            let assessor = factory.make(reader, scale), context.diagnostics.isEmpty else {
            return Outcome(result: nil, diagnostics: context.diagnostics)
        }
        let indented = example.evidence.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        let text = "organisation:\n  name: Example Council\n  population: 100000\nfacts:\n" + indented + "\n"
        // Export files go in a fresh folder beside the evidence, so relative paths resolve as in real use.
        var evidencePath = "example-evidence.yaml"
        var folder: URL?
        if !example.files.isEmpty {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("assess-example-\(UUID().uuidString)")
            folder = url
            for (name, contents) in example.files {
                let target = url.appendingPathComponent(name)
                try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? Data(contents.utf8).write(to: target)
            }
            evidencePath = url.appendingPathComponent("evidence.yaml").path
        }
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let evidence: Evidence
        do {
            evidence = try EvidenceLoader().decode(YAMLParser.parse(text, file: evidencePath))
        } catch {
            return Outcome(result: nil, diagnostics: error.diagnostics)
        }
        let criterion = Criterion(
            id: "example", title: "Example", assessorID: factory.description.id, assessor: assessor,
            evidence: factory.description.roles.map { EvidenceBinding(role: $0.name, fact: $0.name) })
        let framework = Framework(id: "example", title: "Example", version: "0", scale: scale,
                                  dimensions: [Dimension(rubric: Rubric(id: "example", title: "Example", criteria: [criterion]), weight: 1)])
        let (result, diagnostic) = Engine(framework: framework).score(criterion, evidence: evidence)
        return Outcome(result: result, diagnostics: diagnostic.map { [$0] } ?? [])
    }

    /// Whether an outcome meets an expectation; nil when it does, else why not.
    public static func mismatch(_ outcome: Outcome, _ expect: AssessorExample.Expectation) -> String? {
        guard let result = outcome.result else {
            return "the example could not run: " + outcome.diagnostics.map(\.headline).joined(separator: " | ")
        }
        switch expect {
        case .level(let level):
            guard result.status == .assessed, let got = result.level else { return "expected level \(level), got \(result.status.rawValue): \(result.rationale)" }
            return abs(got - level) < 0.01 ? nil : "expected level \(level), got \(got): \(result.rationale)"
        case .points(let points, let max):
            guard result.status == .assessed else { return "expected points, got \(result.status.rawValue): \(result.rationale)" }
            // Points are reported through the level on a levels framework: compare the fraction.
            let expected = Scale.standard.level(atFraction: max > 0 ? points / max : 0)
            return abs((result.level ?? -1) - expected) < 0.01 ? nil : "expected \(points)/\(max) (level \(expected)), got level \(result.level ?? -1)"
        case .notAssessed:
            return result.status == .notAssessed ? nil : "expected not assessed, got \(result.status.rawValue)"
        case .notApplicable:
            return result.status == .notApplicable ? nil : "expected not applicable, got \(result.status.rawValue)"
        case .error(let fragment):
            guard result.status == .error else { return "expected an error, got \(result.status.rawValue): \(result.rationale)" }
            return result.rationale.contains(fragment) ? nil : "expected an error containing '\(fragment)', got: \(result.rationale)"
        }
    }
}
