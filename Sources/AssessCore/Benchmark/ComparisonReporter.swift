/// Writes a ``ResultComparison`` as text, Markdown or JSON. Same comparison, same bytes.
public enum ComparisonReporter {
    static func side(_ side: ResultComparison.Side?) -> String {
        guard let side else { return "absent" }
        var parts: [String] = []
        if let score = side.score { parts.append(PeerStatistics.oneDecimal(score)) }
        if let level = side.level { parts.append("level \(level)") }
        if side.score == nil || (side.status != "scored" && side.status != "assessed") { parts.append(side.status) }
        return parts.joined(separator: ", ")
    }

    static func change(_ row: ResultComparison.Row) -> String {
        guard let change = row.change else { return row.statusChange?.rawValue ?? (row.before == nil ? "added" : row.after == nil ? "removed" : "") }
        let tenths = Int((change * 10).rounded())
        let text = tenths == 0 ? "no change" : (tenths > 0 ? "+" : "") + PeerStatistics.oneDecimal(change)
        return row.statusChange.map { "\(text), \($0.rawValue)" } ?? text
    }

    static func lines(_ c: ResultComparison, escape: (String) -> String) -> (headline: String, rows: [(String, String, String, String, String)], facts: [String], framework: [String]) {
        var rows: [(String, String, String, String, String)] = []
        rows.append(("", escape(c.overall.title), side(c.overall.before), side(c.overall.after), change(c.overall)))
        for dimension in c.dimensions {
            rows.append(("", escape(dimension.row.title), side(dimension.row.before), side(dimension.row.after), change(dimension.row)))
            for criterion in dimension.criteria where criterion.changed {
                let name = escape(criterion.id) + (criterion.renamedFrom.map { " (was \(escape($0)))" } ?? "")
                rows.append(("  ", name, side(criterion.before), side(criterion.after), change(criterion)))
            }
        }
        let facts = c.facts.map { "\(escape($0.fact)): \(escape($0.before ?? "absent")) → \(escape($0.after ?? "absent")) (read by \($0.criteria.map(escape).joined(separator: ", ")))" }
        var framework: [String] = []
        if !c.added.isEmpty { framework.append("added: " + c.added.map(escape).joined(separator: ", ")) }
        if !c.removed.isEmpty { framework.append("removed: " + c.removed.map(escape).joined(separator: ", ")) }
        if !c.renamed.isEmpty { framework.append("renamed: " + c.renamed.map { "\(escape($0.old)) → \(escape($0.new))" }.joined(separator: ", ")) }
        let regressions = c.regressions
        let headline = regressions.isEmpty ? "No dimension fell." : "Fell: " + regressions.map(escape).joined(separator: ", ") + "."
        return (headline, rows, facts, framework)
    }

    /// Plain text for a terminal. Untrusted text has control characters removed.
    public static func text(_ c: ResultComparison) -> String {
        let clean: (String) -> String = { String($0.unicodeScalars.filter { $0.value >= 32 && $0.value != 127 }.map(Character.init)) }
        let parts = lines(c, escape: clean)
        var out = "\(clean(c.organisation)): \(clean(c.beforeLabel)) → \(clean(c.afterLabel))\n\(parts.headline)\n\n"
        let width = max(12, parts.rows.map { $0.0.count + $0.1.count }.max() ?? 0)
        let before = max(8, parts.rows.map(\.2.count).max() ?? 0), after = max(8, parts.rows.map(\.3.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        out += pad("", width) + "  " + pad("Before", before) + "  " + pad("After", after) + "  Change\n"
        for row in parts.rows { out += pad(row.0 + row.1, width) + "  " + pad(row.2, before) + "  " + pad(row.3, after) + "  " + row.4 + "\n" }
        if !parts.facts.isEmpty { out += "\nEvidence facts that changed\n" + parts.facts.map { "  \($0)\n" }.joined() }
        if !parts.framework.isEmpty { out += "\nFramework changes\n" + parts.framework.map { "  \($0)\n" }.joined() }
        return out
    }

    /// Markdown, with untrusted text escaped.
    public static func markdown(_ c: ResultComparison) -> String {
        let parts = lines(c, escape: MarkdownReporter.escape)
        var out = "# \(MarkdownReporter.escape(c.organisation)): since \(MarkdownReporter.escape(c.beforeLabel))\n\n"
        out += "\(parts.headline)\n\n| | Before | After | Change |\n|---|---|---|---|\n"
        for row in parts.rows { out += "| \(row.0.isEmpty ? "**\(row.1)**" : row.1) | \(row.2) | \(row.3) | \(row.4) |\n" }
        if !parts.facts.isEmpty { out += "\n## Evidence facts that changed\n\n" + parts.facts.map { "- \($0)\n" }.joined() }
        if !parts.framework.isEmpty { out += "\n## Framework changes\n\n" + parts.framework.map { "- \($0)\n" }.joined() }
        return out
    }

    /// JSON (docs/compare.md).
    public static func json(_ c: ResultComparison, context: ReportContext) -> String {
        func side(_ side: ResultComparison.Side?) -> JSONValue {
            guard let side else { return .null }
            return .object([("score", .number(side.score)), ("level", .number(side.level.map(Double.init))), ("status", .string(side.status))])
        }
        func row(_ r: ResultComparison.Row) -> [(String, JSONValue)] {
            [("id", .string(r.id)), ("title", .string(r.title)), ("renamedFrom", .string(r.renamedFrom)),
             ("before", side(r.before)), ("after", side(r.after)), ("change", .number(r.change)),
             ("statusChange", .string(r.statusChange?.rawValue))]
        }
        let document: JSONValue = .object([
            ("schemaVersion", .string("1.0")),
            ("tool", .object([("name", .string("assess")), ("version", .string(context.toolVersion))])),
            ("generatedAt", .string(context.date)),
            ("organisation", .string(c.organisation)),
            ("before", .string(c.beforeLabel)), ("after", .string(c.afterLabel)),
            ("regressions", .array(c.regressions.map { .string($0) })),
            ("overall", .object(row(c.overall))),
            ("dimensions", .array(c.dimensions.map { d in .object(row(d.row) + [("criteria", .array(d.criteria.map { .object(row($0)) }))]) })),
            ("facts", .array(c.facts.map { f in
                .object([("fact", .string(f.fact)), ("before", .string(f.before)), ("after", .string(f.after)),
                         ("criteria", .array(f.criteria.map { .string($0) }))])
            })),
            ("added", .array(c.added.map { .string($0) })),
            ("removed", .array(c.removed.map { .string($0) })),
            ("renamed", .array(c.renamed.map { .object([("from", .string($0.old)), ("to", .string($0.new))]) })),
        ])
        return document.rendered()
    }
}
