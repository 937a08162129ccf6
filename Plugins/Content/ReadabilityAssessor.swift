import AssessCore

/// Readability of sample page text: Flesch reading ease, Flesch–Kincaid grade, or reading age.
public struct ReadabilityAssessor: Assessor {
    /// What is measured.
    enum Measure: String, CaseIterable, Sendable {
        case readingAge = "reading-age", grade, ease

        var label: String {
            switch self {
            case .readingAge: return "reading age"
            case .grade: return "Flesch-Kincaid grade"
            case .ease: return "Flesch reading ease"
            }
        }

        func value(_ counts: Readability) -> Double {
            switch self {
            case .readingAge: return counts.readingAge
            case .grade: return counts.grade
            case .ease: return counts.ease
            }
        }
    }

    /// How the pages' values are combined.
    enum Aggregate: String, CaseIterable, Sendable {
        /// The median of the pages' values.
        case median
        /// The mean of the pages' values.
        case mean
        /// One value from all the pages' counts added together.
        case pooled
    }

    let measure: Measure
    let aggregate: Aggregate
    let lineBreaks: Readability.LineBreaks
    let minimumWords: Int
    let thresholds: Thresholds
    let sample: MinimumSample

    /// Why 20 pages: a reading age from a handful of pages says more about those pages than the site. W3C's
    /// Website Accessibility Conformance Evaluation Methodology (WCAG-EM 1.0, 2014, step 3) samples the common
    /// pages, templates and key tasks plus a random set; 20 covers a council's top tasks with a few templates each.
    static let defaultMinimumPages = 20

    static let plainPage = """
        Report a missed bin

        You can report a missed bin up to 2 days after your collection day.

        Before you report it, check that:
        - your bin was out by 7am
        - the lid was closed
        - there were no extra bags on top

        We will collect it within 3 working days. You do not need to call us.

        """

    static let officialPage = """
        Council Tax Reduction Scheme: eligibility and entitlement

        Applicants who consider themselves to be entitled to a reduction in their Council Tax liability, by virtue of their financial circumstances, should ensure that all relevant documentation, including evidence of income, capital and household composition, is submitted in accordance with the requirements of the scheme. The authority reserves the right to request additional information where it considers this necessary in order to determine entitlement.

        """

    public static let description = AssessorDescription(
        id: "content.readability", title: "Readability of sample pages",
        purpose: "Counts words, sentences and syllables in plain-text copies of key pages (one .txt file, a folder of them, or an index) and computes the Flesch reading ease, the Flesch-Kincaid grade and the reading age (grade + 5) of each page, then their median (or mean, or pooled counts). Syllables are counted by a documented vowel-group heuristic. A fact holding a number is taken as the measure itself.",
        roles: [RoleDescription("text", type: "plain text file(s) (.txt), or a number", "the main text of sample pages, or the measure already worked out")],
        parameters: [
            ParameterDescription("measure", type: "reading-age | grade | ease", default: "reading-age",
                                 "reading age in years (lower is easier), Flesch-Kincaid grade (lower is easier), or Flesch reading ease (higher is easier)"),
            ParameterDescription("aggregate", type: "median | mean | pooled", default: "median", "how several pages are combined"),
            ParameterDescription("line-breaks", type: "sentence | wrapped", default: "sentence",
                                 "sentence: each line (heading, list item, paragraph) ends a sentence; wrapped: only blank lines do"),
            ParameterDescription("minimum-words", type: "whole number", default: "100", "pages with fewer words are flagged in the findings as unreliable"),
        ] + MinimumSample.parameterDescriptions(default: defaultMinimumPages, unit: "pages",
                                                 why: "enough to cover the top tasks and their templates, after W3C WCAG-EM 1.0 (2014) step 3")
            + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "{thresholds: [16, 14, 12, 10, 9], direction: lower, unit: ' years'}",
                            evidence: "text: {file: bins.txt, source: measured}", files: ["bins.txt": plainPage], expect: .level(5)),
            AssessorExample(parameters: "{thresholds: [16, 14, 12, 10, 9], direction: lower, unit: ' years'}",
                            evidence: "text: {file: pages}", files: ["pages/bins.txt": plainPage, "pages/ctr.txt": officialPage],
                            expect: .level(1.63)),
            AssessorExample(parameters: "{measure: ease, thresholds: [30, 45, 55, 65, 75]}",
                            evidence: "text: {file: ctr.txt}", files: ["ctr.txt": officialPage], expect: .level(1)),
            AssessorExample(parameters: "{thresholds: [16, 14, 12, 10, 9], direction: lower}", evidence: "text: 12.4", expect: .level(2.8)),
            AssessorExample(parameters: "{thresholds: [16, 14, 12, 10, 9], direction: lower}", evidence: "text: {file: empty.txt}",
                            files: ["empty.txt": "\n  \n"], expect: .error("has no words")),
            AssessorExample(parameters: "{thresholds: [16, 14, 12, 10, 9], direction: lower}", evidence: "text: {file: pages.yaml}",
                            files: ["pages.yaml": "files:\n  - bins.txt\n  - missing.txt\n", "bins.txt": plainPage],
                            expect: .error("the file 'missing.txt' listed in the index does not exist")),
            AssessorExample(parameters: "{thresholds: [16, 14, 12, 10, 9], direction: lower}", evidence: "other: 12", expect: .notAssessed),
            // Two pages against a minimum of 3 that refuses a level below it.
            AssessorExample(parameters: "{thresholds: [16, 14, 12, 10, 9], direction: lower, minimum-sample: 3, below-minimum: not-assessed}",
                            evidence: "text: {file: pages}", files: ["pages/bins.txt": plainPage, "pages/ctr.txt": officialPage],
                            expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let measure = parameters["measure"]?.choice(Measure.self) ?? .readingAge
        let aggregate = parameters["aggregate"]?.choice(Aggregate.self) ?? .median
        let lineBreaks = parameters["line-breaks"]?.choice(Readability.LineBreaks.self) ?? .sentence
        let minimumWords = parameters["minimum-words"]?.integer(in: 0...1_000_000) ?? 100
        guard var thresholds = Thresholds(parameters: parameters, scale: scale),
              let sample = MinimumSample(parameters: parameters, default: Self.defaultMinimumPages, unit: "pages") else { return nil }
        if thresholds.unit.isEmpty, measure == .readingAge { thresholds.unit = " years" }
        self.sample = sample
        self.measure = measure
        self.aggregate = aggregate
        self.lineBreaks = lineBreaks
        self.minimumWords = minimumWords
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("text") else {
            let value = try input.number("text")
            let key = input.bindings["text"] ?? "text"
            return AssessorResult(.level(thresholds.level(for: value)),
                                  rationale: thresholds.explain(value, measure: "The \(measure.label) given by \(key)"),
                                  findings: [Finding(measure.rawValue, key, .number(value, unit: thresholds.unit.isEmpty ? nil : thresholds.unit))])
        }
        let files = try input.exportFiles("text", extensions: ["txt", "text", "md"])
        var pages: [(name: String, counts: Readability)] = []
        var pooled = Readability(text: "")
        var short: [String] = []
        for file in files {
            let counts = Readability(text: file.decodedText, lineBreaks: lineBreaks)
            guard counts.words > 0 else {
                throw file.error("the text has no words", line: 1, column: 1, hint: "paste the main text of the page into the file")
            }
            if counts.words < minimumWords { short.append("\(file.name) (\(counts.words) words)") }
            pages.append((file.name, counts))
            pooled.words += counts.words
            pooled.sentences += counts.sentences
            pooled.syllables += counts.syllables
        }
        let values = pages.map { measure.value($0.counts) }
        let value: Double
        switch aggregate {
        case .median: value = Stats.median(values) ?? 0
        case .mean: value = Stats.mean(values) ?? 0
        case .pooled: value = measure.value(pooled)
        }
        var findings = [
            Finding("pages", "Pages measured", .number(Double(pages.count), unit: nil)),
            Finding("by-page", "By page: words, sentences, syllables; reading ease, grade, reading age",
                    .list(pages.map { page in
                        let c = page.counts
                        return "\(page.name): \(c.words) words, \(c.sentences) sentences, \(c.syllables) syllables; ease \(Format.number(c.ease, decimals: 1)), grade \(Format.number(c.grade, decimals: 1)), reading age \(Format.number(c.readingAge, decimals: 1))"
                    })),
            Finding("words", "Words", .number(Double(pooled.words), unit: nil)),
            Finding("words-per-sentence", "Words per sentence (all pages)", .number(pooled.wordsPerSentence, unit: nil)),
            Finding("syllables-per-word", "Syllables per word (all pages)", .number(pooled.syllablesPerWord, unit: nil)),
        ]
        if !short.isEmpty { findings.append(Finding("short-pages", "Fewer than \(minimumWords) words: less reliable", .list(short))) }
        findings.append(Finding(measure.rawValue, "\(aggregate.rawValue.capitalized) \(measure.label)",
                                .number(value, unit: thresholds.unit.isEmpty ? nil : thresholds.unit)))
        let rationale = "The \(aggregate.rawValue) \(measure.label) of \(pages.count) sample page\(pages.count == 1 ? "" : "s") is \(thresholds.show(Double((value * 10).rounded()) / 10)) ("
            + "\(Format.number(pooled.wordsPerSentence, decimals: 1)) words per sentence, \(Format.number(pooled.syllablesPerWord, decimals: 2)) syllables per word overall). "
            + thresholds.explain(value, measure: "The \(measure.label)")
        return try sample.apply(count: pages.count,
                                to: AssessorResult(.level(thresholds.level(for: value)), rationale: rationale, findings: findings))
    }
}
