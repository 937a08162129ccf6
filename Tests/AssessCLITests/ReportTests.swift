import Foundation
import Testing

/// The executive report: structure, escaping, accessibility, determinism, and rendering in a real browser.
@Suite("Executive report")
struct ReportTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func report(_ evidence: String, format: String = "html", extra: [String] = []) throws -> (CLI.Result, String) {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.\(format == "markdown" ? "md" : format)")
        let result = try CLI.run(["report", evidence, "--format", format, "--output", output.path, "--date", "2026-01-31"] + extra)
        let text = (try? String(contentsOf: output, encoding: format == "pdf" ? .isoLatin1 : .utf8)) ?? ""
        return (result, text)
    }

    @Test("the HTML report is self-contained, needs no JavaScript and is the same every time",
          arguments: ["examples/ashdown.yaml", "examples/brackenford.yaml", "examples/calderbrook.yaml", "examples/highland-council.yaml"])
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
        #expect(charts.count >= 2, "radar and timeline")
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
            guard !["svg", "polygon", "line", "text", "rect", "title", "desc", "br", "strong", "span", "a"].contains(name) else { continue }
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

    @Test(.enabled(if: chromium != nil && pdftotext != nil, "needs chromium and pdftotext (CI installs them)"))
    func rendersInChromiumWithTheSummaryOnPageOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for council in ["ashdown", "calderbrook"] {
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
            #expect(first.stdout.contains(council == "ashdown" ? "Ashdown District Council" : "Calderbrook Metropolitan Borough Council"))
            let second = try Self.run(Self.pdftotext ?? "", ["-f", "2", "-l", "2", pdf.path, "-"])
            #expect(!second.stdout.contains("Executive summary"), "the summary fits on page one")
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
