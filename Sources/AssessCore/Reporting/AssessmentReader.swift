import Foundation

/// Reads back the JSON document that ``JSONReporter`` writes, so results can be compared, ranked and stored
/// without scoring again.
///
/// The document is versioned (`schemaVersion`, documented in docs/json-output.md and
/// `schemas/assessment.schema.json`). Any 1.x document is read; a document of another major version is
/// refused with a message that says which versions this `assess` reads. Numbers come back as written (three
/// decimals), so a result read back and written again gives the same bytes.
public enum AssessmentReader {
    /// A result read back, with what produced it.
    public struct Document: Sendable {
        /// The assessment.
        public var assessment: Assessment
        /// The tool version and date it was produced with.
        public var context: ReportContext
        /// The document's schema version.
        public var schemaVersion: String
    }

    /// Why a document could not be read.
    public enum ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The bytes are not JSON.
        case notJSON(file: String, detail: String)
        /// The document is JSON of another major schema version.
        case unsupportedVersion(file: String, found: String)
        /// A value is missing or of the wrong type at a path such as `dimensions[2].criteria[0].level`.
        case invalid(file: String, path: String, detail: String)

        /// The message, in the `file: error: what; how to fix it` form.
        public var description: String {
            switch self {
            case .notJSON(let file, let detail):
                return "\(file): error: this is not a JSON assessment (\(detail)); write one with 'assess score --format json'"
            case .unsupportedVersion(let file, let found):
                return "\(file): error: schema version \(found) is not one this assess reads (1.x); score the evidence again with this version"
            case .invalid(let file, let path, let detail):
                return "\(file): error: \(path.isEmpty ? "the document" : path) \(detail); is this a file written by 'assess score --format json'?"
            }
        }
    }

    /// Reads a document from its bytes; `file` names it in errors.
    public static func read(_ data: Data, file: String) throws(ReadError) -> Document {
        let decoded: Wire.Document
        do {
            decoded = try JSONDecoder().decode(Wire.Document.self, from: data)
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let context) where context.codingPath.isEmpty:
                throw .notJSON(file: file, detail: "not valid JSON")
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                throw .invalid(file: file, path: path(context.codingPath), detail: "has the wrong type or is missing")
            case .keyNotFound(let key, let context):
                throw .invalid(file: file, path: path(context.codingPath + [key]), detail: "is missing")
            @unknown default:
                throw .notJSON(file: file, detail: "unreadable")
            }
        } catch {
            throw .notJSON(file: file, detail: "unreadable")
        }
        guard decoded.schemaVersion.split(separator: ".").first == "1" else {
            throw .unsupportedVersion(file: file, found: decoded.schemaVersion)
        }
        return Document(assessment: decoded.assessment,
                        context: ReportContext(toolVersion: decoded.tool.version, date: decoded.generatedAt),
                        schemaVersion: decoded.schemaVersion)
    }

    /// `dimensions[2].criteria[0].level`
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }
}

// MARK: - The document's shape

/// The JSON document as written, decoded field by field and then turned into the model.
private enum Wire {
    struct Document: Decodable {
        var schemaVersion: String
        var tool: Tool
        var generatedAt: String?
        var framework: FrameworkInfo
        var pack: PackInfo?
        var scale: ScaleInfo
        var organisation: OrganisationInfo
        var overall: Overall
        var dimensions: [Dimension]
        var diagnostics: [DiagnosticInfo]

        var assessment: Assessment {
            Assessment(
                organisation: {
                    var read = Organisation(name: organisation.name, type: organisation.type, code: organisation.code,
                                            population: organisation.population, period: organisation.period,
                                            nation: organisation.nation.flatMap(Nation.init(rawValue:)))
                    read.attributes = organisation.attributes ?? [:]
                    return read
                }(),
                framework: (framework.id, framework.title, framework.version),
                scoring: ScoringMode(rawValue: framework.scoring) ?? .levels,
                scale: Scale(levels: scale.levels.map { LevelDefinition(level: $0.level, name: $0.name, description: $0.description) }),
                overall: overall.model, dimensions: dimensions.map(\.model), diagnostics: diagnostics.map(\.model),
                pack: pack.map { PackLabel(id: $0.id, version: $0.version) })
        }
    }

    struct Tool: Decodable { var name: String; var version: String }
    struct FrameworkInfo: Decodable { var id: String; var title: String; var version: String; var scoring: String }
    struct PackInfo: Decodable { var id: String; var version: String }
    struct ScaleInfo: Decodable { var levels: [Level] }
    struct Level: Decodable { var level: Int; var name: String; var description: String }
    struct OrganisationInfo: Decodable {
        var name: String
        var type: String?
        var code: String?
        var population: Double?
        var period: String?
        var nation: String?
        var attributes: [String: String]?
    }

    struct Overall: Decodable {
        var score: Double?
        var level: Int?
        var coverage: Double?
        var confidence: Double?
        var status: String?
        var reason: String?
        var missing: [String]?
        var provisionalScore: Double?
        var provisionalLevel: Int?
        var exactScore: Double?

        var model: OverallResult {
            var result = OverallResult()
            result.score = score
            result.level = level
            result.coverage = coverage
            result.confidence = confidence
            result.status = status.flatMap(ResultStatus.init(rawValue:)) ?? .scored
            result.reason = reason
            result.missing = missing ?? []
            result.provisionalScore = provisionalScore
            result.provisionalLevel = provisionalLevel
            result.exactScore = exactScore
            return result
        }
    }

    struct GatingInfo: Decodable {
        var weightedLevel: Int?
        var stagedLevel: Int?
        var limitedBy: [String]
        var unverifiedCore: [String]
    }

    struct Dimension: Decodable {
        var id: String
        var title: String
        var weight: Double
        var score: Double?
        var level: Int?
        var coverage: Double?
        var confidence: Double?
        var sourceConfidence: Double?
        var status: String?
        var reason: String?
        var missing: [String]?
        var provisionalScore: Double?
        var provisionalLevel: Int?
        var exactScore: Double?
        var context: [Context]?
        var gating: GatingInfo
        var sections: [SectionInfo]?
        var criteria: [Criterion]

        var model: DimensionResult {
            var result = DimensionResult(
                id: id, title: title, weight: weight, score: score, level: level, coverage: coverage, confidence: confidence,
                gating: Gating(weightedLevel: gating.weightedLevel, stagedLevel: gating.stagedLevel,
                               limitedBy: gating.limitedBy, unverifiedCore: gating.unverifiedCore),
                criteria: criteria.map(\.model))
            result.status = status.flatMap(ResultStatus.init(rawValue:)) ?? .scored
            result.reason = reason
            result.missing = missing ?? []
            result.provisionalScore = provisionalScore
            result.provisionalLevel = provisionalLevel
            result.sourceConfidence = sourceConfidence
            result.exactScore = exactScore
            result.context = (context ?? []).map(\.model)
            result.sections = (sections ?? []).map(\.model)
            return result
        }
    }

    struct SectionInfo: Decodable {
        var id: String
        var title: String
        var weight: Double?
        var score: Double?
        var level: Int?
        var points: Double?
        var maxPoints: Double?
        var coverage: Double?
        var criteria: [String]

        var model: SectionResult {
            SectionResult(id: id, title: title, weight: weight, score: score, level: level, points: points,
                          maxPoints: maxPoints, coverage: coverage, criteria: criteria)
        }
    }

    struct Use: Decodable {
        var role: String
        var fact: String
        var present: Bool
        var value: String?
        var source: String?
        var reference: String?
        var date: String?
        var line: Int?

        var model: EvidenceUse {
            EvidenceUse(role: role, fact: fact, present: present, value: value, source: source.flatMap(Provenance.init(rawValue:)),
                        reference: reference, date: date, line: line)
        }
    }

    struct National: Decodable {
        var value: Double?
        var area: String?
        var source: String?
        var date: String?
    }

    struct Context: Decodable {
        var id: String
        var title: String
        var value: Double?
        var unit: String
        var note: String
        var national: National?
        var evidence: [Use]

        var model: ContextValue {
            ContextValue(id: id, title: title, value: value, unit: unit, national: national?.value, nationalArea: national?.area,
                         nationalSource: national?.source, nationalDate: national?.date, note: note, evidence: evidence.map(\.model))
        }
    }

    struct FindingInfo: Decodable {
        var id: String
        var label: String
        var value: FindingValue
        var unit: String?

        var model: Finding {
            switch value {
            case .number(let number): return Finding(id, label, .number(number, unit: unit))
            case .text(let text): return Finding(id, label, .text(text))
            case .flag(let flag): return Finding(id, label, .flag(flag))
            case .list(let items): return Finding(id, label, .list(items))
            }
        }
    }

    enum FindingValue: Decodable {
        case number(Double), text(String), flag(Bool), list([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let text = try? container.decode(String.self) { self = .text(text) }
            else { self = .list(try container.decode([String].self)) }
        }
    }

    struct Criterion: Decodable {
        var id: String
        var title: String
        var status: String
        var level: Double?
        var points: Double?
        var maxPoints: Double?
        var exactPoints: Double?
        var answer: String?
        var counted: String?
        var weight: Double
        var core: Bool
        var assessor: String
        var confidence: Double?
        var rationale: String
        var descriptor: String?
        var findings: [FindingInfo]
        var evidence: [Use]

        var model: CriterionResult {
            CriterionResult(
                id: id, title: title, weight: weight, core: core, assessor: assessor,
                status: CriterionStatus(rawValue: status) ?? .error, level: level, points: points, maxPoints: maxPoints,
                rationale: rationale, findings: findings.map(\.model), evidence: evidence.map(\.model),
                confidence: confidence, descriptor: descriptor, answer: answer.flatMap(AnswerClass.init(rawValue:)),
                counted: counted.flatMap(Counted.init(rawValue:)), exactPoints: exactPoints)
        }
    }

    struct DiagnosticInfo: Decodable {
        var severity: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var hint: String?

        var model: Diagnostic {
            Diagnostic(Diagnostic.Severity(rawValue: severity) ?? .error, file: file,
                       location: SourceLocation(line: line, column: column), message: message, hint: hint)
        }
    }
}
