import AssessCore
import AssessStore
import Foundation

/// One organisation's assessments read back from a results store (`--store FILE` of `score` and `batch`),
/// by period, for `compare --store` and `report --previous STORE` (docs/compare.md). Every refusal names the
/// store and says what it holds.
struct StoredAssessments {
    let path: String
    let store: ResultStore

    /// Opens a store that must exist already: a missing file is exit 66, a file that is not a store exit 65.
    init(path: String) throws {
        guard FileReader.exists(path), !FileReader.isDirectory(path) else {
            Output.error("\(path): error: no such results store; give the file written with 'assess score --store' or 'assess batch --store'")
            throw CLIFailure(code: ExitStatus.noInput)
        }
        guard ResultInput.isStore(path) else {
            Output.error("\(path): error: not a results store (an SQLite file); give the file written with 'assess score --store' or 'assess batch --store'")
            throw CLIFailure(code: ExitStatus.dataError)
        }
        do throws(ResultStore.StoreError) { store = try ResultStore(path: path) } catch {
            Output.error(error.description)
            throw CLIFailure(code: ExitStatus.dataError)
        }
        self.path = path
    }

    /// The organisations kept (their codes, else the evidence file's name), in order.
    func codes() throws -> [String] {
        do throws(ResultStore.StoreError) {
            return try store.query("SELECT code FROM organisations ORDER BY code").compactMap { $0.first ?? nil }
        } catch {
            Output.error(error.description)
            throw CLIFailure(code: ExitStatus.dataError)
        }
    }

    /// The code to read: the one given, else the store's only organisation. Exit 66 when it is not kept.
    func code(_ given: String?, hint: String = "give one of them with --code") throws -> String {
        let codes = try codes()
        if let given {
            guard codes.contains(given) else {
                Output.error("\(path): error: the store holds no assessment of '\(given)'; \(Self.holds(codes, "organisation")); \(hint)")
                throw CLIFailure(code: ExitStatus.noInput)
            }
            return given
        }
        guard codes.count == 1 else {
            Output.error("\(path): error: say which organisation to compare with --code: \(Self.holds(codes, "organisation"))")
            throw CLIFailure(code: ExitStatus.usage)
        }
        return codes[0]
    }

    /// Every document kept for one organisation, in order of period and framework version.
    func documents(code: String) throws -> [AssessmentReader.Document] {
        do throws(ResultStore.StoreError) { return try store.documents(code: code) } catch {
            Output.error(error.description)
            throw CLIFailure(code: ExitStatus.dataError)
        }
    }

    /// The periods kept for one organisation, as written, in order, each once.
    static func periods(_ documents: [AssessmentReader.Document]) -> [String] {
        var seen: Set<String> = []
        return documents.map { $0.assessment.organisation.period ?? "" }.filter { seen.insert($0).inserted }
    }

    /// One organisation's assessment for a period: as written, or the same financial year written another way
    /// (`2024/25` finds `2024-25`). When several framework versions are kept, the current framework's is
    /// taken, else the last, with a note. Exit 66 when the period is not kept, listing the periods that are.
    func assessment(code: String, period: String, option: String, framework: Framework) throws -> Assessment {
        let documents = try documents(code: code)
        let wanted = Period(period)
        let matching = documents.filter { Period($0.assessment.organisation.period ?? "") == wanted }
        guard let last = matching.last else {
            let periods = Self.periods(documents).map { $0.isEmpty ? "(no period)" : $0 }
            Output.error("\(path): error: the store holds no assessment of \(code) for the period '\(period)'; it holds \(periods.joined(separator: ", ")); give one of them with \(option)")
            throw CLIFailure(code: ExitStatus.noInput)
        }
        if let current = matching.first(where: { $0.assessment.framework.id == framework.id && $0.assessment.framework.version == framework.version }) {
            return current.assessment
        }
        if matching.count > 1 {
            let versions = matching.map { "\($0.assessment.framework.id) \($0.assessment.framework.version)" }
            Output.error("\(path): warning: \(code) \(period) is kept for several framework versions (\(versions.joined(separator: ", "))); comparing the last, \(versions[versions.count - 1])")
        }
        return last.assessment
    }

    /// The assessment to show "since last year" against: the given period, else the latest financial year
    /// kept before this assessment's. Exit 66 when there is none, listing the periods kept.
    func previous(of assessment: Assessment, period: String?, framework: Framework) throws -> Assessment {
        let code = try code(assessment.organisation.code ?? assessment.organisation.name,
                            hint: "check the evidence's organisation.code, or keep an earlier assessment with 'assess score --store'")
        if let period { return try self.assessment(code: code, period: period, option: "--previous-period", framework: framework) }
        let kept = Self.periods(try documents(code: code))
        if case .financialYear(let now) = Period(assessment.organisation.period ?? ""),
           let earlier = kept.compactMap({ text -> (Int, String)? in
               if case .financialYear(let start) = Period(text), start < now { return (start, text) }
               return nil
           }).max(by: { $0.0 < $1.0 }) {
            return try self.assessment(code: code, period: earlier.1, option: "--previous-period", framework: framework)
        }
        let now = assessment.organisation.period.map { "'\($0)'" } ?? "none"
        Output.error("\(path): error: no financial year before this assessment's period (\(now)) is kept for \(code); it holds \(kept.map { $0.isEmpty ? "(no period)" : $0 }.joined(separator: ", ")); name one with --previous-period")
        throw CLIFailure(code: ExitStatus.noInput)
    }

    /// "it holds 3 organisations: A, B, C" (the first ten, then how many more).
    static func holds(_ codes: [String], _ noun: String) -> String {
        if codes.isEmpty { return "it holds no assessment yet" }
        let shown = codes.prefix(10).joined(separator: ", ")
        let more = codes.count > 10 ? " and \(codes.count - 10) more" : ""
        return "it holds \(codes.count) \(noun)\(codes.count == 1 ? "" : "s"): \(shown)\(more)"
    }
}
