import AssessCore
import Foundation
import Testing

// The one numeric check every reader uses (issue 7): a number is usable when finite and within ±(2^53 − 1).

@Suite("input numbers")
struct InputNumberTests {
    @Test func readsDecimalNumbersAndRefusesWhatCannotBeUsed() {
        #expect(InputNumber.read("42") == .value(42))
        #expect(InputNumber.read("-12.5") == .value(-12.5))
        #expect(InputNumber.read("1_000") == .value(1000))
        #expect(InputNumber.read("9007199254740991") == .value(9_007_199_254_740_991))
        #expect(InputNumber.read("9007199254740993") == .unusable(.tooLarge))
        #expect(InputNumber.read("1e19") == .unusable(.tooLarge))
        #expect(InputNumber.read("-9223372036854775809") == .unusable(.tooLarge))
        #expect(InputNumber.read("1e999") == .unusable(.notFinite))
        for special in [".inf", "-.inf", "+.Inf", ".NaN", ".nan", ".NAN"] {
            #expect(InputNumber.read(special) == .unusable(.notFinite), "\(special)")
        }
        for text in ["abc", "2026-02-30", "inf", "-inf", "+nan", "0x10", "", "12 hours", "."] {
            #expect(InputNumber.read(text) == .notNumber, "\(text)")
        }
    }

    @Test func theYAMLScalarNumberIsOnlyAUsableNumber() {
        #expect(YAMLScalar(text: "1e19", isPlain: true).number == nil)
        #expect(YAMLScalar(text: "1e19", isPlain: true).numberProblem == .tooLarge)
        #expect(YAMLScalar(text: "12", isPlain: true).number == 12)
        #expect(YAMLScalar(text: "12", isPlain: true).numberProblem == nil)
        #expect(YAMLNode(.scalar(YAMLScalar(text: "1e19", isPlain: true)), at: .unknown).kindDescription
                == "1e19, a number too large to use")
    }

    @Test func theMessageSaysWhatAndTheRange() {
        #expect(InputNumber.message("rating", is: "1e19", .tooLarge)
                == "rating is 1e19, outside the usable range -9,007,199,254,740,991 to 9,007,199,254,740,991")
        #expect(InputNumber.message("rating", is: ".nan", .notFinite) == "rating is .nan, which is not a finite number")
    }

    @Test func formattingNeverTrapsOnAHugeFigure() {
        // Sums of usable numbers can pass 2^63; Format shows them rather than converting to Int.
        #expect(Format.number(1e19) == "1e+19")
        #expect(Format.number(-1e300) == "-1e+300")
        #expect(Format.number(Double.greatestFiniteMagnitude).hasSuffix("e+308"))
        #expect(Format.number(1234.5) == "1,234.5")
        #expect(Format.number(.nan) == "n/a")
    }

    @Test func aRubricNumberBeyondTheRangeIsLocated() throws {
        let document = try YAMLParser.parse("min: -9223372036854775809\nmax: .inf\nok: 5\n", file: "p.yaml")
        let context = DecodingContext(document: document)
        let map = try #require(context.root(what: "parameters")?.mapping(keys: ["min", "max", "ok"]))
        #expect(map["min"]?.number() == nil)
        #expect(map["max"]?.number() == nil)
        #expect(map["ok"]?.number() == 5)
        let messages = context.diagnostics.map(\.description)
        #expect(messages.count == 2)
        #expect(messages.first?.hasPrefix("p.yaml:1:6: error: min is -9223372036854775809, outside the usable range") == true, "\(messages)")
        #expect(messages.last?.hasPrefix("p.yaml:2:6: error: max is .inf, which is not a finite number") == true, "\(messages)")
    }

    @Test func theEvidenceLoaderRefusesPlainUnusableNumbersAnywhereInAFact() throws {
        let text = """
            organisation: {name: X}
            facts:
              a: 1e19
              b: {value: [1, 2, .nan], source: measured}
              c: {web: {deep: -1e400}}
              d: "1e19"
              e: 12
            """
        do {
            _ = try EvidenceLoader().decode(YAMLParser.parse(text, file: "e.yaml"))
            Issue.record("the evidence should be refused")
        } catch {
            let lines = error.diagnostics.map { "\($0.location.line):\($0.location.column)" }
            #expect(lines == ["3:6", "4:21", "5:19"])
        }
    }

    @Test func aValueReachedTwiceThroughAnAliasIsReportedOnce() throws {
        let text = "organisation: {name: X}\nfacts:\n  a: &v {web: 1e19}\n  b: *v\n"
        do {
            _ = try EvidenceLoader().decode(YAMLParser.parse(text, file: "e.yaml"))
            Issue.record("the evidence should be refused")
        } catch {
            #expect(error.diagnostics.map(\.location) == [AssessCore.SourceLocation(line: 3, column: 15)])
        }
    }

    @Test func csvCellsBeyondTheRangeAreLocated() throws {
        let table = try CSVTable(text: "name,count\nA,12\nB,1e19\n", file: "t.csv")
        #expect(try table.number(table.rows[0], 1) == 12)
        #expect(throws: CSVTable.ParseError.self) { try table.number(table.rows[1], 1) }
        do {
            _ = try table.number(table.rows[1], 1)
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 2)
            #expect(error.message.contains("1e19, outside the usable range"))
        }
    }
}

/// An assessor whose arithmetic goes wrong: the engine must report it, never convert the level to Int.
private struct NotANumberAssessor: Assessor {
    static let description = AssessorDescription(
        id: "test.nan", title: "Not a number", purpose: "Answers a level that is not a number.",
        roles: [RoleDescription("value", type: "number", "anything")], parameters: [], examples: [])
    init?(parameters: MappingReader, scale: Scale) {}
    init() {}
    func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        _ = try input.number("value")
        return AssessorResult(.level(.nan), rationale: "0/0")
    }
}

@Suite("engine guards")
struct EngineNumberGuardTests {
    @Test func aLevelThatIsNotANumberIsACriterionError() throws {
        let evidence = try EvidenceLoader().decode(YAMLParser.parse("organisation: {name: X}\nfacts: {value: 3}\n", file: "e.yaml"))
        let criterion = Criterion(id: "c", title: "C", assessorID: "test.nan", assessor: NotANumberAssessor(),
                                  evidence: [EvidenceBinding(role: "value", fact: "value")])
        let framework = Framework(id: "f", title: "F", version: "0", scale: .standard,
                                  dimensions: [Dimension(rubric: Rubric(id: "r", title: "R", criteria: [criterion]), weight: 1)])
        let (result, diagnostic) = Engine(framework: framework).score(criterion, evidence: evidence)
        #expect(result.status == .error)
        #expect(result.level == nil)
        #expect(diagnostic?.message.contains("worked out a level that is not a number") == true)
    }
}
