/// Evidence prefilled from ``PublicData``: the organisation block and every fact public data can answer,
/// each with its source, reference (dataset, URL, commit and licence), date and attribution note.
///
/// A value a person has written is never overwritten: ``merge(into:file:council:data:reads:)`` fills only
/// facts that are absent or unanswered (`~`), and keeps every other line of the file, comments included.
public enum Prefill {
    /// One prefilled fact.
    public struct Entry: Sendable, Hashable {
        /// The fact key.
        public var key: String
        /// The value, as a YAML scalar.
        public var value: String
        /// Measured (a published statistic) or documented.
        public var source: Provenance
        /// The dataset, what was read from it, where it is published, the copy's commit and the licence.
        public var reference: String
        /// The date the figure describes.
        public var date: String
        /// The attribution the licence asks for, and any caveat.
        public var note: String
    }

    /// The organisation block: name, type, GSS code and population.
    public static func organisation(_ council: PublicData.Council) -> Organisation {
        Organisation(name: council.name, type: council.type, code: council.gss, population: council.population)
    }

    /// Every fact public data answers for a council, in a fixed order, keeping those `reads` accepts (the
    /// keys the framework's criteria and context indicators read).
    public static func entries(for council: PublicData.Council, data: PublicData, reads: (String) -> Bool = { _ in true }) -> [Entry] {
        var entries: [Entry] = []
        if let ofcom = data.sources["ofcom"], let area = council.ofcomArea {
            let period = council.ofcomPeriod ?? ofcom.date
            let areaText = area == council.gss ? "area \(area)" : "area \(area) (the ONS code for \(council.shortName)'s area in this file)"
            let coverage: [(String, Double?, String, String, String)] = [
                ("inclusion.gigabit-coverage", council.gigabit, "Gigabit capable broadband", "gigabit-capable-broadband.csv",
                 "% of premises with a gigabit-capable service"),
                ("inclusion.mobile-4g-coverage", council.mobile4G, "4G coverage", "network-coverage-4g.csv",
                 "% of the geographic area with outdoor 4G from at least one operator"),
                ("inclusion.premises-below-30mbps", council.below30, "Premises below 30Mbps", "premises-below-30.csv",
                 "% of premises unable to get 30 Mbit/s"),
            ]
            for (key, value, indicator, file, measure) in coverage {
                guard let value else { continue }
                entries.append(Entry(
                    key: key, value: NodeReader.format(value), source: .measured,
                    reference: "\(ofcom.dataset), indicator \"\(indicator)\" (\(measure)), \(areaText), period \(period); "
                        + "\(ofcom.url); file \(file) of \(ofcom.pinned); licence \(ofcom.licence)",
                    date: period, note: ofcom.attribution + "."))
            }
        }
        if let counts = council.catalogue, let scot = data.sources["opendata-scot"] {
            let what = "\(scot.dataset), the council's own records, counted by scripts/rebuild-public-data"
            let where_ = "\(scot.url); \(scot.pinned); licence \(scot.licence)"
            let facts: [(String, Int, String)] = [
                ("opendata.datasets-published", counts.datasets, "datasets"),
                ("opendata.datasets-open-licence", counts.openLicence, "datasets under an open licence (as docs/plugins/open-data.md judges them)"),
                ("opendata.datasets-machine-readable", counts.machineReadable, "datasets with a format of 3 stars or more"),
                ("opendata.datasets-updated-12m", counts.updated12Months, "datasets updated in the 12 months before \(scot.date)"),
            ]
            for (key, value, counted) in facts {
                entries.append(Entry(key: key, value: String(value), source: .measured,
                                     reference: "\(what): \(counted); \(where_)", date: scot.date,
                                     note: scot.attribution + "; the catalogue may not list every dataset the council publishes."))
            }
        }
        return entries.filter { reads($0.key) }
    }

    /// Comment lines (each starting with `# `) naming the sources used and the public facts no criterion
    /// reads (website, Twitter, open data portal, planning datasets), so a person can start from them.
    public static func header(for council: PublicData.Council, data: PublicData, entries: [Entry], command: String) -> [String] {
        var lines: [String] = []
        lines += comment("Evidence for \(council.name) (\(council.gss)) prefilled from public data by '\(command)'. Each prefilled fact gives its source, reference (dataset, address, commit and licence) and date. A value written by a person is never overwritten by a later prefill: only facts that are missing or ~ are filled.", indent: "# ")
        var used = ["register"]
        if entries.contains(where: { $0.key.hasPrefix("inclusion.") }) { used.append("ofcom") }
        if entries.contains(where: { $0.key.hasPrefix("opendata.") }) { used.append("opendata-scot") }
        var extra: [String] = []
        if let website = council.website { extra.append("Website: \(website)") }
        if let twitter = council.twitter { extra.append("Twitter/X: @\(twitter)") }
        if let portal = council.openDataPortal { extra.append("Open data portal: \(portal)") }
        if council.website != nil || council.twitter != nil, council.nation == "England" { used.append("organisations") }
        if !council.planningDatasets.isEmpty {
            extra.append("Supplies \(council.planningDatasets.count) planning datasets to planning.data.gov.uk: \(council.planningDatasets.joined(separator: ", ")). A part of what the council publishes, so not used as its dataset count.")
            used.append("planning")
        }
        lines.append("#")
        lines.append("# Sources:")
        for id in used {
            guard let source = data.sources[id] else { continue }
            lines += comment("\(source.dataset), \(source.publisher), \(source.url) (\(source.pinned)). Licence: \(source.licence). \(source.attribution).", indent: "# - ", then: "#   ")
        }
        if !extra.isEmpty {
            lines.append("#")
            lines.append("# Also published about the council (not read by any criterion):")
            for item in extra { lines += comment(item, indent: "# - ", then: "#   ") }
        }
        return lines
    }

    /// Words wrapped to 80 columns as comment lines; a word longer than a line (an address) is never cut.
    static func comment(_ text: String, indent: String, then: String? = nil) -> [String] {
        let rest = then ?? indent
        var lines: [String] = []
        var line = indent
        var empty = true
        for word in text.split(whereSeparator: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
            if !empty, line.count + 1 + word.count > EvidenceTemplate.width {
                lines.append(line)
                line = rest
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        if !empty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The YAML lines of one fact in the long form, at an indent.
    public static func lines(_ entry: Entry, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return [
            "\(pad)\(entry.key):",
            "\(pad)  value: \(entry.value)",
            "\(pad)  source: \(entry.source.rawValue)",
            "\(pad)  reference: \(EvidenceTemplate.quoted(entry.reference))",
            "\(pad)  date: \(entry.date)",
            "\(pad)  note: \(EvidenceTemplate.quoted(entry.note))",
        ]
    }

    /// A whole evidence file for one council from public data alone.
    public static func evidence(for council: PublicData.Council, data: PublicData, reads: (String) -> Bool = { _ in true },
                                command: String = "assess prefill") -> String {
        let entries = entries(for: council, data: data, reads: reads)
        var lines = header(for: council, data: data, entries: entries, command: command)
        lines.append("organisation:")
        lines += organisationLines(council, data: data, indent: 2)
        lines.append(entries.isEmpty ? "facts: {}" : "facts:")
        for entry in entries { lines += Self.lines(entry, indent: 2) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The organisation block's lines for a council.
    static func organisationLines(_ council: PublicData.Council, data: PublicData, indent: Int) -> [String] {
        organisationFields(council, data: data).map { String(repeating: " ", count: indent) + "\($0.key): \($0.value)" }
    }

    /// The organisation fields public data gives, as YAML scalars (population with its source as a comment).
    static func organisationFields(_ council: PublicData.Council, data: PublicData) -> [(key: String, value: String)] {
        var fields: [(String, String)] = [
            ("name", EvidenceTemplate.quoted(council.name)),
            ("type", council.type),
            ("code", council.gss),
        ]
        if let population = council.population {
            let register = data.sources["register"]
            let licence = register.map { ", \($0.pinned), \($0.licence)" } ?? ""
            fields.append(("population", "\(NodeReader.format(population))   # 2020, mySociety register\(licence)"))
        }
        return fields
    }

    // MARK: - Adding to an existing file

    /// What ``merge(into:file:council:data:reads:)`` did.
    public struct Merge: Sendable {
        /// The new text.
        public var text: String
        /// Keys filled from public data (organisation fields as `organisation.NAME`).
        public var filled: [String]
        /// Keys public data could answer that the file already answers: kept as written.
        public var kept: [String]
    }

    /// Adds the prefilled organisation fields and facts to an evidence file's text, filling only what is
    /// missing or unanswered (`~`): every value already written, and every comment, is kept as it is. The
    /// result is parsed again and must load; otherwise nothing is returned.
    public static func merge(into text: String, file: String, council: PublicData.Council, data: PublicData,
                             reads: (String) -> Bool = { _ in true }) throws(DiagnosticError) -> Merge {
        // Lines end in LF or CRLF (kept as found); a lone CR would make line numbers disagree with the parser's.
        let crlf = text.utf8.contains(13)
        let unix = crlf ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        if unix.utf8.contains(13) {
            throw DiagnosticError([Diagnostic(file: file, location: .unknown, message: "the file has lines ending in a lone carriage return",
                                              hint: "save it with LF or CRLF line endings, then prefill again")])
        }
        let document = try YAMLParser.parse(unix, file: file)
        var lines = unix.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let root = document.root, let pairs = root.pairs, !isFlow(root, lines) else {
            throw DiagnosticError([document.diagnostic("prefill adds to a YAML file whose top level is a block mapping ('organisation:' and 'facts:' on lines of their own)",
                                                       at: document.root?.location ?? .unknown,
                                                       hint: "write the prefilled file elsewhere with --out, or rewrite this file in block style")])
        }
        // A file about another organisation is not this council's evidence.
        if let code = root["organisation"]?["code"], let written = code.scalar, !written.isNull,
           written.text.uppercased() != council.gss {
            throw DiagnosticError([document.diagnostic("this file describes the organisation with code '\(written.text)', not \(council.name) (\(council.gss))",
                                                       at: code.location, hint: "prefill it with --gss \(written.text), or write \(council.gss)'s file elsewhere")])
        }
        var filled: [String] = [], kept: [String] = []
        // Edits as (line index, replacement lines), applied from the bottom up so indices stay valid.
        var edits: [(line: Int, remove: Int, insert: [String])] = []

        func fill(block key: String, values: [(key: String, lines: (Int) -> [String])], name: (String) -> String) throws(DiagnosticError) {
            guard let pair = pairs.first(where: { $0.key.scalar?.text == key }) else {
                // No block: a new one at the end of the file.
                var added: [String] = ["\(key):"]
                for value in values {
                    added += value.lines(2)
                    filled.append(name(value.key))
                }
                if !values.isEmpty { edits.append((lines.count, 0, added)) }
                return
            }
            let blockLine = pair.key.location.line - 1
            let node = pair.value
            // `facts: ~`, or `facts: {}` on the key's line: becomes a block.
            let emptyFlow = node.pairs?.isEmpty == true && isFlow(node, lines) && node.location.line == pair.key.location.line
            if node.scalar?.isNull == true || emptyFlow {
                var added: [String] = []
                for value in values {
                    added += value.lines(2)
                    filled.append(name(value.key))
                }
                if !values.isEmpty { edits.append((blockLine, 1, ["\(key):" + trailingComment(lines[blockLine], after: key)] + added)) }
                return
            }
            guard let children = node.pairs, !isFlow(node, lines) else {
                throw DiagnosticError([document.diagnostic("'\(key):' is not written as a block mapping, so prefilled entries cannot be added to it",
                                                           at: node.location, hint: "write each entry on a line of its own under '\(key):', or prefill into a new file")])
            }
            let indent = children.first.map { $0.key.location.column - 1 } ?? 2
            var missing: [String] = []
            for value in values {
                if let child = children.first(where: { $0.key.scalar?.text == value.key }) {
                    let line = child.key.location.line - 1
                    if child.value.scalar?.isNull == true, line < lines.count,
                       let comment = nullLine(lines[line], key: value.key, indent: indent) {
                        var replacement = value.lines(indent)
                        replacement[0] += comment
                        edits.append((line, 1, replacement))
                        filled.append(name(value.key))
                    } else {
                        kept.append(name(value.key))
                    }
                } else {
                    missing += value.lines(indent)
                    filled.append(name(value.key))
                }
            }
            if !missing.isEmpty { edits.append((endOfBlock(after: blockLine, lines: lines) + 1, 0, missing)) }
        }

        let organisation = organisationFields(council, data: data)
        try fill(block: "organisation", values: organisation.map { field in
            (field.key, { indent in [String(repeating: " ", count: indent) + "\(field.key): \(field.value)"] })
        }, name: { "organisation.\($0)" })
        let entries = entries(for: council, data: data, reads: reads)
        try fill(block: "facts", values: entries.map { entry in (entry.key, { indent in Self.lines(entry, indent: indent) }) }, name: { $0 })

        // Bottom up; at the same line a replacement goes first and insertions in reverse order, so that each
        // insertion lands above what was applied before it and the organisation stays above the facts.
        let ordered = edits.enumerated().sorted { ($0.element.line, $0.element.remove, $0.offset) > ($1.element.line, $1.element.remove, $1.offset) }
        for edit in ordered.map(\.element) {
            lines.replaceSubrange(edit.line..<min(lines.count, edit.line + edit.remove), with: edit.insert)
        }
        let merged = lines.joined(separator: "\n") + "\n"
        // The result must still be YAML with every value that was there.
        let check = try YAMLParser.parse(merged, file: file)
        if let problem = check.problems.first { throw DiagnosticError([problem]) }
        return Merge(text: crlf ? merged.replacingOccurrences(of: "\n", with: "\r\n") : merged, filled: filled, kept: kept)
    }

    /// Whether a collection is written in flow style (`{...}`, `[...]`).
    private static func isFlow(_ node: YAMLNode, _ lines: [String]) -> Bool {
        let location = node.location
        guard location.line >= 1, location.line <= lines.count else { return false }
        let line = Array(lines[location.line - 1].utf8)
        let column = location.column - 1
        guard column >= 0, column < line.count else { return false }
        return line[column] == UInt8(ascii: "{") || line[column] == UInt8(ascii: "[")
    }

    /// For a line `KEY: ~` (or `KEY:`, `KEY: null`) at the indent, with an optional comment, the comment
    /// part (" # ..." or ""); nil for any other line.
    static func nullLine(_ line: String, key: String, indent: Int) -> String? {
        let prefix = String(repeating: " ", count: indent) + key + ":"
        guard line.hasPrefix(prefix) else { return nil }
        var rest = Substring(line.dropFirst(prefix.count))
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        for word in ["~", "null", "Null", "NULL"] where rest.hasPrefix(word) {
            let after = rest.dropFirst(word.count)
            if after.isEmpty || after.first == " " || after.first == "\t" { rest = after.drop { $0 == " " || $0 == "\t" }; break }
        }
        if rest.isEmpty { return "" }
        return rest.hasPrefix("#") ? "  " + rest : nil
    }

    private static func trailingComment(_ line: String, after key: String) -> String {
        guard let hash = line.firstIndex(of: "#") else { return "" }
        return "  " + line[hash...]
    }

    /// The index of the last line of a block that starts at `start` (a top-level key): the last line that is
    /// neither blank nor a comment before the next line indented no more than the key.
    private static func endOfBlock(after start: Int, lines: [String]) -> Int {
        let keyIndent = lines[start].prefix { $0 == " " }.count
        var last = start
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { index += 1; continue }
            if line.prefix(while: { $0 == " " }).count <= keyIndent { break }
            last = index
            index += 1
        }
        return last
    }
}

extension Framework {
    /// Every fact key a criterion or context indicator of the framework reads (what prefill may write
    /// without a warning from `assess validate`).
    public var factKeysRead: Set<String> {
        Set(allCriteria.flatMap { $0.criterion.evidence.map(\.fact) }
            + dimensions.flatMap { $0.rubric.context.flatMap { $0.evidence.map(\.fact) } })
    }
}
