import AssessCore
import AssessKit
import Testing
import TestSupport

/// Terminal layout: display widths, wrapping, tables, the biggest gaps and the summary-first text report.
@Suite("Text layout and the terminal summary")
struct TextLayoutTests {
    // MARK: - Display widths

    @Test func widthsAreDisplayColumnsNotBytesOrScalars() {
        #expect(TextLayout.columns("abc") == 3)
        #expect(TextLayout.columns("█░✔✘·—") == 6, "box drawing, ticks, middle dot and dash are one column each")
        #expect("█░✔✘·—".utf8.count == 17)
        #expect(TextLayout.columns("日本語") == 6, "East Asian wide characters take two")
        #expect(TextLayout.columns("e\u{301}") == 1, "a combining accent takes none")
        #expect(TextLayout.columns("👍") == 2)
        #expect(TextLayout.columns("\u{1B}[1mbold\u{1B}[0m") == 4, "colour codes take no room")
        #expect(TextLayout.columns("a\nb") == 2)
    }

    @Test func controlsCountAsTheirEscapedForm() {
        // The terminal reporters show a control from untrusted text as \u{1B}: six columns, whether the text is
        // escaped before or after it is wrapped.
        #expect(TextLayout.columns("\u{1B}") == TextLayout.columns("\\u{1B}"))
        #expect(TextLayout.columns("\u{1B}]0;title\u{07}") == 6 + 8 + 5)
        #expect(TextLayout.columns("\u{202E}") == TextLayout.columns("\\u{202E}"))
        #expect(TextLayout.columns("\u{9B}") == 6)
    }

    // MARK: - Wrapping

    static let samples: [String] = [
        String(repeating: "word ", count: 60),
        "Digital share of contacts: 51.33% · Contacts by web: 170,000 · Working: exports/brackenford/channel-contacts-2025-26.csv",
        "https://www.example.gov.uk/a/very/long/address/that/is/wider/than/any/terminal/line/and/has/no/spaces/in/it/at/all",
        "日本語のテキストは二列を使います。日本語のテキストは二列を使います。日本語のテキストは二列を使います。",
        "An \u{1B}[2J escape \u{1B}]0;hidden title\u{07} and a bidi override \u{202E}txet\u{202C} in untrusted text",
        "First paragraph.\n\nSecond paragraph after a blank line, long enough to wrap at the narrowest width.",
        "id  level 3.09  title with two spaces kept between columns",
        "",
    ]

    @Test(arguments: [40, 41, 63, 80, 120])
    func wrappedLinesNeverExceedTheWidth(width: Int) {
        for text in Self.samples {
            for (indent, then) in [("", ""), ("  ", "      "), ("  1. ", "     ")] {
                let lines = TextLayout.wrap(text, width: width, indent: indent, then: then)
                for line in lines { #expect(TextLayout.columns(line) <= width, "\(line)") }
                // Nothing is lost: the same characters, in order, without the spaces.
                let original = text.filter { !$0.isWhitespace }
                let wrapped = lines.enumerated().map { index, line in
                    String(line.dropFirst(index == 0 ? indent.count : then.count)).filter { !$0.isWhitespace }
                }.joined()
                #expect(wrapped == original)
            }
        }
    }

    @Test func wrappingKeepsParagraphsAndSpacingAndBreaksOnlyAtSpaces() {
        let lines = TextLayout.wrap("one two three four five six seven eight nine ten", width: 14, indent: "- ", then: "  ")
        #expect(lines == ["- one two", "  three four", "  five six", "  seven eight", "  nine ten"])
        #expect(TextLayout.wrap("a\n\nb", width: 40, indent: "  ") == ["  a", "", "  b"], "a blank line has no trailing spaces")
        #expect(TextLayout.wrap("id  level 3", width: 40) == ["id  level 3"], "spaces between words on one line are kept")
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"], "a word too long is broken, not cut")
        #expect(TextLayout.clip("abcdefghij", width: 5) == "abcd…")
    }

    // MARK: - Tables

    @Test func tablesDropDecorationThenWrapThenDropColumnsToFit() {
        let columns = [TextLayout.Column("Area", wraps: true), TextLayout.Column("Level"), TextLayout.Column("", drop: 1),
                       TextLayout.Column("Coverage", right: true, drop: 30), TextLayout.Column("Confidence", drop: 20)]
        let rows = [["Digital inclusion and broadband", "3 Defined", "█████░░░░░", "100%", "medium"],
                    ["Mobile", "2 Developing", "████░░░░░░", "95%", "low"]]
        let wide = TextLayout.table(columns, rows: rows, width: 120)
        #expect(wide.count == 3 && wide[1].contains("█████░░░░░") && wide[1].hasSuffix("medium"))
        let eighty = TextLayout.table(columns, rows: rows, width: 75)
        #expect(!eighty.joined().contains("█"), "the bar goes first")
        #expect(eighty[1].contains("Digital inclusion and broadband") && eighty[1].hasSuffix("medium"), "names are not wrapped while there is room")
        let narrow = TextLayout.table(columns, rows: rows, width: 40)
        #expect(narrow.allSatisfy { TextLayout.columns($0) <= 40 })
        #expect(narrow.joined(separator: "\n").contains("Coverage"), "coverage is kept longer than confidence")
        #expect(!narrow.joined().contains("Confidence"))
        #expect(TextLayout.table(columns, rows: rows, width: 12).allSatisfy { TextLayout.columns($0) <= 12 }, "clipped as a last resort")
        // Right-aligned numbers.
        #expect(wide[2].contains(" 95%  low"))
        // A word too long for a wrapping column is broken rather than clipped.
        let long = TextLayout.table([TextLayout.Column("Id"), TextLayout.Column("Title", wraps: true)],
                                    rows: [["cs-1", "Supercalifragilisticexpialidocious-and-then-some-more"]], width: 40)
        #expect(long.allSatisfy { TextLayout.columns($0) <= 40 } && !long.joined().contains("…"))
        #expect(long.dropFirst().map { $0.dropFirst(6) }.joined() == "Supercalifragilisticexpialidocious-and-then-some-more")
    }

    // MARK: - The biggest gaps

    func assess(_ evidence: String) throws -> Assessment {
        Engine(framework: try ScoringFixture().framework()).assess(try Fixtures.evidence(evidence))
    }

    @Test func areasWithoutEnoughEvidenceComeFirst() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "  a.share: {value: 35, source: measured}\n", with: "")
            .replacingOccurrences(of: "  a.answer: partly\n", with: "")
        let a = try assess(evidence)
        let gaps = Gap.all(a)
        let first = try #require(gaps.first)
        #expect(first.kind == .evidence && first.dimension == "alpha" && first.criteria == ["a1", "a3"])
        #expect(gaps.dropFirst().allSatisfy { $0.kind != .evidence && $0.dimension == "beta" })
        #expect(Gap.biggest(a, count: 2).count == 2)
    }

    @Test func criteriaAreRankedByTheirWeightedGapToTheNextLevel() throws {
        let a = try assess(fullEvidence)
        let gaps = Gap.all(a)
        #expect(!gaps.isEmpty)
        #expect(gaps.allSatisfy { $0.kind == .criterion })
        // docs/scoring.md §9's worked example: a3 (4 − 2) × 1/4 × 2/3, then b2 (4 − 3) × 3/5 × 1/3, then a1 (4 − 3.5) × 2/4 × 2/3.
        #expect(gaps.prefix(3).map(\.criteria) == [["a3"], ["b2"], ["a1"]])
        #expect(abs(gaps[0].value - 1.0 / 3) < 1e-9 && abs(gaps[1].value - 0.2) < 1e-9 && abs(gaps[2].value - 1.0 / 6) < 1e-9)
        for pair in zip(gaps, gaps.dropFirst()) { #expect(pair.0.value >= pair.1.value) }
        // Each value is (next level − criterion level) × criterion weight ÷ the area's assessed weight × area share.
        let scoredWeight = a.dimensions.reduce(0) { $0 + $1.weight }
        for gap in gaps {
            let d = try #require(a.dimensions.first { $0.id == gap.dimension })
            let c = try #require(d.criteria.first { $0.id == gap.criteria.first })
            let target = try #require(d.level) + 1
            #expect(gap.target == target)
            let level = try #require(c.level)
            #expect(level < Double(target))
            let assessedWeight = d.criteria.filter { $0.status == .assessed }.reduce(0) { $0 + $1.weight }
            #expect(abs(gap.value - (Double(target) - level) * c.weight / assessedWeight * d.weight / scoredWeight) < 1e-9)
        }
        // a criterion already at the area's next level is no gap
        for c in a.allCriteria {
            let d = try #require(a.dimensions.first { $0.criteria.contains(c) })
            if let level = c.level, let today = d.level, level >= Double(today + 1) { #expect(!gaps.contains { $0.criteria == [c.id] }) }
        }
    }

    @Test func aCoreCriterionHoldingTheLevelDownComesBeforeBiggerGaps() throws {
        // b2 (core) at level 2 while b1 and b3 are at the top: the weighted score gives 3, the core rule holds beta at 2.
        let evidence = fullEvidence.replacingOccurrences(of: "b.stages: {p: yes, q: yes, r: no}", with: "b.stages: {p: yes, q: no, r: no}")
            .replacingOccurrences(of: "b.part: {value: 150, source: documented}", with: "b.part: {value: 300, source: documented}")
            .replacingOccurrences(of: "b.rating: 5", with: "b.rating: 10")
        let a = try assess(evidence)
        let beta = try #require(a.dimensions.first { $0.id == "beta" })
        #expect(beta.gating.limitedBy == ["b2"])
        let gaps = Gap.all(a)
        let first = try #require(gaps.first)
        #expect(first.kind == .core && first.criteria == ["b2"])
        #expect(gaps.dropFirst().allSatisfy { $0.kind == .criterion })
        let text = TextReporter.render(a, context: ReportContext(toolVersion: "t"), width: 200)
        #expect(text.contains("core criterion b2"))
        #expect(text.contains("holds the area at level 2"))
    }

    @Test func areasBelowTheOverallNextLevelComeBeforeAreasAboveIt() throws {
        // beta falls to level 2 (b2 at 2): overall 2.8, level 2, so the next overall level is 3. Alpha (level 3)
        // aims at 4 and a3's gap there (0.33) is bigger than b2's to 3 (0.2), but beta holds the overall level back.
        let evidence = fullEvidence.replacingOccurrences(of: "b.stages: {p: yes, q: yes, r: no}", with: "b.stages: {p: yes, q: no, r: no}")
        let a = try assess(evidence)
        #expect(a.overall.level == 2)
        #expect(a.dimensions.map(\.level) == [3, 2])
        let gaps = Gap.all(a)
        let firstAlpha = try #require(gaps.firstIndex { $0.dimension == "alpha" })
        #expect(gaps[..<firstAlpha].allSatisfy { $0.dimension == "beta" && $0.target == 3 } && firstAlpha > 0)
        #expect(gaps.first?.criteria == ["b2"] && abs((gaps.first?.value ?? 0) - 0.2) < 1e-9)
        let a3 = try #require(gaps.first { $0.criteria == ["a3"] })
        #expect(a3.target == 4 && abs(a3.value - 1.0 / 3) < 1e-9)
    }

    @Test func inPointsScoringThePointsShortOfTheMaximumAreTheGap() throws {
        var fixture = ScoringFixture()
        fixture.scoring = "points"
        let a = Engine(framework: try fixture.framework()).assess(try Fixtures.evidence(fullEvidence))
        let alpha = Gap.all(a).filter { $0.dimension == "alpha" }
        // alpha's weights 2, 1, 1 over 2 × 1 + 1 × 1 + 1 × 4 = 7 weighted points: a3 (1 of 4) lacks 3 of them, the most;
        // alpha carries 2 of the 3 units of area weight.
        let first = try #require(alpha.first)
        #expect(first.criteria == ["a3"] && first.level == nil && first.target == nil)
        #expect(abs(first.value - 3.0 / 7 * 100 * 2 / 3) < 1e-9)
        let text = TextReporter.render(a, context: ReportContext(toolVersion: "t"), width: 200)
        #expect(text.contains("a3 [a3] scores 1 of 4 points"))
    }

    // MARK: - The summary

    @Test func theSummaryComesFirstWithOneDecimalAndTheNextCommand() throws {
        let a = try assess(fullEvidence)
        let context = ReportContext(toolVersion: "t")
        let summary = TextReporter.render(a, context: context, arguments: ["my evidence.yaml"])
        let detail = TextReporter.render(a, context: context, detail: true, arguments: ["my evidence.yaml"])
        let upToNext = try #require(summary.components(separatedBy: "\nNext\n").first)
        #expect(detail.hasPrefix(upToNext + "\nNext\n"), "--detail adds to the summary, after it")
        #expect(!summary.contains("✔") && detail.contains("✔ a1"))
        let overall = try #require(a.overall.level)
        #expect(summary.contains("Overall: Level \(overall) "))
        #expect(summary.contains("assess roadmap 'my evidence.yaml' --target \(overall + 1)"), "the path is quoted for the shell")
        #expect(summary.contains("assess score 'my evidence.yaml' --detail"))
        #expect(!detail.contains("--detail\n"))
        #expect(summary.firstRange(of: /\d\.\d\d/) == nil, "no two-decimal numbers in the summary:\n\(summary)")
        for order in [("Overall:", "Area"), ("Area", "Biggest gaps"), ("Biggest gaps", "Next")] {
            let first = try #require(summary.range(of: order.0)), second = try #require(summary.range(of: order.1))
            #expect(first.lowerBound < second.lowerBound)
        }
    }

    @Test func oneDecimalIsRoundedDownSoItNeverShowsALevelNotReached() {
        #expect(ReportText.oneDecimal(2.98) == "2.9")
        #expect(ReportText.oneDecimal(3.0) == "3.0")
        #expect(ReportText.oneDecimal(3.1) == "3.1", "no floating-point slip below a whole tenth")
        #expect(ReportText.oneDecimal(4.29999) == "4.2")
    }

    @Test func missingEvidenceLeadsToExplainAndNoLevelIsInvented() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "  a.share: {value: 35, source: measured}\n", with: "")
            .replacingOccurrences(of: "  a.answer: partly\n", with: "")
        let text = TextReporter.render(try assess(evidence), context: ReportContext(toolVersion: "t"), width: 40)
        #expect(text.contains("Overall: Not enough evidence"))
        #expect(text.contains("not enough evidence"))
        #expect(text.contains("assess ask EVIDENCE --area alpha"))
        #expect(text.contains("assess roadmap EVIDENCE\n"), "no --target without an overall level")
        #expect(text.split(separator: "\n").allSatisfy { TextLayout.columns($0) <= 40 })
    }

    @Test(arguments: [40, 80, 132])
    func theWholeReportFitsTheWidth(width: Int) throws {
        for evidence in [fullEvidence, fullEvidence.replacingOccurrences(of: "  a.answer: partly\n", with: "")] {
            let a = try assess(evidence)
            let text = TextReporter.render(a, context: ReportContext(toolVersion: "t"), color: true, width: width, detail: true)
            for line in text.split(separator: "\n") { #expect(TextLayout.columns(line) <= width, "\(line)") }
        }
    }
}
