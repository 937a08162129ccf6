/// Text built from ``FactSpec``s: the evidence part of `assess explain`, an example evidence snippet, and the
/// starter file `assess init` writes. Every English phrase of these outputs is in this file, and every line
/// stays within ``width`` columns (long text is wrapped; a YAML line is never cut).
public enum EvidenceTemplate {
    /// The widest line written.
    public static let width = 80

    // MARK: - Describing a fact

    /// Lines describing one fact: key, role, shape, allowed values, unit and range, formats with sample
    /// headers, where the figure comes from. Indented by `indent` spaces, within `width` columns.
    public static func describe(_ spec: FactSpec, indent: Int = 2, width: Int = width) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        let need = spec.required ? "" : ", optional"
        lines += wrap("\(spec.key)  (\(spec.role)\(need))", indent: pad, width: width)
        lines += wrap(spec.help, indent: pad + "  ", width: width)
        lines += formLines(spec, prefix: pad + "  ", example: false, width: width)
        return lines
    }

    /// One line saying what a form is.
    public static func summary(_ form: FactForm) -> String {
        switch form {
        case .number(let unit, let min, let max):
            var text = "a number"
            if let unit, unit == "%" { text = "a percentage (write the number, no % sign)" } else if let unit { text += " of \(unit)" }
            switch (min, max) {
            case (let low?, let high?): text += ", from \(Format.number(low)) to \(Format.number(high))"
            case (let low?, nil): text += ", \(Format.number(low)) or more"
            case (nil, let high?): text += ", at most \(Format.number(high))"
            case (nil, nil): break
            }
            return text
        case .text: return "text"
        case .date: return "a date, YYYY-MM-DD"
        case .yesNo: return "yes or no"
        case .checklist: return "each item id with yes or no (an item left out counts as no):"
        case .statements: return "each statement id with yes or no (one left out counts as no):"
        case .options: return "one of these values:"
        case .breakdown(let of, let unit, let keys):
            return "a number\(unit.map { " (\($0))" } ?? "") for each \(of)" + (keys.isEmpty ? ", such as {web: 1200, phone: 3400}" : ":")
        case .list(let choices): return choices.isEmpty ? "a list of ids" : "a list of these ids:"
        case .exportFile(let formats):
            let names = formats.map(\.name)
            return "an export file, 'file: path' relative to the evidence file"
                + (names.isEmpty ? "" : " (\(names.joined(separator: ", ")))")
        }
    }

    private static func worth(_ choice: Choice) -> String {
        if let points = choice.points { return " (\(Format.number(points)) point\(points == 1 ? "" : "s"))" }
        if let required = choice.requiredFor { return " (required for level \(required))" }
        if let level = choice.level { return " (level \(Format.number(level)))" }
        return ""
    }

    // MARK: - Example evidence

    /// An example `facts:` entry per fact, that loads and scores (no export files: a fact read only from a
    /// file is left commented out). Optional facts are included when they are numbers (they usually
    /// complete a part-and-whole).
    public static func exampleFacts(_ specs: [FactSpec]) -> [String] {
        var lines: [String] = []
        for spec in specs {
            guard let form = spec.forms.first(where: { if case .exportFile = $0 { return false } else { return true } }) else {
                lines.append("# \(spec.key):")
                lines.append("#   file: exports/\(spec.key).\(fileExtension(spec))")
                continue
            }
            if !spec.required, !isNumber(form) { continue }
            lines += entry(key: spec.key, value: example(form))
        }
        return lines
    }

    /// A whole evidence file answering a criterion's facts with example values.
    public static func exampleEvidence(_ specs: [FactSpec], organisation: String = "Example Council") -> String {
        var lines = ["organisation:", "  name: \(organisation)", "facts:"]
        let facts = exampleFacts(specs.filter { !$0.key.hasPrefix("organisation.") })
        lines += facts.isEmpty ? ["  {}"] : facts.map { "  " + $0 }
        lines.insert("  population: 100000", at: 2)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isNumber(_ form: FactForm) -> Bool {
        if case .number = form { return true }
        return false
    }

    private static func fileExtension(_ spec: FactSpec) -> String {
        for case .exportFile(let formats) in spec.forms { return formats.first?.extensions.first ?? "csv" }
        return "csv"
    }

    /// A value of this form, as YAML lines (one line for a scalar or flow collection, or block lines).
    static func example(_ form: FactForm) -> [String] {
        switch form {
        case .number(let unit, let min, let max):
            let value: Double
            switch (min, max) {
            case (let low?, let high?): value = ((low + high) / 2).rounded(.down)
            case (let low?, nil): value = Swift.max(low, unit == "%" ? 50 : 100)
            case (nil, let high?): value = high
            case (nil, nil): value = unit == "%" ? 50 : 100
            }
            return [NodeReader.format(value)]
        case .text: return ["example"]
        case .date: return ["2026-03-31"]
        case .yesNo: return ["yes"]
        case .checklist(let items):
            return items.enumerated().map { "\(quoted($0.element.id)): \($0.offset < (items.count + 1) / 2 ? "yes" : "no")" }
        case .statements(let statements):
            let lowest = statements.compactMap(\.level).min()
            return statements.map { "\(quoted($0.id)): \($0.level == lowest ? "yes" : "no")" }
        case .options(let options): return [quoted(options.first?.id ?? "")]
        case .breakdown(_, _, let keys):
            return keys.isEmpty ? ["web: 1200", "phone: 3400"] : keys.map { "\($0.id): 100" }
        case .list(let choices): return ["[" + choices.prefix(1).map(\.id).joined() + "]"]
        case .exportFile: return ["~"]
        }
    }

    /// `key: value`, or `key:` with the value's lines indented below.
    private static func entry(key: String, value: [String]) -> [String] {
        if value.count == 1, !value[0].contains(": ") { return ["\(key): \(value[0])"] }
        return ["\(key):"] + value.map { "  " + $0 }
    }

    /// A scalar that YAML would read as something else (yes, no, a number) is quoted.
    static func quoted(_ text: String) -> String {
        let plainSafe = (text.first?.isLetter ?? false) && !text.hasSuffix(" ")
            && text.allSatisfy { $0.isLetter || $0.isNumber || " -_.()&".contains($0) }
            && YAMLScalar(text: text, isPlain: true).bool == nil && !YAMLScalar(text: text, isPlain: true).isNull
            && Double(text) == nil
        if plainSafe { return text }
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) else {
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }
        // Double quotes, with control characters escaped, so the value reads back exactly.
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    escaped += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    // MARK: - The starter file

    /// What `assess init` writes: every fact the framework reads, grouped by dimension, each with its
    /// question, allowed values and where the figure comes from as comments, and the value `~`
    /// (unanswered: the loader treats it as absent, so its criteria are not assessed).
    public static func starter(framework: Framework, organisation: Organisation) -> String {
        var lines: [String] = []
        lines += wrap("Evidence for \(framework.title) (\(framework.id) \(framework.version)), written by 'assess init'.", indent: "# ")
        lines += wrap("Answer a fact by replacing its ~ with the value. A fact left ~ is unanswered: its criteria are reported as not assessed, never scored as zero. Give the long form to record where a figure came from:", indent: "# ")
        lines += ["#   key:", "#     value: 42", "#     source: measured     # measured, documented or self-reported",
                  "#     reference: CRM report, April 2025 to March 2026", "#     date: 2026-04-07",
                  "# An export file is named with 'file: exports/name.csv' instead of 'value:'.",
                  "# Check it with 'assess validate FILE'; score it with 'assess score FILE'.", ""]
        if let pack = framework.pack, PackLabel.isValidID(pack.id) {
            // The pack this file is for, so that ask, score, report and roadmap use it without --framework.
            lines += wrap("The published method this evidence is written for: 'assess' uses it unless --framework says otherwise.", indent: "# ")
            lines.append("framework: \(pack.id)")
            lines.append("")
        }
        lines.append("organisation:")
        lines.append("  name: \(quoted(organisation.name.isEmpty ? "Your organisation" : organisation.name))")
        lines.append(organisation.type.map { "  type: \(quoted($0))" } ?? "  type: ~            # district, unitary, county, london-borough, ...")
        lines.append(organisation.code.map { "  code: \(quoted($0))" } ?? "  code: ~            # ONS GSS code, such as E07000123")
        let population = framework.factSpecs.first { $0.spec.key == "organisation.population" }?.readers ?? []
        lines += wrap("Residents (a number)" + (population.isEmpty ? "" : "; read by \(population.joined(separator: ", "))"), indent: "  # ")
        lines.append("  population: ~")
        lines.append(organisation.period.map { "  period: \(quoted($0))" } ?? "  period: ~          # the period the evidence describes, such as 2025-26")
        let attributes = framework.organisationAttributes
        if !attributes.isEmpty {
            lines += wrap("What the organisation has or does (yes or no, or a word), which decides whether some criteria or items apply; one left ~ is not stated, so nothing is left out on a guess", indent: "  # ")
            lines.append("  attributes:")
            for (key, readers) in attributes {
                let stated = organisation.attributes[key].map(quoted) ?? "~"
                lines += wrap("read by \(readers.joined(separator: ", "))", indent: "    # ")
                lines.append("    \(key): \(stated)")
            }
        }
        lines.append("facts:")
        var current: String?
        for (rubric, spec, readers) in framework.factSpecs where !spec.key.hasPrefix("organisation.") {
            if rubric.id != current {
                current = rubric.id
                lines.append("")
                lines.append("  # " + String(repeating: "=", count: width - 4))
                lines += wrap("\(rubric.title) [\(rubric.id)]", indent: "  # ")
                lines.append("  # " + String(repeating: "=", count: width - 4))
            }
            lines.append("")
            lines += wrap(spec.question, indent: "  # ")
            if spec.question != spec.help { lines += wrap("What to give: \(spec.help)", indent: "  # ") }
            lines += formLines(spec, prefix: "  # ", example: true)
            if let source = spec.source { lines += wrap("Where to find it: \(source)", indent: "  # ") }
            lines += wrap("Read by: \(readers.joined(separator: ", "))\(spec.required ? "" : " (optional)")", indent: "  # ")
            // Question logic: say when the question applies, so a person filling the file by hand leaves it empty otherwise.
            if let condition = readers.lazy.compactMap({ framework.criterion($0)?.criterion.when }).first {
                lines += wrap(condition.askedMessage.english, indent: "  # ")
            }
            lines.append("  \(spec.key): ~")
        }
        // Comments are wrapped or cut to the width; YAML lines are never cut.
        return lines.map { $0.drop { $0 == " " }.hasPrefix("#") ? clip($0) : $0 }.joined(separator: "\n") + "\n"
    }

    /// The allowed answers of a fact (each choice with its id and label, each export format with a sample),
    /// and optionally an example, each line starting with `prefix`, within `width` columns.
    public static func formLines(_ spec: FactSpec, prefix: String, example withExample: Bool, width: Int = width) -> [String] {
        var lines: [String] = []
        for (index, form) in spec.forms.enumerated() {
            lines += wrap((index == 0 ? "Answer: " : "Or: ") + summary(form), indent: prefix, width: width)
            for choice in form.choices {
                // An empty value (a placeholder for no answer) is shown as '' so the line does not start with a colon.
                lines += wrap("\(choice.id.isEmpty ? "''" : choice.id)\(worth(choice)): \(choice.label)", indent: prefix + "  - ", then: prefix + "    ", width: width)
            }
            if case .exportFile(let formats) = form {
                for format in formats where !format.sample.isEmpty {
                    lines += wrap("\(format.name) starts like:", indent: prefix + "  ", then: prefix + "    ", width: width)
                    for sampleLine in format.sample.split(separator: "\n") { lines.append(clip(prefix + "    " + sampleLine, width: width)) }
                }
            }
        }
        if withExample, let first = spec.forms.first(where: { if case .exportFile = $0 { return false } else { return true } }) {
            let value = example(first)
            if value.count == 1, !value[0].contains(": ") {
                lines.append(clip(prefix + "Example: \(spec.key): \(value[0])", width: width))
            } else {
                lines.append(prefix + "Example:")
                lines.append(clip(prefix + "  \(spec.key):", width: width))
                lines += value.map { clip(prefix + "    " + $0, width: width) }
            }
        }
        return lines
    }

    // MARK: - Wrapping

    /// Words wrapped to `width` columns (``TextLayout/wrap(_:width:indent:then:)``), the first line starting
    /// with `indent`, the rest with `then`. Control characters (from third-party rubric text) would make a
    /// YAML comment unreadable: they split words like spaces, and so do newlines.
    public static func wrap(_ text: String, indent: String, then: String? = nil, width: Int = width) -> [String] {
        var plain = String.UnicodeScalarView()
        var space = false
        for scalar in text.unicodeScalars {
            let separates = scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
            if separates, !space { plain.append(" ") }
            if !separates { plain.append(scalar) }
            space = separates
        }
        let lines = TextLayout.wrap(String(plain).trimmingSpaces(), width: width, indent: indent, then: then)
        return lines == [""] ? [indent] : lines
    }

    /// A line cut to `width` columns with an ellipsis when it is too long (a YAML line in a comment).
    static func clip(_ line: String, width: Int = width) -> String {
        TextLayout.clip(line, width: width)
    }
}
