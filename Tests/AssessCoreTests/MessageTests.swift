import Foundation
import Testing
@testable import AssessCore

@Suite("Messages")
struct MessageTests {
    @Test("placeholders are filled from the arguments, in any order")
    func placeholders() {
        let message = Message(.criterionMissingFact, [("role", .text("volumes")), ("fact", .text("channel.volumes"))])
        #expect(message.english == "Not assessed: the evidence has no 'channel.volumes' (volumes).")
    }

    @Test("English plurals choose one or other, and # is the grouped count")
    func englishPlurals() {
        let catalog = MessageCatalog(language: .english, templates: [
            .criterionUnassessable: "{n, plural, one {# contact} other {# contacts}} in {place}",
        ])
        #expect(catalog.render(Message(.criterionUnassessable, [("n", .count(1)), ("place", .text("Ely"))])) == "1 contact in Ely")
        #expect(catalog.render(Message(.criterionUnassessable, [("n", .count(12_345)), ("place", .text("Ely"))])) == "12,345 contacts in Ely")
        #expect(catalog.render(Message(.criterionUnassessable, [("n", .count(0)), ("place", .text("Ely"))])) == "0 contacts in Ely")
    }

    @Test("Welsh has six plural categories, chosen by CLDR's rules")
    func welshPlurals() {
        let catalog = MessageCatalog(language: .welsh, templates: [
            .criterionUnassessable: "{n, plural, zero {dim cath} one {# gath} two {# gath} few {# cath} many {# chath} other {# cath}}",
        ])
        func render(_ n: Int) -> String { catalog.render(Message(.criterionUnassessable, [("n", .count(n))])) }
        #expect(render(0) == "dim cath")
        #expect(render(1) == "1 gath")
        #expect(render(3) == "3 cath")
        #expect(render(6) == "6 chath")
        #expect(render(7) == "7 cath")
        #expect(Language.welsh.pluralCategory(2) == .two)
    }

    @Test("a number chooses its plural form when whole, 'other' when a fraction, and # writes it as shown")
    func numberPlurals() {
        let template = "{n, plural, zero {dim pwynt} one {# pwynt} two {# bwynt} few {# phwynt} many {# phwynt} other {# pwynt}}"
        let welsh = MessageCatalog(language: .welsh, templates: [.criterionUnassessable: template])
        func cy(_ n: Double) -> String { welsh.render(Message(.criterionUnassessable, [("n", .number(n, decimals: 2))])) }
        #expect(cy(2) == "2 bwynt")
        #expect(cy(3) == "3 phwynt")
        #expect(cy(2.5) == "2.5 pwynt")
        let english = MessageCatalog(language: .english, templates: [.criterionUnassessable: "{n, plural, one {# point} other {# points}}"])
        func en(_ n: Double) -> String { english.render(Message(.criterionUnassessable, [("n", .number(n, decimals: 2))])) }
        #expect(en(1) == "1 point")
        #expect(en(1.5) == "1.5 points")
        #expect(en(1.001) == "1 point", "shown as 1 at two decimals, so it reads as one")
    }

    @Test("docs/messages.md lists every message id with its English template")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/messages.md"), encoding: .utf8)
        for id in MessageID.allCases {
            #expect(page.contains("| `\(id.rawValue)` |"), "docs/messages.md has no row for \(id.rawValue)")
            // As the table writes it: a line break as \n, a pipe escaped.
            let written = id.englishTemplate.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "|", with: "\\|")
            #expect(page.contains("| `\(written)` |"), "docs/messages.md has an old template for \(id.rawValue)")
        }
    }

    @Test("numbers are rounded to their decimals with trailing zeros dropped, percentages whole")
    func numbers() {
        #expect(MessageCatalog.decimal(3.04, decimals: 1) == "3")
        #expect(MessageCatalog.decimal(2.96, decimals: 1) == "3")
        #expect(MessageCatalog.decimal(2.25, decimals: 1) == "2.3" || MessageCatalog.decimal(2.25, decimals: 1) == "2.2")
        #expect(MessageCatalog.decimal(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(MessageCatalog.decimal(-0.04, decimals: 1) == "0")
        #expect(MessageCatalog.decimal(-12.5, decimals: 1) == "-12.5")
        #expect(MessageCatalog.decimal(.infinity, decimals: 1) == "infinity")
        let catalog = MessageCatalog(language: .english, templates: [.criterionUnassessable: "{share} digital"])
        #expect(catalog.render(Message(.criterionUnassessable, [("share", .percent(0.513))])) == "51% digital")
    }

    @Test("an unknown placeholder is written back, never dropped or crashed on")
    func unknownPlaceholder() {
        let catalog = MessageCatalog(language: .english, templates: [.criterionUnassessable: "a {missing} b {broken"])
        #expect(catalog.render(Message(.criterionUnassessable)) == "a {missing} b {broken")
    }

    @Test("every English template names only placeholders, and a missing Welsh template falls back to English")
    func catalogues() {
        #expect(MessageCatalog.english.untranslated.isEmpty)
        let welsh = MessageCatalog.forLanguage(.welsh)
        let message = Message(.criterionNotApplicable, [("reason", .text("no housing stock"))])
        #expect(welsh.render(message) == message.english)
        for id in MessageID.allCases {
            #expect(!id.englishTemplate.isEmpty, "\(id.rawValue) has no English template")
        }
    }
}

@Suite("HTML text")
struct HTMLTextTests {
    @Test("markup is escaped and controls and bidirectional overrides become visible references")
    func escapes() {
        #expect(HTMLText.escape("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLText.escape("Evil\u{1B}[2J\u{202E}lanif\nnext") == "Evil&#x1B;[2J&#x202E;lanif\nnext")
    }
}
