import Foundation
import Testing

/// The executive report: structure, escaping, accessibility, determinism, and rendering in a real browser.
@Suite("Executive report")
struct ReportTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdfinfo = ["/usr/bin/pdfinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func report(_ evidence: String, format: String = "html", extra: [String] = []) throws -> (CLI.Result, String) {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.\(format == "markdown" ? "md" : format)")
        let result = try CLI.run(["report", evidence, "--format", format, "--output", output.path, "--date", "2026-01-31"] + extra)
        let text = (try? String(contentsOf: output, encoding: format == "pdf" ? .isoLatin1 : .utf8)) ?? ""
        return (result, text)
    }

    @Test("the HTML report is self-contained, needs no JavaScript and is the same every time",
          arguments: ["examples/ashdown.yaml", "examples/brackenford.yaml", "examples/calderbrook.yaml", "examples/harrowmere.yaml",
                     "examples/cwm-taran.yaml", "examples/highland-council.yaml"])
    func selfContained(evidence: String) throws {
        let (result, html) = try report(evidence)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"), "no JavaScript")
        for pattern in ["src=\"http", "href=\"http", "<link", "@import", "url(http", "<iframe"] {
            #expect(!html.contains(pattern), "no network request: found \(pattern)")
        }
        #expect(html.contains("Executive summary"))
        let (_, again) = try report(evidence)
        #expect(html == again)
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = folder.appendingPathComponent("hostile.yaml")
        var text = try String(contentsOf: CLI.root.appendingPathComponent("examples/brackenford.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "name: Brackenford Borough Council", with: "name: \"<script>alert(1)</script> & <img src=x onerror=alert(2)>\"")
        try text.write(to: evidence, atomically: true, encoding: .utf8)
        for format in ["html", "markdown"] {
            let (result, output) = try report(evidence.path, format: format)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!output.contains("<script>alert(1)"), "\(format): the name must appear as text, not markup")
            #expect(!output.contains("<img src=x"), "\(format)")
            #expect(output.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(format): the name is shown, escaped")
        }
    }

    /// Everything before the appendix, as a reader sees it: HTML without its stylesheet and tags, Markdown up to
    /// its first appendix heading.
    static func beforeAppendix(_ output: String, format: String) -> String {
        if format == "markdown" {
            return String(output[..<(output.range(of: "\n## Appendix")?.lowerBound ?? output.endIndex)])
        }
        var html = String(output[..<(output.range(of: "<section class=\"page appendix\"")?.lowerBound ?? output.endIndex)])
        html = html.replacing(/<style>[\s\S]*?<\/style>/, with: "")
        return html.replacing(/<[^>]*>/, with: " ")
    }

    @Test("no two-decimal figure and no pence anywhere an executive reads, in any example",
          arguments: ["examples/ashdown.yaml", "examples/brackenford.yaml", "examples/calderbrook.yaml", "examples/highland-council.yaml"])
    func noFalsePrecisionBeforeTheAppendix(evidence: String) throws {
        for format in ["html", "markdown"] {
            let (result, output) = try report(evidence, format: format)
            #expect(result.status == 0, "\(result.stderr)")
            let text = Self.beforeAppendix(output, format: format)
            #expect(text.count < output.count, "\(format): the report has an appendix")
            #expect(text.contains("Decisions for leadership"))
            for match in text.matches(of: /\d+\.\d\d|£\d{1,3}(,\d{3})*\.\d\d/) {
                let at = text.index(match.range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
                Issue.record("\(evidence) \(format): false precision \"\(match.0)\" in …\(text[at..<match.range.upperBound])")
            }
            // The appendix keeps full precision: the criteria's working is still there.
            #expect(output.contains("Appendix A: how each criterion was scored"))
        }
    }

    @Test("page one answers so-what: the level by name, findings, statutory gaps with their law, decisions, savings, the first year")
    func pageOneSoWhat() throws {
        let (result, markdown) = try report("examples/brackenford.yaml", format: "markdown")
        #expect(result.status == 0)
        let summary = String(markdown[..<(markdown.range(of: "\n## Roadmap")?.lowerBound ?? markdown.endIndex)])
        #expect(summary.contains("**Level 2: Developing**"))
        #expect(summary.contains("| Mobile | Level 4: Embedded | **Strength:**"))
        #expect(summary.contains("| Open data | Level 1: Ad hoc | **Area for development:**"))
        #expect(summary.contains("## Statutory gaps"))
        #expect(summary.contains("Local Government Transparency Code 2015"), "the failing transparency duty with its legal reference")
        #expect(summary.contains("Equality Act 2010, s.149"), "the failing equality duty with its legal reference")
        #expect(summary.contains("1. **Put the statutory work first**"))
        #expect(summary.contains("| Indicative saving |"))
        for quarter in ["Q1 2026-27", "Q2 2026-27", "Q3 2026-27", "Q4 2026-27"] { #expect(summary.contains("| \(quarter) |")) }
        let decisions = summary.components(separatedBy: "\n1. **").count - 1
        #expect((3...5).contains(decisions), "three to five decisions, found \(decisions)")

        // Too little evidence: the level is withheld honestly, on page one and in each area.
        let (_, highland) = try report("examples/highland-council.yaml", format: "markdown")
        #expect(highland.contains("| Overall maturity | **Not enough evidence** ("))
        #expect(highland.contains("**Commission the missing evidence**"))
        #expect(highland.contains("| Channel shift | Not enough evidence | **Not enough evidence:**"))
        // Enough evidence but a core criterion without any: unverified, naming what is missing, never "not
        // enough evidence" (open data has 57% coverage).
        #expect(highland.contains("| Open data | Unverified | **Unverified:** no level is claimed until open data policy, portal and publication plan has evidence. |"),
                "\(highland)")
    }

    /// The page's own accessibility checks: language, one h1, no skipped heading levels, text alternatives
    /// for every image and chart, captions or labels on tables, and colour contrast of every tag style.
    @Test func meetsItsOwnAccessibilityChecks() throws {
        let (result, html) = try report("examples/calderbrook.yaml")
        #expect(result.status == 0)
        #expect(html.contains("<html lang=\"en-GB\">"))
        #expect(html.components(separatedBy: "<h1").count == 2, "exactly one h1")
        var previous = 1
        for match in html.matches(of: /<h([1-6])/) {
            let level = Int(match.1) ?? 0
            #expect(level <= previous + 1, "heading level h\(level) after h\(previous) skips a level")
            previous = level
        }
        for image in html.matches(of: /<img [^>]*>/) { #expect(image.0.contains("alt=\""), "\(image.0)") }
        let charts = html.matches(of: /<svg [^>]*>/)
        #expect(charts.count >= 2, "levels against targets, and the timeline")
        #expect(!html.contains("radar"), "six near-equal numbers on a radar say nothing: the dot plot replaced it")
        for chart in charts { #expect(chart.0.contains("role=\"img\"") && chart.0.contains("aria-labelledby")) }
        #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "<title id=").count)
        #expect(html.components(separatedBy: "<table").count == html.components(separatedBy: "<caption").count, "every table has a caption")
        #expect(html.contains("class=\"skip-link\""))
        // Contrast: every tag's text on its background, and body text, at WCAG 2.2 AA (4.5:1).
        for rule in html.matches(of: /\.tag[\w-]* \{ [^}]*background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})/) {
            let ratio = Self.contrast(String(rule.1), String(rule.2))
            #expect(ratio >= 4.5, "\(rule.0): contrast \(ratio)")
        }
        #expect(Self.contrast("#ffffff", "#0b0c0c") >= 4.5)
        #expect(Self.contrast("#ffffff", "#505a5f") >= 4.5)
        #expect(Self.contrast("#ffffff", "#1d70b8") >= 4.5)
    }

    /// WCAG relative-luminance contrast ratio of two #rrggbb colours.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            func linear(_ channel: Int) -> Double {
                let c = Double(channel) / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            let red: Double = linear((value >> 16) & 255)
            let green: Double = linear((value >> 8) & 255)
            let blue: Double = linear(value & 255)
            return 0.2126 * red + 0.7152 * green + 0.0722 * blue
        }
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    // MARK: - Golden files

    /// The HTML's structure: one line per element (name, id and class), so wording can change freely.
    static func outline(_ html: String) -> String {
        var lines: [String] = []
        for match in html.matches(of: /<([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/) {
            let name = String(match.1)
            guard !["svg", "polygon", "line", "text", "rect", "circle", "title", "desc", "br", "strong", "span", "a"].contains(name) else { continue }
            var line = name
            if let id = match.2.firstMatch(of: /id="([^"]*)"/) { line += "#" + id.1 }
            if let classes = match.2.firstMatch(of: /class="([^"]*)"/) { line += "." + classes.1.replacingOccurrences(of: " ", with: ".") }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func golden(_ name: String, _ content: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Golden.check(name, content, sourceLocation: sourceLocation)
    }

    @Test func goldenMarkdownReport() throws {
        let (result, markdown) = try report("examples/brackenford.yaml", format: "markdown")
        #expect(result.status == 0)
        try golden("brackenford-report.md", markdown)
    }

    @Test func goldenHTMLStructure() throws {
        let (result, html) = try report("examples/brackenford.yaml")
        #expect(result.status == 0)
        try golden("brackenford-report.outline", Self.outline(html))
    }

    // MARK: - Branding through templates alone

    @Test func consultantsBrandTheReportWithoutSwift() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: Acme Consulting\ncolours:\n  primary: \"#4c2c92\"\n  primary-dark: \"#2a1750\"\nlogo: logo.svg\n"
            .write(to: folder.appendingPathComponent("brand.yaml"), atomically: true, encoding: .utf8)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
            .write(to: folder.appendingPathComponent("logo.svg"), atomically: true, encoding: .utf8)
        let (result, html) = try report("examples/ashdown.yaml", extra: ["--template", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(html.contains("--primary: #4c2c92;"))
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("alt=\"Acme Consulting\""))

        // A replaced template, and a template error located in its file.
        try "{{% CONTENT_TYPE: MARKDOWN}}\n# Acme review of {{organisation.name}}\n".write(
            to: folder.appendingPathComponent("report.md.mustache"), atomically: true, encoding: .utf8)
        let (custom, markdown) = try report("examples/ashdown.yaml", format: "markdown", extra: ["--template", folder.path])
        #expect(custom.status == 0)
        #expect(markdown == "# Acme review of Ashdown District Council\n")
        try "{{#broken}}never closed\n".write(to: folder.appendingPathComponent("report.md.mustache"), atomically: true, encoding: .utf8)
        let (bad, _) = try report("examples/ashdown.yaml", format: "markdown", extra: ["--template", folder.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("report.md.mustache:"))
        try "colours:\n  primary: \"red; } body { display: none\"\n".write(to: folder.appendingPathComponent("brand.yaml"), atomically: true, encoding: .utf8)
        let (injected, _) = try report("examples/ashdown.yaml", extra: ["--template", folder.path])
        #expect(injected.status == 65)
        #expect(injected.stderr.contains("brand.yaml:2:12: error: primary must be a colour written #rrggbb"))
    }

    // MARK: - A real browser

    @Test(.enabled(if: chromium != nil && pdftotext != nil && pdfinfo != nil, "needs chromium, pdftotext and pdfinfo (CI installs them)"))
    func rendersInChromiumWithTheSummaryOnPageOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for council in ["ashdown", "brackenford", "calderbrook", "cwm-taran", "harrowmere", "highland-council"] {
            let html = folder.appendingPathComponent("\(council).html"), pdf = folder.appendingPathComponent("\(council).pdf")
            #expect(try CLI.run(["report", "examples/\(council).yaml", "--output", html.path]).status == 0)
            // Load it headless and capture the console: no errors, and the page's DOM is complete.
            let dom = try Self.run(Self.chromium ?? "", ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                           "--enable-logging=stderr", "--v=0", "--user-data-dir=\(folder.path)/profile-\(council)",
                                                           "--dump-dom", html.absoluteString])
            #expect(dom.status == 0)
            #expect(dom.stdout.contains("</main>"))
            #expect(!dom.stderr.contains("Uncaught") && !dom.stderr.contains(":CONSOLE("), "console errors: \(dom.stderr)")
            let screenshot = folder.appendingPathComponent("\(council).png")
            let shot = try Self.run(Self.chromium ?? "", ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                                                            "--user-data-dir=\(folder.path)/profile-shot-\(council)", "--window-size=1200,1600",
                                                            "--screenshot=\(screenshot.path)", html.absoluteString])
            #expect(shot.status == 0)
            #expect(((try? Data(contentsOf: screenshot))?.count ?? 0) > 10_000, "a real screenshot")
            // Print to PDF through assess itself, then read page 1.
            let printed = try CLI.run(["report", "examples/\(council).yaml", "--format", "pdf", "--output", pdf.path])
            #expect(printed.status == 0, "\(printed.stderr)")
            let first = try Self.run(Self.pdftotext ?? "", ["-f", "1", "-l", "1", "-layout", pdf.path, "-"])
            #expect(first.stdout.contains("Executive summary"))
            #expect(first.stdout.contains("Overall maturity"))
            let names = ["ashdown": "Ashdown District Council", "brackenford": "Brackenford Borough Council",
                         "calderbrook": "Calderbrook Metropolitan Borough Council", "cwm-taran": "Cwm Taran County Borough Council",
                         "harrowmere": "Harrowmere County Council", "highland-council": "The Highland Council"]
            #expect(first.stdout.contains(names[council] ?? council))
            let second = try Self.run(Self.pdftotext ?? "", ["-f", "2", "-l", "2", pdf.path, "-"])
            #expect(!second.stdout.contains("Executive summary"), "the summary fits on page one")
            #expect(first.stdout.contains("Decisions for leadership"), "\(council): the decisions are on page one")
            #expect(first.stdout.contains("The first year of the plan"), "\(council): the first year is on page one")
            #expect(second.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("Roadmap"), "\(council): page two starts the roadmap, so nothing of the summary spilled over")
            // The report before the appendix fits in about ten pages (7 to 9 with the fonts CI uses; 11 allows
            // for other machines' fonts).
            let pages = try Self.run(Self.pdfinfo ?? "", [pdf.path]).stdout.firstMatch(of: /Pages:\s+(\d+)/).flatMap { Int($0.1) } ?? 0
            #expect(pages > 1)
            var appendix: Int?
            for page in 1...max(pages, 1) where appendix == nil {
                let text = try Self.run(Self.pdftotext ?? "", ["-f", "\(page)", "-l", "\(page)", pdf.path, "-"]).stdout
                if text.contains("Appendix A: how each criterion was scored") { appendix = page }
            }
            #expect((2...11).contains(appendix ?? 0), "\(council): the appendix starts on page \(appendix.map(String.init) ?? "none"), not by page 11")
        }
    }

    @Test func pdfWithoutARendererExits69WithTheInstallCommand() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("r.pdf")
        let result = try CLI.run(["report", "examples/ashdown.yaml", "--format", "pdf", "--output", output.path],
                                 environment: ["PATH": folder.path, "ASSESS_PDF_RENDERER": ""])
        #expect(result.status == 69)
        #expect(result.stderr.contains("apt-get install chromium"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> CLI.Result {
        try CLI.execute(URL(fileURLWithPath: executable), arguments)
    }
}
