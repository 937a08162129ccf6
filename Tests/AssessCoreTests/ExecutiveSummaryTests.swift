import AssessCore
@testable import AssessReport
import Foundation
import Testing
import TestSupport

/// Page one of the executive report: figures without false precision, and the "so what" derived from the plan.
@Suite("Executive summary")
struct ExecutiveSummaryTests {
    @Test("scores are shown to one decimal, rounded down, so no score appears to reach a level it has not")
    func oneDecimalRoundedDown() {
        #expect(Figures.oneDecimal(2.98) == "2.9")
        #expect(Figures.oneDecimal(3.02) == "3.0")
        #expect(Figures.oneDecimal(3) == "3.0")
        #expect(Figures.oneDecimal(2.3) == "2.3", "binary 2.3 is 2.2999…; it must not print 2.2")
        #expect(Figures.oneDecimal(4.999) == "4.9")
    }

    @Test func textStartingWithAnAcronymKeepsItsCapitals() {
        #expect("Audit the site".lowercasedFirst == "audit the site")
        #expect("WCAG audit".lowercasedFirst == "WCAG audit")
        #expect("GOV.UK pages".lowercasedFirst == "GOV.UK pages")
    }

    func plan(_ levels: [String: Int], beta: String = PlannerFixture.betaActions, planning: String = "", capacity: Double = 20,
              quarters: Int = 40, target: Int? = nil) throws -> (Assessment, Roadmap) {
        let framework = try PlannerFixture.framework(actions: PlannerFixture.actions, beta: beta, planning: planning)
        let assessment = Engine(framework: framework).assess(try PlannerFixture.evidence(levels))
        let planner = Planner(framework: framework, capacity: capacity, quarters: quarters, start: FiscalQuarter(date: "2026-05-10"))
        return (assessment, planner.plan(assessment, targets: planner.targets(for: assessment, all: target)))
    }

    @Test("decisions come from the plan: statutory work first, then capacity, then what is not scheduled")
    func decisionsFollowThePlan() throws {
        let beta = PlannerFixture.betaActions.replacingOccurrences(of: "effort: 30}", with: "effort: 30, duties: [d-access]}")
        let (assessment, roadmap) = try plan(PlannerFixture.low, beta: beta, planning: PlannerTests.duty, capacity: 20, quarters: 2, target: 5)
        let decisions = ExecutiveSummary.decisions(assessment, roadmap: roadmap)
        let leads = decisions.compactMap { $0["lead"] as? String }
        #expect((3...5).contains(leads.count), "\(leads)")
        #expect(leads.first == "Put the statutory work first")
        #expect(leads.contains("Fund the capacity the plan assumes"))
        #expect(!roadmap.notScheduled.isEmpty, "40 person-days over two quarters cannot hold everything")
        // What is not scheduled is one decision; with a shortfall as well, the two are one ("the limits").
        #expect(leads.contains("Accept what is not scheduled, or add capacity") || leads.contains("Accept the limits of this plan, or add capacity"),
                "\(leads)")
        #expect(!(leads.contains("Accept lower targets, or commission more") && leads.contains { $0.hasPrefix("Accept what is not scheduled") }))
        let gaps = ExecutiveSummary.statutoryGaps(roadmap)
        #expect(gaps.count == 1)
        #expect(gaps.first?["reference"] as? String == "Equality Act 2010, s.149")

        // With the duty met and room for everything, neither the statutory nor the not-scheduled decision appears.
        var levels = PlannerFixture.low
        levels["b.two"] = 3
        let (met, roomy) = try plan(levels, beta: beta, planning: PlannerTests.duty, capacity: 200, target: 5)
        let metLeads = ExecutiveSummary.decisions(met, roadmap: roomy).compactMap { $0["lead"] as? String }
        #expect(!metLeads.contains("Put the statutory work first"))
        #expect(!metLeads.contains("Accept what is not scheduled, or add capacity"))
        #expect(!metLeads.contains("Accept the limits of this plan, or add capacity"))
        #expect(ExecutiveSummary.statutoryGaps(roomy).isEmpty)
    }

    @Test("statutory gaps list every duty the organisation fails, scheduled or not")
    func statutoryGapsIncludeUnscheduledDuties() throws {
        let framework = try PlannerFixture.framework(actions: PlannerFixture.actions, beta: PlannerFixture.betaActions, planning: PlannerTests.duty)
        // No action is tagged with d-access, and b2 (its met-when) is at level 2: failing, with nothing scheduled.
        let (_, untagged) = try plan(PlannerFixture.low, planning: PlannerTests.duty, capacity: 200, target: 5)
        #expect(ExecutiveSummary.statutoryGaps(untagged).isEmpty, "from the plan's tags alone the gap is hidden")
        let gaps = ExecutiveSummary.statutoryGaps(untagged, duties: framework.planning.duties)
        #expect(gaps.count == 1)
        #expect(gaps.first?["reference"] as? String == "Equality Act 2010, s.149")
        #expect(gaps.first?["actionText"] as? String == "No action scheduled within the horizon")

        // Tagged, but too big for the horizon: still listed, saying so.
        let beta = PlannerFixture.betaActions.replacingOccurrences(of: "effort: 30}", with: "effort: 30, duties: [d-access]}")
        let (_, tight) = try plan(PlannerFixture.low, beta: beta, planning: PlannerTests.duty, capacity: 10, quarters: 2, target: 5)
        #expect(tight.notScheduled.contains { $0.action.id == "y-more" })
        let tightGaps = ExecutiveSummary.statutoryGaps(tight, duties: framework.planning.duties)
        #expect(tightGaps.count == 1)
        #expect(tightGaps.first?["actionText"] as? String == "No action scheduled within the horizon (More data does not fit)")

        // Met: not listed.
        var levels = PlannerFixture.low
        levels["b.two"] = 3
        let (_, met) = try plan(levels, planning: PlannerTests.duty, capacity: 200, target: 5)
        #expect(ExecutiveSummary.statutoryGaps(met, duties: framework.planning.duties).isEmpty)

        // The rendered report shows it.
        let (assessment, _) = try plan(PlannerFixture.low, planning: PlannerTests.duty, capacity: 200, target: 5)
        let markdown = ExecutiveReport.render(assessment, roadmap: untagged, format: .markdown, templates: try ReportTemplates.standard(),
                                              context: ReportContext(toolVersion: "t"), duties: framework.planning.duties)
        #expect(markdown.contains("| Accessible service | Equality Act 2010, s.149 | No action scheduled within the horizon |"), "\(markdown)")
    }

    @Test("each area's finding is a strength, an area for development, or not enough evidence")
    func findingsPerArea() throws {
        let (assessment, _) = try plan(PlannerFixture.low)
        for d in assessment.dimensions {
            let finding = ExecutiveSummary.finding(d, overall: assessment.overall, assessment: assessment)
            #expect(["Strength", "Area for development", "Established", "Not enough evidence"].contains(finding.rating))
            #expect(finding.text.hasSuffix("."))
            #expect(finding.text.firstMatch(of: /\d+\.\d\d/) == nil, "\(finding.text)")
        }
        // Level 1 or 2 is always an area for development.
        let low = try #require(assessment.dimensions.first { ($0.level ?? 9) <= 2 })
        #expect(ExecutiveSummary.finding(low, overall: assessment.overall, assessment: assessment).rating == "Area for development")
    }

    @Test func theFirstYearHasFourQuartersWithTheirDays() throws {
        let (_, roadmap) = try plan(PlannerFixture.low)
        let year = ExecutiveSummary.firstYear(roadmap)
        #expect(year.map { $0["quarter"] as? String } == ["Q1 2026-27", "Q2 2026-27", "Q3 2026-27", "Q4 2026-27"])
        let days = year.compactMap { Double($0["daysText"] as? String ?? "") }
        #expect(days.allSatisfy { $0 <= 20 }, "no quarter above the capacity")
        #expect(days.reduce(0, +) > 0)
    }

    @Test("the levels chart draws every area, escapes titles and says so in words when there is no level")
    func dotPlot() {
        let svg = Charts.dotPlot(rows: [(title: "A & <B>", today: 2.5, target: 3, projected: 3.2), (title: "C", today: nil, target: 2, projected: nil)],
                                 top: 5, colour: "#1d70b8", description: "A: level 2")
        #expect(svg.contains("A &amp; &lt;B&gt;"))
        #expect(svg.contains("not enough evidence"))
        #expect(svg.contains("role=\"img\"") && svg.contains("<desc id=\"levels-desc\">A: level 2</desc>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2, "today's dot and the projected ring for A; nothing for C")
    }
}
