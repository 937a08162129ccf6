import AssessCore

/// Pages reviewed in the last 12 months, pages with a named owner, and broken links per 100 pages, from a
/// sitemap or a content inventory.
public struct ContentPagesAssessor: Assessor {
    /// What is measured.
    enum Measure: String, CaseIterable, Sendable {
        case reviewed, updated, owned, brokenLinks = "broken-links"
    }

    /// Why a sitemap's lastmod, or an inventory's last-modified date, is not a review: it changes whenever
    /// anything on the page changes (a template, a typo, a link) and says nothing about whether someone
    /// checked the page is still right, which is what a content review is (GDS, "Content design: planning,
    /// writing and managing content", GOV.UK guidance, 2016, on the content lifecycle); the sitemaps.org
    /// protocol 0.90 (2006) defines lastmod as the date the page was last modified.
    static let lastmodIsNotReview = "a sitemap's lastmod (or an inventory's last-modified date) says when a page last changed, not when someone reviewed it"

    /// Owner cells that do not name an owner (compared ignoring case).
    public static let defaultNotOwners = ["", "-", "n/a", "na", "none", "unknown", "tbc", "tbd", "unassigned", "not assigned", "nobody", "vacant"]

    let measure: Measure
    let months: Int
    let asOf: (date: CalendarDate, text: String)?
    let order: CalendarDate.SlashOrder
    let dateColumn: String?
    let per: Double
    let notOwners: Set<String>
    let thresholds: Thresholds
    let sample: MinimumSample

    static let exampleSitemap = """


        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" 
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" 
                xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
            <url>
                <loc>https://www.example.gov.uk/</loc>
                <lastmod>2026-01-19T14:14:28&#x2B;00:00</lastmod>
                <changefreq>monthly</changefreq>
                <priority>0.5</priority>
            </url>
            <url>
                <loc>https://www.example.gov.uk/bins-and-recycling/</loc>
                <lastmod>2024-08-01T13:15:09&#x2B;00:00</lastmod>
            </url>
            <url>
                <loc>https://www.example.gov.uk/council-tax/</loc>
                <lastmod>2025-05-21</lastmod>
            </url>
            <url>
                <loc>https://www.example.gov.uk/planning/</loc>
            </url>
        </urlset>

        """

    static let exampleInventory = """
        URL,Title,Owner,Last reviewed,Broken links
        https://www.example.gov.uk/,Home,Web team - A. Khan,2026-01-12,0
        https://www.example.gov.uk/bins,Bins and recycling,Waste services - J. Patel,14/11/2025,1
        https://www.example.gov.uk/council-tax,Council tax,Revenues - S. Ahmed,03/02/2025,0
        https://www.example.gov.uk/planning,Planning,,,4
        https://www.example.gov.uk/parking,Parking permits,TBC,2025-09-30,0

        """

    public static let description = AssessorDescription(
        id: "content.pages", title: "Pages reviewed, owned and free of broken links",
        purpose: "Reads a sitemap.xml (sitemaps.org protocol; a <sitemapindex> is followed to the sitemaps saved beside it) or a content inventory CSV (URL, Owner, Last reviewed, Last modified, Broken links), or several in a folder. 'reviewed': the share of pages whose review date (an inventory's Last reviewed column; a sitemap's lastmod is not a review, so a sitemap leaves the criterion not assessed) falls in the last 12 months before the as-of date, which comes from an as-of fact or parameter, the fact's date, or the end of the evidence period, never the clock. 'updated': the same from when pages last changed (sitemap lastmod, or an inventory's Last modified column). 'owned': the share of pages with a named owner. 'broken-links': broken links per 100 pages. A fact holding a number is the count (pages reviewed, pages owned, or broken links), divided by the 'total' fact.",
        roles: [
            RoleDescription("pages", type: "sitemap.xml or content inventory CSV (a file, folder or index), or a number",
                            "the site's pages, or the count the measure needs"),
            RoleDescription("total", type: "number", required: false, "the number of pages, when 'pages' is a number"),
            RoleDescription("as-of", type: "date (YYYY-MM-DD)", required: false, "the date the 12 months run back from"),
        ],
        parameters: [
            ParameterDescription("measure", type: "reviewed | updated | owned | broken-links", "what to measure"),
            ParameterDescription("months", type: "whole number", default: "12", "the review window, in months before the as-of date"),
            ParameterDescription("as-of", type: "date (YYYY-MM-DD)", default: "the as-of fact, else the pages fact's date, else the end of the evidence period",
                                 "the date the window runs back from"),
            ParameterDescription("date-column", type: "column heading", default: "Last reviewed (or a like heading) for reviewed; Last modified (or a like heading) for updated",
                                 "the inventory column holding the review date"),
            ParameterDescription("date-format", type: "dmy | mdy", default: "dmy", "how dates written with slashes are read (31/03/2026 is dmy)"),
            ParameterDescription("per", type: "number", default: "100", "broken links are given per this many pages"),
            ParameterDescription("not-owners", type: "list of words", default: "'', -, n/a, none, unknown, tbc, tbd, unassigned, nobody, vacant",
                                 "owner cells that do not name an owner"),
        ] + MinimumSample.parameterDescriptions(default: ReadabilityAssessor.defaultMinimumPages, unit: "pages",
                                                 why: "a site of fewer pages is a sample, not an inventory; after W3C WCAG-EM 1.0 (2014) step 3")
            + Thresholds.parameterDescriptions,
        examples: [
            // 2 of 4 sitemap pages changed in the 12 months to 2026-02-28 (2025-02-28 onwards): 50%.
            AssessorExample(parameters: "{measure: updated, thresholds: [20, 40, 60, 80, 95]}",
                            evidence: "pages: {file: sitemap.xml, source: measured, date: 2026-02-28}",
                            files: ["sitemap.xml": exampleSitemap], expect: .level(2.5)),
            // A sitemap's lastmod is when a page changed, not when it was reviewed: not assessed.
            AssessorExample(parameters: "{measure: reviewed, thresholds: [20, 40, 60, 80, 95]}",
                            evidence: "pages: {file: sitemap.xml, source: measured, date: 2026-02-28}",
                            files: ["sitemap.xml": exampleSitemap], expect: .notAssessed),
            // Nor is an inventory's Last modified column.
            AssessorExample(parameters: "{measure: reviewed, thresholds: [20, 40, 60, 80, 95]}",
                            evidence: "pages: {file: inventory.csv, date: 2026-03-31}",
                            files: ["inventory.csv": "URL,Last modified\nhttps://www.example.gov.uk/,2026-01-12\n"], expect: .notAssessed),
            // Inventory, as of 2026-03-31: 3 of 5 reviewed since 2025-03-31 (03/02/2025 is 3 February).
            AssessorExample(parameters: "{measure: reviewed, as-of: 2026-03-31, thresholds: [20, 40, 60, 80, 95]}",
                            evidence: "pages: {file: inventory.csv}", files: ["inventory.csv": exampleInventory], expect: .level(3)),
            // 3 of 5 pages have a named owner (an empty cell and TBC do not count).
            AssessorExample(parameters: "{measure: owned, thresholds: [25, 50, 75, 90, 98]}",
                            evidence: "pages: {file: inventory.csv}", files: ["inventory.csv": exampleInventory], expect: .level(2.4)),
            // 5 broken links on 5 pages: 100 per 100 pages.
            AssessorExample(parameters: "{measure: broken-links, thresholds: [10, 5, 2, 1, 0.25], direction: lower}",
                            evidence: "pages: {file: inventory.csv}", files: ["inventory.csv": exampleInventory], expect: .level(1)),
            AssessorExample(parameters: "{measure: reviewed, thresholds: [20, 40, 60, 80, 95]}",
                            evidence: "{pages: 2790, total: 4610}", expect: .level(3.03)),
            AssessorExample(parameters: "{measure: reviewed, thresholds: [20, 40, 60, 80, 95]}",
                            evidence: "pages: {file: sitemap.xml, date: 2026-02-28}",
                            files: ["sitemap.xml": "<urlset>\n  <url><loc>https://www.example.gov.uk/</loc>\n  <lastmod>2025-06-01</lastmod>\n</urlset>\n"],
                            expect: .error("an end tag does not match the open element <url>")),
            AssessorExample(parameters: "{measure: reviewed, thresholds: [20, 40, 60, 80, 95]}",
                            evidence: "pages: {file: inventory.csv, date: 2026-03-31}",
                            files: ["inventory.csv": "URL,Last reviewed\nhttps://www.example.gov.uk/,last spring\n"],
                            expect: .error("'last spring' is not a date")),
            AssessorExample(parameters: "{measure: owned, thresholds: [25, 50, 75, 90, 98]}",
                            evidence: "pages: {file: sitemap.xml, date: 2026-02-28}", files: ["sitemap.xml": exampleSitemap],
                            expect: .error("a sitemap names no owners")),
            AssessorExample(parameters: "{measure: reviewed, thresholds: [20, 40, 60, 80, 95]}", evidence: "total: 4610",
                            expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let measure = parameters.required("measure", hint: "choose one of \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")?
            .choice(Measure.self) else { return nil }
        var ok = true
        let months = parameters["months"]?.integer(in: 1...120) ?? 12
        var asOf: (CalendarDate, String)?
        if let node = parameters["as-of"] {
            if let text = node.string(), let date = CalendarDate.endOfPeriod(text) {
                asOf = (date, text)
            } else {
                let text = node.node.scalar?.text ?? ""
                node.error(CalendarDate.message(text, CalendarDate.read(text, forms: .iso), expected: "YYYY-MM-DD").map { "as-of: " + $0 }
                           ?? "as-of must be a date written YYYY-MM-DD", hint: "for example 2026-03-31")
                ok = false
            }
        }
        let order = parameters["date-format"]?.choice(CalendarDate.SlashOrder.self) ?? .dmy
        let dateColumn = parameters["date-column"]?.string()
        let per = parameters["per"]?.number(in: 1...1_000_000) ?? 100
        var notOwners = Set(Self.defaultNotOwners)
        if let list = parameters["not-owners"] {
            guard let items = list.list() else { return nil }
            notOwners = Set(items.compactMap { $0.string()?.lowercased() })
        }
        guard ok, var thresholds = Thresholds(parameters: parameters, scale: scale),
              let sample = MinimumSample(parameters: parameters, default: ReadabilityAssessor.defaultMinimumPages, unit: "pages")
        else { return nil }
        self.sample = sample
        if thresholds.unit.isEmpty { thresholds.unit = measure == .brokenLinks ? " per \(Format.number(per)) pages" : "%" }
        self.measure = measure
        self.months = months
        self.asOf = asOf
        self.order = order
        self.dateColumn = dateColumn
        self.per = per
        self.notOwners = notOwners
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("pages") else { return try fromNumbers(input) }
        let files = try input.exportFiles("pages", extensions: ["xml", "csv"])
        let site = try ContentPages.read(files, input: input, dateColumn: dateColumn, dateKind: measure == .updated ? .updated : .reviewed)
        var findings = [
            Finding("source", site.source == .sitemap ? "Sitemaps read" : "Content inventory read", .list(site.files)),
            Finding("pages", "Pages listed", .number(Double(site.pages.count), unit: nil)),
        ]
        if site.duplicates > 0 {
            findings.append(Finding("duplicates", "Entries repeating a URL already listed (not counted again)", .number(Double(site.duplicates), unit: nil)))
        }
        let result: AssessorResult
        switch measure {
        case .reviewed, .updated: result = try reviewed(site, input: input, findings: findings)
        case .owned: result = try owned(site, files: files, findings: findings)
        case .brokenLinks: result = try brokenLinks(site, files: files, findings: findings)
        }
        return try sample.apply(count: site.pages.count, to: result)
    }

    // MARK: - Reviewed in the last 12 months

    private func reviewed(_ site: ContentPages, input: AssessorInput, findings: [Finding]) throws(AssessmentIssue) -> AssessorResult {
        var findings = findings
        if measure == .reviewed, site.source == .sitemap {
            throw .unassessable("\(Self.lastmodIsNotReview.prefix(1).uppercased() + Self.lastmodIsNotReview.dropFirst()); "
                                + "give a content inventory with a 'Last reviewed' column.")
        }
        if site.source == .inventory, site.dateHeading == nil {
            if measure == .reviewed {
                throw .unassessable("the inventory has no review date column (looked for \(ContentPages.reviewedColumns.map { "'\($0)'" }.joined(separator: ", "))). "
                                    + "A last-modified date says when a page last changed, not when someone reviewed it, so it does not count; "
                                    + "add a 'Last reviewed' column, or name it with the date-column parameter.")
            }
            throw site.pages[0].file.error("the inventory has no last-modified date column (looked for \(ContentPages.modifiedColumns.map { "'\($0)'" }.joined(separator: ", ")))",
                                           line: 1, column: 1, hint: "add a 'Last modified' column, or name it with the date-column parameter")
        }
        let verb = measure == .reviewed ? "reviewed" : "updated"
        let (asOf, asOfSource) = try resolveAsOf(input)
        let cutoff = asOf.adding(months: -months)
        var recent = 0, undated = 0, afterAsOf = 0
        var dated: [(url: String, date: CalendarDate)] = []
        for page in site.pages {
            guard let text = page.date else { undated += 1; continue }
            let date: CalendarDate
            if site.source == .sitemap {
                let reading = CalendarDate.read(text, forms: .iso)
                guard case .date(let parsed, _) = reading else {
                    let problem = if case .impossible(let reason) = reading { "is not a date: \(reason)" } else {
                        "is not a W3C date (YYYY-MM-DD, optionally with a time and zone)"
                    }
                    throw page.file.error("<lastmod> '\(text)' \(problem)",
                                          line: page.line, column: page.dateColumn, hint: "for example 2025-11-03 or 2025-11-03T09:30:00+00:00")
                }
                date = parsed  // a year or month counts from its first day
            } else {
                let reading = CalendarDate.read(text, order: order)
                guard case .date(let parsed, .day) = reading else {
                    let problem = if case .impossible(let reason) = reading { ": \(reason)" } else { "" }
                    throw page.file.error("'\(text)' is not a date (column '\(site.dateHeading ?? "date")')\(problem)", line: page.line,
                                          column: page.dateColumn, hint: "write dates as 2025-11-03 or 03/11/2025")
                }
                date = parsed
            }
            dated.append((page.url, date))
            if date >= cutoff { recent += 1 }
            if date > asOf { afterAsOf += 1 }
        }
        let total = site.pages.count
        let share = Double(recent) / Double(total) * 100
        let sorted = dated.sorted { $0.date < $1.date }
        findings.append(Finding("date-used", "Date used", .text(site.source == .sitemap
            ? "lastmod (when the page last changed; not a review)"
            : "column '\(site.dateHeading ?? "")'")))
        findings.append(Finding("as-of", "As of", .text("\(asOf) (\(asOfSource))")))
        findings.append(Finding("window-start", "\(verb.capitalized) on or after", .text(cutoff.description)))
        findings.append(Finding(verb, "Pages \(verb) in the last \(months) months", .number(Double(recent), unit: nil)))
        if undated > 0 { findings.append(Finding("undated", "Pages with no date (counted as not \(verb))", .number(Double(undated), unit: nil))) }
        if afterAsOf > 0 { findings.append(Finding("after-as-of", "Pages dated after the as-of date (counted as \(verb))", .number(Double(afterAsOf), unit: nil))) }
        if let oldest = sorted.first, let newest = sorted.last {
            findings.append(Finding("date-range", "Oldest and newest dates", .text("\(oldest.date) to \(newest.date)")))
        }
        let stale = sorted.filter { $0.date < cutoff }.prefix(5).map { "\($0.url) (\($0.date))" }
        if !stale.isEmpty { findings.append(Finding("oldest-pages", measure == .reviewed ? "Longest unreviewed pages" : "Longest unchanged pages", .list(Array(stale)))) }
        findings.append(Finding("share", "Share of pages \(verb) in the last \(months) months", .number(share, unit: "%")))
        let rationale = "\(Format.number(Double(recent))) of \(Format.number(Double(total))) pages were \(verb) between \(cutoff) and \(asOf) (\(Format.number(share, decimals: 1))%)"
            + (undated > 0 ? "; \(Format.number(Double(undated))) have no date" : "") + ". " + thresholds.explain(share, measure: "The share \(verb)")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }

    private func resolveAsOf(_ input: AssessorInput) throws(AssessmentIssue) -> (CalendarDate, String) {
        if let fact = try input.optionalFact("as-of"), let node = fact.value {
            guard let text = node.scalar?.text, let date = CalendarDate.endOfPeriod(text) else {
                throw input.invalid("\(fact.key) must be a date written YYYY-MM-DD, found \(node.kindDescription)", at: node)
            }
            return (date, "the fact \(fact.key)")
        }
        if let asOf { return (asOf.date, "the criterion's as-of parameter") }
        let pages = try input.fact("pages")
        if let text = pages.date, let date = CalendarDate.endOfPeriod(text) {
            return (date, "the date of \(pages.key)")
        }
        if let period = input.organisation.period, let date = CalendarDate.endOfPeriod(period) {
            return (date, "the end of the evidence period \(period)")
        }
        throw input.invalid("there is no date to count the last \(months) months back from",
                            at: pages.value ?? YAMLNode(.mapping([]), at: pages.location),
                            hint: "add 'date:' (when the export was taken) to \(pages.key), or the organisation's period")
    }

    // MARK: - Named owners

    private func owned(_ site: ContentPages, files: [EvidenceFile], findings: [Finding]) throws(AssessmentIssue) -> AssessorResult {
        var findings = findings
        guard site.source == .inventory else {
            throw files[0].error("a sitemap names no owners", line: 1, column: 1, hint: "give a content inventory CSV with an 'Owner' column")
        }
        guard let heading = site.ownerHeading else {
            throw files[0].error("the inventory has no owner column (looked for \(ContentPages.ownerColumns.map { "'\($0)'" }.joined(separator: ", ")))",
                                 line: 1, column: 1, hint: "export the CMS's owner field as an 'Owner' column")
        }
        var owners: [String: Int] = [:]
        var unowned: [String] = []
        for page in site.pages {
            let owner = (page.owner ?? "").trimmingSpaces()
            if notOwners.contains(owner.lowercased()) {
                unowned.append(page.url)
            } else {
                owners[owner, default: 0] += 1
            }
        }
        let total = site.pages.count
        let named = total - unowned.count
        let share = Double(named) / Double(total) * 100
        let top = owners.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        findings.append(Finding("owner-column", "Owner column", .text(heading)))
        findings.append(Finding("owned", "Pages with a named owner", .number(Double(named), unit: nil)))
        findings.append(Finding("owners", "Different owners named", .number(Double(owners.count), unit: nil)))
        if !top.isEmpty { findings.append(Finding("top-owners", "Owners with most pages", .list(top.map { "\($0.key): \($0.value)" }))) }
        if !unowned.isEmpty { findings.append(Finding("unowned", "Pages without an owner (first 5)", .list(Array(unowned.prefix(5))))) }
        findings.append(Finding("share", "Share of pages with a named owner", .number(share, unit: "%")))
        let rationale = "\(Format.number(Double(named))) of \(Format.number(Double(total))) pages have a named owner (\(Format.number(share, decimals: 1))%), across \(owners.count) owner\(owners.count == 1 ? "" : "s"). "
            + thresholds.explain(share, measure: "The share owned")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }

    // MARK: - Broken links

    private func brokenLinks(_ site: ContentPages, files: [EvidenceFile], findings: [Finding]) throws(AssessmentIssue) -> AssessorResult {
        var findings = findings
        guard site.source == .inventory else {
            throw files[0].error("a sitemap does not count broken links", line: 1, column: 1,
                                 hint: "give a content inventory CSV with a 'Broken links' column from a link checker")
        }
        guard let heading = site.brokenHeading else {
            throw files[0].error("the inventory has no broken links column (looked for \(ContentPages.brokenColumns.map { "'\($0)'" }.joined(separator: ", ")))",
                                 line: 1, column: 1, hint: "add the link checker's count per page as a 'Broken links' column")
        }
        var broken = 0.0
        var worst: [(url: String, count: Double)] = []
        for page in site.pages {
            let cell = (page.brokenLinks ?? "").trimmingSpaces()
            guard !cell.isEmpty else { continue }  // an empty cell: none found
            if case .unusable(let problem) = InputNumber.read(cell) {
                throw page.file.error(InputNumber.message("the cell in column '\(heading)'", is: cell, problem), line: page.line,
                                      column: page.brokenColumn, hint: InputNumber.hint)
            }
            guard let count = Double(cell), count >= 0, count == count.rounded(), InputNumber.problem(count) == nil else {
                throw page.file.error("'\(cell)' in column '\(heading)' is not a count of broken links", line: page.line,
                                      column: page.brokenColumn, hint: "write a whole number, 0 when there are none")
            }
            broken += count
            if count > 0 { worst.append((page.url, count)) }
        }
        let total = site.pages.count
        let rate = broken / Double(total) * per
        findings.append(Finding("broken-links", "Broken links found", .number(broken, unit: nil)))
        findings.append(Finding("pages-with-broken-links", "Pages with at least one broken link", .number(Double(worst.count), unit: nil)))
        let top = worst.sorted { $0.count != $1.count ? $0.count > $1.count : $0.url < $1.url }.prefix(5)
        if !top.isEmpty { findings.append(Finding("worst-pages", "Pages with most broken links", .list(top.map { "\($0.url): \(Format.number($0.count))" }))) }
        findings.append(Finding("rate", "Broken links per \(Format.number(per)) pages", .number(rate, unit: nil)))
        let rationale = "\(Format.number(broken)) broken links on \(Format.number(Double(total))) pages: \(Format.number(rate, decimals: 2)) per \(Format.number(per)) pages. "
            + thresholds.explain(rate, measure: "The rate")
        return AssessorResult(.level(thresholds.level(for: rate)), rationale: rationale, findings: findings)
    }

    // MARK: - Plain numbers

    private func fromNumbers(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let count = try input.number("pages")
        let total = try input.number("total")
        let key = input.bindings["pages"] ?? "pages"
        guard total > 0 else {
            throw input.invalid("\(input.bindings["total"] ?? "total") must be more than zero", at: try input.value("total"))
        }
        guard count >= 0, measure == .brokenLinks || count <= total else {
            throw input.invalid("\(key) (\(Format.number(count))) must be between zero and the number of pages (\(Format.number(total)))",
                                at: try input.value("pages"))
        }
        let value = count / total * (measure == .brokenLinks ? per : 100)
        let what: String
        switch measure {
        case .reviewed: what = "pages reviewed in the last \(months) months"
        case .updated: what = "pages updated in the last \(months) months"
        case .owned: what = "pages with a named owner"
        case .brokenLinks: what = "broken links"
        }
        let rationale = "\(Format.number(count)) \(what) out of \(Format.number(total)) pages: \(thresholds.show(value)). "
            + thresholds.explain(value, measure: "It")
        return AssessorResult(.level(thresholds.level(for: value)), rationale: rationale, findings: [
            Finding("count", what.prefix(1).uppercased() + what.dropFirst(), .number(count, unit: nil)),
            Finding("pages", "Pages", .number(total, unit: nil)),
            Finding(measure == .brokenLinks ? "rate" : "share", measure == .brokenLinks ? "Broken links per \(Format.number(per)) pages" : "Share",
                    .number(value, unit: measure == .brokenLinks ? nil : "%")),
        ])
    }
}
