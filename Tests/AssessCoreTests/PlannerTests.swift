import AssessCore
import Foundation
import AssessKit
import Testing
import TestSupport

/// A small framework with actions, for roadmap properties.
enum PlannerFixture {
    static func criterion(_ id: String, weight: Double = 1, core: Bool = false, fact: String) -> String {
        """
          - id: \(id)
            title: \(id)
            question: q
            rationale: r
            weight: \(weight)
            core: \(core)
            assessor: threshold
            evidence: {value: \(fact)}
            parameters: {thresholds: [1, 2, 3, 4, 5], interpolate: false}
            levels: \(Fixtures.levelsYAML)
        """
    }

    static func framework(actions alpha: String, beta: String = "", planning: String = "") throws -> Framework {
        let frameworkYAML = """
            id: plan
            title: Plan
            version: "1"
            \(Fixtures.scaleYAML)
            dimensions:
              - {rubric: alpha.yaml, weight: 2}
              - {rubric: beta.yaml, weight: 1}
            """ + (planning.isEmpty ? "" : "\n" + planning)
        let alphaYAML = "id: alpha\ntitle: Alpha\nversion: '1'\nlevels: \(Fixtures.levelsYAML)\ncriteria:\n"
            + [criterion("a1", weight: 2, core: true, fact: "a.one"), criterion("a2", fact: "a.two"), criterion("a3", fact: "a.three")].joined(separator: "\n")
            + (alpha.isEmpty ? "" : "\nactions:\n" + alpha)
        let betaYAML = "id: beta\ntitle: Beta\nversion: '1'\nlevels: \(Fixtures.levelsYAML)\ncriteria:\n"
            + [criterion("b1", fact: "b.one"), criterion("b2", fact: "b.two")].joined(separator: "\n")
            + (beta.isEmpty ? "" : "\nactions:\n" + beta)
        return try Fixtures.framework(frameworkYAML, rubrics: ["alpha.yaml": alphaYAML, "beta.yaml": betaYAML])
    }

    static let actions = """
          - {id: x-policy, title: Policy, description: d, raises: {a1: 3}, effort: 4, owner: Head of service}
          - {id: x-train, title: Training, description: d, raises: {a2: 4}, effort: 10, depends-on: [x-policy]}
          - {id: x-big, title: Big build, description: d, raises: {a3: 5, a2: 5}, effort: 70, cost: 20000, depends-on: [x-train]}
          - {id: x-tiny, title: Tiny fix, description: d, raises: {a3: 3}, effort: 1}
        """
    static let betaActions = """
          - {id: y-data, title: Data, description: d, raises: {b1: 4}, effort: 12, depends-on: [x-policy]}
          - {id: y-more, title: More data, description: d, raises: {b2: 4}, effort: 30}
        """

    static func evidence(_ levels: [String: Int]) throws -> Evidence {
        let facts = levels.sorted { $0.key < $1.key }.map { "  \($0.key): {value: \($0.value), source: measured}" }.joined(separator: "\n")
        return try Fixtures.evidence("organisation: {name: Planshire}\nfacts:\n" + facts + "\n")
    }

    static let low = ["a.one": 1, "a.two": 2, "a.three": 2, "b.one": 2, "b.two": 2]
}

@Suite("Roadmap planner")
struct PlannerTests {
    func roadmap(_ levels: [String: Int] = PlannerFixture.low, capacity: Double = 20, target: Int? = nil, quarters: Int = 40,
                 owners: [String: Double] = [:], beta: String = PlannerFixture.betaActions, planning: String = "") throws -> Roadmap {
        let framework = try PlannerFixture.framework(actions: PlannerFixture.actions, beta: beta, planning: planning)
        let assessment = Engine(framework: framework).assess(try PlannerFixture.evidence(levels))
        let planner = Planner(framework: framework, capacity: capacity, quarters: quarters, ownerCapacity: owners,
                              start: FiscalQuarter(date: "2026-05-10"))
        return planner.plan(assessment, targets: planner.targets(for: assessment, all: target))
    }

    @Test func topLevelEverywhereGivesAnEmptyRoadmap() throws {
        let top = Dictionary(uniqueKeysWithValues: PlannerFixture.low.keys.map { ($0, 5) })
        let plan = try roadmap(top)
        #expect(plan.items.isEmpty)
        #expect(plan.targets.values.allSatisfy { $0 == 5 })
        let json = RoadmapReporter.json(plan, context: ReportContext(toolVersion: "t"))
        #expect(json.contains("\"actions\": []"))
    }

    @Test("every action comes after its dependencies", arguments: [5.0, 20, 100])
    func dependenciesFirst(capacity: Double) throws {
        let plan = try roadmap(capacity: capacity, target: 5)
        #expect(!plan.items.isEmpty)
        for (index, item) in plan.items.enumerated() {
            for dependency in item.action.dependsOn {
                let before = try #require(plan.items.firstIndex { $0.action.id == dependency }, "\(dependency) of \(item.action.id) is scheduled")
                #expect(before < index)
                #expect(plan.items[before].endQuarter <= item.quarter)
            }
        }
    }

    @Test("no quarter exceeds the capacity; a large action is spread, not dropped", arguments: [5.0, 20, 33])
    func capacity(capacity: Double) throws {
        let plan = try roadmap(capacity: capacity, target: 5)
        var load: [Int: Double] = [:]
        for item in plan.items {
            #expect(abs(item.effortByQuarter.reduce(0, +) - item.action.effort) < 1e-9, "all of \(item.action.id)'s effort is scheduled")
            for (offset, days) in item.effortByQuarter.enumerated() { load[item.quarter + offset, default: 0] += days }
        }
        #expect(load.values.allSatisfy { $0 <= capacity + 1e-9 })
        let big = try #require(plan.items.first { $0.action.id == "x-big" })
        #expect(big.endQuarter > big.quarter, "70 days cannot fit in one quarter of \(capacity)")
    }

    @Test func sameInputsSameRoadmap() throws {
        let context = ReportContext(toolVersion: "t", date: "2026-01-01")
        #expect(RoadmapReporter.json(try roadmap(), context: context) == RoadmapReporter.json(try roadmap(), context: context))
    }

    @Test func projectionsAreRescoredAndReachTheTargets() throws {
        let plan = try roadmap(target: 4)
        let final = try #require(plan.projections.last?.assessment)
        // a1 3, a2 5, a3 5 (x-big) → alpha (2×3 + 5 + 5) / 4 = 4.0 but a1 is core at 3: staged level 3 → shortfall.
        let alpha = try #require(final.dimensions.first { $0.id == "alpha" })
        #expect(abs((alpha.score ?? 0) - 4.0) < 1e-9)
        #expect(alpha.level == 3)
        #expect(plan.shortfalls.contains { $0.dimension == "alpha" && $0.target == 4 && $0.reached == 3 })
        let beta = try #require(final.dimensions.first { $0.id == "beta" })
        #expect(beta.level == 4)
        // Projections never go down from one horizon to the next.
        let scores = [plan.baseline.overall.score] + plan.projections.map(\.assessment.overall.score)
        for (a, b) in zip(scores, scores.dropFirst()) { #expect((b ?? 0) >= (a ?? 0) - 1e-9) }
    }

    @Test func theCoreCriterionHoldingALevelDownComesFirst() throws {
        // a2 and a3 at 4 give alpha a weighted level of 2, but the core a1 at level 1 holds it at 1.
        var levels = PlannerFixture.low
        levels["a.two"] = 4
        levels["a.three"] = 4
        let plan = try roadmap(levels)
        let alpha = try #require(plan.baseline.dimensions.first { $0.id == "alpha" })
        #expect(alpha.gating.limitedBy == ["a1"])
        #expect(plan.items.first?.action.id == "x-policy")
        #expect(plan.items.first?.reasoning.contains("core criterion") == true)
        #expect(plan.items.first?.horizon == .now)
    }

    @Test func quickWinsAreSmallWithNoUnmetPrerequisites() throws {
        // y-small is small, but needs y-more (30 days), which the plan must do first: not a quick win.
        let beta = PlannerFixture.betaActions + "\n  - {id: y-small, title: Small, description: d, raises: {b1: 5}, effort: 2, depends-on: [y-more]}"
        let plan = try roadmap(target: 5, beta: beta)
        let planned = Set(plan.items.map(\.action.id))
        for item in plan.items where item.quickWin {
            #expect(item.action.effort <= 5 && item.value > 0)
            #expect(item.action.dependsOn.allSatisfy { !planned.contains($0) }, "\(item.action.id) has an unmet prerequisite")
        }
        let small = try #require(plan.items.first { $0.action.id == "y-small" })
        #expect(!small.quickWin)
        #expect(plan.items.contains { $0.quickWin })
    }

    static let duty = """
        planning:
          duties:
            - {id: d-access, title: Accessible service, reference: "Equality Act 2010, s.149", met-when: {b2: 3}}
        """

    @Test func actionsForAFailingDutyComeFirst() throws {
        let beta = PlannerFixture.betaActions.replacingOccurrences(of: "effort: 30}", with: "effort: 30, duties: [d-access]}")
        let plan = try roadmap(beta: beta, planning: Self.duty)
        // Without the duty the core criterion a1 comes first (x-policy); the failing duty goes before it.
        #expect(plan.items.first?.action.id == "y-more")
        #expect(plan.items.first?.failingDuties.map(\.id) == ["d-access"])
        #expect(plan.items.first?.reasoning.contains("Equality Act 2010, s.149") == true)
        // Once met (b2 at 3), the duty no longer jumps the queue.
        var levels = PlannerFixture.low
        levels["b.two"] = 3
        let met = try roadmap(levels, beta: beta, planning: Self.duty)
        #expect(met.items.first?.action.id != "y-more")
        #expect(met.items.allSatisfy { $0.failingDuties.isEmpty })
    }

    @Test func anUnknownDutyIsAnErrorWithItsLocation() throws {
        let beta = PlannerFixture.betaActions.replacingOccurrences(of: "effort: 30}", with: "effort: 30, duties: [d-acess]}")
        #expect(throws: FixtureError.self) { try PlannerFixture.framework(actions: PlannerFixture.actions, beta: beta, planning: Self.duty) }
        do {
            _ = try PlannerFixture.framework(actions: PlannerFixture.actions, beta: beta, planning: Self.duty)
        } catch {
            let message = (error as? FixtureError)?.message ?? ""
            #expect(message.contains("unknown duty 'd-acess'") && message.contains("did you mean 'd-access'?"))
            #expect(message.contains("beta.yaml:"))
        }
    }

    @Test("nothing beyond the horizon is scheduled or counted", arguments: [1, 2, 3])
    func horizon(quarters: Int) throws {
        let plan = try roadmap(capacity: 10, target: 5, quarters: quarters)
        #expect(!plan.notScheduled.isEmpty)
        #expect(plan.items.allSatisfy { $0.endQuarter <= quarters })
        let scheduled = Set(plan.items.map(\.action.id))
        #expect(plan.notScheduled.allSatisfy { !scheduled.contains($0.action.id) })
        // A criterion only unscheduled actions raise stays at today's level in every projection.
        let raisedByScheduled = Set(plan.items.flatMap { $0.action.raises.map(\.criterion) })
        let today = Dictionary(uniqueKeysWithValues: plan.baseline.allCriteria.map { ($0.id, $0.level) })
        for entry in plan.notScheduled {
            for raise in entry.action.raises where !raisedByScheduled.contains(raise.criterion) {
                for projection in plan.projections {
                    let level = projection.assessment.allCriteria.first { $0.id == raise.criterion }?.level
                    #expect(level == today[raise.criterion], "\(raise.criterion) is not raised by \(entry.action.id) after \(projection.horizon)")
                }
            }
        }
    }

    @Test func theWorkIsBoundedWhateverTheCapacity() throws {
        // The smallest capacity and the longest horizon the command line allows: every action is placed or
        // listed in at most 40 steps, whatever its size.
        let plan = try roadmap(capacity: 1, target: 5, quarters: 40)
        #expect(plan.items.count + plan.notScheduled.count > 0)
        #expect(plan.notScheduled.contains { $0.action.id == "x-big" })
    }

    @Test func aTeamsCapacityIsRespected() throws {
        let plan = try roadmap(capacity: 40, target: 5, owners: ["Head of service": 2])
        var load: [Int: Double] = [:]
        for item in plan.items where item.action.owner == "Head of service" {
            for (offset, days) in item.effortByQuarter.enumerated() { load[item.quarter + offset, default: 0] += days }
        }
        #expect(!load.isEmpty)
        #expect(load.values.allSatisfy { $0 <= 2 + 1e-9 })
        let policy = try #require(plan.items.first { $0.action.id == "x-policy" })
        #expect(policy.endQuarter == policy.quarter + 1, "4 days at 2 a quarter take two quarters")
    }

    @Test func everyAreaBelowTargetStartsInYearOne() throws {
        let plan = try roadmap(capacity: 20, target: 5)
        for dimension in plan.baseline.dimensions where (dimension.level ?? 0) < 5 {
            #expect(plan.items.contains { $0.action.dimension == dimension.id && $0.quarter <= 4 }, "\(dimension.id) has an action in year one")
        }
        #expect(plan.items.contains { $0.firstStep })
    }

    @Test func quartersAreUKFinancialYearQuarters() throws {
        #expect(FiscalQuarter(date: "2026-05-10")?.label == "Q1 2026-27")
        #expect(FiscalQuarter(date: "2027-01-05")?.label == "Q4 2026-27")
        #expect(FiscalQuarter(date: "2026-03-31")?.label == "Q4 2025-26")
        #expect(FiscalQuarter(date: "2026-10-01")?.label == "Q3 2026-27")
        #expect(FiscalQuarter(date: "1999-12-31")?.label == "Q3 1999-00")
        #expect(FiscalQuarter(date: "2026-13-01") == nil)
        #expect(FiscalQuarter.after(period: "2025-26")?.label == "Q1 2026-27")
        #expect(FiscalQuarter.after(period: "2024-10 to 2026-01 (catalogue)")?.label == "Q1 2026-27")
        #expect(FiscalQuarter.after(period: "last year") == nil)
        #expect(FiscalQuarter(year: 2026, quarter: 4).advanced(by: 1).label == "Q1 2027-28")
        let plan = try roadmap()
        #expect(plan.label(quarter: 1) == "Q1 2026-27")
        #expect(plan.label(from: 3, to: 4) == "Q3–Q4 2026-27")
        #expect(plan.label(from: 4, to: 5) == "Q4 2026-27–Q1 2027-28")
    }

    @Test func moneyIsShownAsRoundedRangesAndKeptWholeInJSON() throws {
        #expect(RoadmapReporter.pounds(Action.Range(low: 445_675.99 * 0.5, high: 445_675.99)) == "£220k–£450k")
        #expect(RoadmapReporter.pounds(Action.Range(low: 400_000, high: 600_000)) == "£400k–£600k")
        #expect(RoadmapReporter.pounds(1_234_567) == "£1.2m")
        #expect(RoadmapReporter.pounds(3_456) == "£3,500")
        #expect(RoadmapReporter.savingText(Action.Range(low: 400_000, high: 600_000), kind: "cashable", priceBasis: "2025-26 prices")
                == "£400k–£600k a year, indicative, cashable, 2025-26 prices")
        let plan = try roadmap(target: 5)
        let json = RoadmapReporter.json(plan, context: ReportContext(toolVersion: "t"))
        #expect(json.contains("\"cost\": 20000"))
    }

    @Test func dependencyCyclesAreErrorsNamingEveryActionWithItsLine() throws {
        let cyclic = """
              - {id: c-one, title: One, description: d, raises: {a1: 2}, effort: 1, depends-on: [c-three]}
              - {id: c-two, title: Two, description: d, raises: {a2: 3}, effort: 1, depends-on: [c-one]}
              - {id: c-three, title: Three, description: d, raises: {a3: 3}, effort: 1, depends-on: [c-two]}
            """
        #expect {
            _ = try PlannerFixture.framework(actions: cyclic)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cycle: c-one → c-three → c-two → c-one") && text.contains("fx/alpha.yaml:")
                && text.contains("c-two (fx/alpha.yaml:") && text.contains("c-three (fx/alpha.yaml:")
        }
    }

    @Test func unknownDependenciesAndCriteriaAreErrors() throws {
        let broken = """
              - {id: d-one, title: One, description: d, raises: {a1: 2}, effort: 1, depends-on: [x-polcy]}
              - {id: x-policy, title: Policy, description: d, raises: {a2: 3}, effort: 1}
              - {id: d-three, title: Three, description: d, raises: {a9: 3}, effort: 1}
            """
        #expect {
            _ = try PlannerFixture.framework(actions: broken)
        } throws: { error in
            let text = "\(error)"
            return text.contains("fx/alpha.yaml:37:5: error: action 'd-one'") && text.contains("depends on an unknown action 'x-polcy'")
                && text.contains("did you mean 'x-policy'?") && text.contains("raises an unknown criterion 'a9'")
        }
    }

    @Test func anActionThatRaisesNothingIsAnError() throws {
        let broken = "      - {id: x-policy, title: Policy, description: d, raises: {}, effort: 1}\n"
        #expect {
            _ = try PlannerFixture.framework(actions: broken)
        } throws: { error in
            "\(error)".contains("fx/alpha.yaml:37:63: error: action 'x-policy' raises nothing")
        }
    }

    @Test("an action needing a prerequisite whose criteria have no evidence is 'assess first', not planned as if missing")
    func unknownPrerequisiteIsAssessedFirst() throws {
        var levels = PlannerFixture.low
        levels["a.one"] = nil  // a1, the core criterion x-policy raises, has no evidence
        let plan = try roadmap(levels, capacity: 200, target: 5)
        let planned = Set(plan.items.map(\.action.id))
        #expect(!planned.contains("x-policy"), "x-policy may already be in place: a1 was never assessed")
        #expect(!planned.contains("x-train"))
        #expect(!planned.contains("y-data"))
        #expect(planned.contains("y-more"), "an action needing nothing unknown is still planned")
        let train = try #require(plan.assessFirst.first { $0.action.id == "x-train" })
        #expect(train.criteria == ["a1"])
        #expect(plan.assessFirstNeeds["x-train"] == "x-policy")
        #expect(plan.assessFirstNeeds["x-policy"] == nil)
        let json = RoadmapReporter.json(plan, context: ReportContext(toolVersion: "t"))
        #expect(json.contains("\"needs\": \"x-policy\""))
    }

    @Test("an action whose applies-to leaves the organisation out is never planned, nor needed as a prerequisite")
    func actionAppliesTo() throws {
        let alpha = PlannerFixture.actions.replacingOccurrences(
            of: "effort: 4, owner: Head of service}",
            with: "effort: 4, owner: Head of service, applies-to: {types: [county], reason: the county runs it}}")
        let framework = try PlannerFixture.framework(actions: alpha, beta: PlannerFixture.betaActions)
        let policy = try #require(framework.allActions.first { $0.id == "x-policy" })
        #expect(policy.appliesTo.types == ["county"])
        let facts = PlannerFixture.low.sorted { $0.key < $1.key }.map { "  \($0.key): {value: \($0.value), source: measured}" }.joined(separator: "\n")
        for (type, planned) in [("district", false), ("county", true)] {
            let evidence = try Fixtures.evidence("organisation: {name: Planshire, type: \(type)}\nfacts:\n" + facts + "\n")
            let assessment = Engine(framework: framework).assess(evidence)
            let planner = Planner(framework: framework, capacity: 200, quarters: 40)
            let plan = planner.plan(assessment, targets: planner.targets(for: assessment, all: 5))
            let ids = plan.items.map(\.action.id)
            #expect(ids.contains("x-policy") == planned, "\(type): \(ids)")
            #expect(plan.notApplicable.contains("x-policy") == !planned)
            // x-train needs x-policy; for a district it goes ahead without it (the county's function).
            #expect(ids.contains("x-train"), "\(type): \(ids)")
            if !planned {
                let train = try #require(plan.items.first { $0.action.id == "x-train" })
                #expect(RoadmapReporter.dependencies(train, in: plan) == "", "not shown as already in place")
            }
        }
    }
}
