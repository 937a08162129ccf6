/// Shared wording for the human-readable reports.
public enum ReportText {
    /// "high", "medium" or "low" for a confidence figure.
    public static func confidenceLabel(_ confidence: Double?) -> String {
        guard let confidence else { return "n/a" }
        if confidence >= 0.85 { return "high" }
        if confidence >= 0.65 { return "medium" }
        return "low"
    }

    /// A 0 ... 1 share as a whole percentage, or "n/a".
    public static func percent(_ share: Double?) -> String {
        share.map { Format.number($0 * 100, decimals: 0) + "%" } ?? "n/a"
    }

    /// A score with its maximum: "3.25 / 5" or "62.5%".
    public static func score(_ score: Double?, in assessment: Assessment) -> String {
        guard let score else { return "not assessed" }
        return assessment.scoring == .points
            ? Format.fixed(score, decimals: 1) + "%" : Format.fixed(score, decimals: 2) + " / " + String(assessment.scale.top)
    }

    /// A score or level to one decimal for an executive, rounded down, so that it never shows a level the
    /// score has not reached (2.98 is level 2 and shows as "2.9", not "3.0").
    public static func oneDecimal(_ value: Double) -> String { Format.oneDecimal(value) }

    /// "Level 3 Defined".
    public static func level(_ level: Int?, in assessment: Assessment) -> String {
        guard let level else { return "no level" }
        return "Level \(level) \(assessment.scale.name(of: level))"
    }

    /// A dimension's headline level in words: "Level 3 Defined", "not enough evidence", "unverified".
    public static func headline(_ d: DimensionResult, in assessment: Assessment) -> String {
        switch d.status {
        case .notEnoughEvidence: return "Not enough evidence"
        case .unverified where d.level == nil: return "Unverified"
        case .unverified: return level(d.level, in: assessment) + " (unverified)"
        case .scored: return level(d.level, in: assessment)
        }
    }

    /// The overall headline in words.
    public static func headline(_ overall: OverallResult, in assessment: Assessment) -> String {
        switch overall.status {
        case .notEnoughEvidence: return "Not enough evidence"
        case .unverified where overall.level == nil: return "Unverified"
        case .unverified: return score(overall.score, in: assessment) + " · " + level(overall.level, in: assessment) + " (unverified)"
        case .scored: return score(overall.score, in: assessment) + " · " + level(overall.level, in: assessment)
        }
    }

    /// Why a headline is withheld, with what is missing: one sentence, or nil when it is claimed.
    public static func withheld(reason: String?, missing: [String], what: String = "not assessed") -> String? {
        guard let reason else { return nil }
        var text = reason.prefix(1).uppercased() + reason.dropFirst()
        if !missing.isEmpty { text += ". \(what.prefix(1).uppercased() + what.dropFirst()): " + missing.joined(separator: ", ") }
        return text + "."
    }

    /// A context value in words: "82.1% (UK 87.8%, Ofcom Connected Nations, January 2026)" or "not known",
    /// figures to at most `decimals` decimals.
    public static func context(_ c: ContextValue, decimals: Int = 2) -> String {
        var text = c.value.map { Format.quantity($0, unit: c.unit, decimals: decimals) } ?? "not known"
        if let national = c.national {
            var comparison = (c.nationalArea.map { $0 + " " } ?? "national ") + Format.quantity(national, unit: c.unit, decimals: decimals)
            let source = [c.nationalSource, c.nationalDate].compactMap { $0 }.joined(separator: ", ")
            if !source.isEmpty { comparison += ", " + source }
            text += " (" + comparison + ")"
        }
        return text
    }

    /// The overall headline, leading with the level's name, the score to one decimal.
    public static func summaryHeadline(_ overall: OverallResult, in assessment: Assessment) -> String {
        let score = overall.score.map { " · " + shortScore($0, in: assessment) } ?? ""
        switch overall.status {
        case .notEnoughEvidence: return "Not enough evidence"
        case .unverified where overall.level == nil: return "Unverified" + score
        case .unverified: return level(overall.level, in: assessment) + ", unverified" + score
        case .scored: return level(overall.level, in: assessment) + score
        }
    }

    /// A score to one decimal with its maximum: "3.0 / 5" or "62.5%". See ``oneDecimal(_:)``.
    public static func shortScore(_ score: Double, in assessment: Assessment) -> String {
        let text = oneDecimal(score)
        return assessment.scoring == .points ? text + "%" : text + " / " + String(assessment.scale.top)
    }

    /// An area's level in a few words: "3 Defined", "not enough evidence", "3 Defined, unverified".
    public static func levelText(_ d: DimensionResult, in assessment: Assessment) -> String {
        let named = d.level.map { "\($0) \(assessment.scale.name(of: $0))" }
        switch d.status {
        case .notEnoughEvidence: return "not enough evidence"
        case .unverified: return named.map { $0 + ", unverified" } ?? "unverified"
        case .scored: return named ?? "-"
        }
    }

    /// The status of a criterion in words.
    public static func status(_ status: CriterionStatus) -> String {
        switch status {
        case .assessed: return "assessed"
        case .notAssessed: return "not assessed"
        case .notApplicable: return "not applicable"
        case .error: return "error"
        }
    }

    /// A finding's value in words.
    public static func value(_ value: Finding.Value, rounded: Bool = false) -> String {
        switch value {
        case .number(let number, let unit) where rounded:
            return unit == "£" ? Format.roundedPounds(number) : Format.quantity(number, unit: unit ?? "", decimals: 1)
        case .number(let number, let unit): return Format.quantity(number, unit: unit ?? "")
        case .text(let text): return text
        case .flag(let flag): return flag ? "yes" : "no"
        case .list(let items): return items.isEmpty ? "none" : items.joined(separator: "; ")
        }
    }

    /// A section's figures in words: "75.0%, Level 4 Embedded, 3 / 4 pts, weight 2, coverage 100%", or "not
    /// assessed, coverage 0%" when none of its criteria was assessed.
    public static func section(_ s: SectionResult, in assessment: Assessment) -> String {
        var parts: [String] = []
        if let score = s.score {
            parts.append(self.score(score, in: assessment))
            parts.append(level(s.level, in: assessment))
            if let points = s.points, let maximum = s.maxPoints { parts.append("\(Format.number(points)) / \(Format.number(maximum)) pts") }
        } else {
            parts.append("not assessed")
        }
        if let weight = s.weight { parts.append("weight \(Format.number(weight))") }
        parts.append("coverage \(percent(s.coverage))")
        return parts.joined(separator: ", ")
    }

    /// The criterion's score in words; "not scored" for a criterion of weight 0 (asked, never scored).
    public static func criterionScore(_ c: CriterionResult, in assessment: Assessment, rounded: Bool = false) -> String {
        if c.weight == 0, c.status != .error { return "not scored" }
        switch c.status {
        case .assessed:
            if assessment.scoring == .points, let points = c.points, let max = c.maxPoints {
                return "\(Format.number(points, decimals: rounded ? 1 : 2)) / \(Format.number(max)) pts"
            }
            return c.level.map { "level " + (rounded ? Format.oneDecimal($0) : Format.number($0, decimals: 2)) } ?? "-"
        default:
            // A method with a fixed maximum counts some unanswered questions: say what each counted as.
            if assessment.scoring == .points, let max = c.maxPoints, c.counted == .zero || c.counted == .full {
                // The answer in words ("not asked", "don't know") says why it counts; the status alone would not.
                let said = c.answer.flatMap(answerMessage).map { $0.english.lowercased() } ?? status(c.status)
                return said + ", counts \(Format.number(c.counted == .full ? max : 0)) / \(Format.number(max)) pts"
            }
            return status(c.status)
        }
    }
}

/// The terminal report. The summary comes first: the overall level, the area table, context beside the areas,
/// the three biggest gaps (see ``Gap``) and the commands to run next; each criterion's score, reasons and
/// working follow only with `detail`. Every line fits `width` display columns (see ``TextLayout``). Colour
/// only when asked (the CLI asks when stdout is a terminal).
public enum TextReporter {
    /// Renders an assessment for a terminal `width` columns wide. `arguments` name this run's evidence (and
    /// framework) in the commands suggested as next steps, as typed on the command line.
    public static func render(_ assessment: Assessment, context: ReportContext, color: Bool = false,
                              width: Int = TextLayout.standardWidth, detail: Bool = false, arguments: [String] = ["EVIDENCE"]) -> String {
        let paint = Paint(enabled: color)
        let width = TextLayout.clamped(width)
        // Every piece of text from the evidence, the framework or a plugin goes through TerminalText.escape before
        // it is painted; TextLayout counts each control as its escaped form, so the widths agree.
        var out = summary(assessment, context: context, paint: paint, width: width, detail: detail, arguments: arguments)
        if detail { out += details(assessment, paint: paint, width: width) }
        if !assessment.diagnostics.isEmpty {
            out += "\n" + paint.bold("Problems in the evidence") + "\n"
            for diagnostic in assessment.diagnostics { out += lines(TerminalText.escape(diagnostic.headline), width, "  ", "    ") }
        }
        return out
    }

    // MARK: - The summary

    static func summary(_ assessment: Assessment, context: ReportContext, paint: Paint, width: Int, detail: Bool, arguments: [String]) -> String {
        var out = ""
        let org = assessment.organisation
        var heading = org.name
        if let code = org.code { heading += " (\(code))" }
        out += TextLayout.wrap(TerminalText.escape(heading), width: width, then: "  ").map { paint.bold($0) + "\n" }.joined()
        var sub = "\(assessment.framework.title) \(assessment.framework.version)"
        if let pack = assessment.pack { sub += " (pack \(pack.id) \(pack.version))" }
        if let period = org.period { sub += " · evidence for \(period)" }
        sub += " · assess \(context.toolVersion)"
        if let date = context.date { sub += " · \(date)" }
        out += TextLayout.wrap(TerminalText.escape(sub), width: width, then: "  ").map { paint.dim($0) + "\n" }.joined() + "\n"

        let overall = assessment.overall
        out += TextLayout.wrap(TerminalText.escape("Overall: " + ReportText.summaryHeadline(overall, in: assessment)), width: width, then: "  ").map { paint.bold($0) + "\n" }.joined()
        if let why = ReportText.withheld(reason: overall.reason, missing: overall.missing, what: "no level") { out += lines(TerminalText.escape(why), width, "  ") }
        out += lines("Coverage \(ReportText.percent(overall.coverage)), confidence \(ReportText.confidenceLabel(overall.confidence)) (\(ReportText.percent(overall.confidence)))", width)
        out += "\n" + areaTable(assessment, paint: paint, width: width)

        // Context figures that are not known are listed only in the detail.
        let context = assessment.dimensions.flatMap { d in d.context.filter { $0.value != nil }.map { (d, $0) } }
        if !context.isEmpty {
            out += "\n" + paint.bold("Context (not scored)") + "\n"
            for (d, c) in context { out += lines(TerminalText.escape("\(d.title): \(c.title): \(ReportText.context(c, decimals: 1))"), width, "  ", "    ") }
        }

        let gaps = Gap.biggest(assessment)
        out += "\n" + paint.bold("Biggest gaps") + "\n"
        if gaps.isEmpty { out += lines("None: every assessed criterion is at or above its area's next level.", width, "  ") }
        for (index, gap) in gaps.enumerated() { out += lines(TerminalText.escape("\(index + 1). " + describe(gap, in: assessment)), width, "  ", "     ") }

        out += "\n" + paint.bold("Next") + "\n"
        for (command, purpose) in nextSteps(assessment, gaps: gaps, detail: detail, arguments: arguments) {
            // A command too long for the line goes on with a backslash, so that it can still be pasted.
            let parts = TextLayout.wrap(TerminalText.escape(command), width: width - 2, indent: "  ", then: "    ")
            out += parts.enumerated().map { $0.element + ($0.offset < parts.count - 1 ? " \\\n" : "\n") }.joined()
            out += lines(TerminalText.escape(purpose), width, "      ")
        }
        return out
    }

    static func areaTable(_ assessment: Assessment, paint: Paint, width: Int) -> String {
        let columns = [TextLayout.Column("Area", wraps: true), TextLayout.Column("Level", wraps: true), TextLayout.Column("Score", right: true),
                       TextLayout.Column("", drop: 1), TextLayout.Column("Coverage", right: true, drop: 30), TextLayout.Column("Confidence", drop: 20)]
        let rows = assessment.dimensions.map { d in
            [TerminalText.escape(d.title), TerminalText.escape(ReportText.levelText(d, in: assessment)), d.score.map { ReportText.shortScore($0, in: assessment) } ?? "–",
             d.score.map { bar(fraction: assessment.scoring == .points ? $0 / 100 : assessment.scale.fraction(of: $0)) } ?? String(repeating: "·", count: 10),
             ReportText.percent(d.coverage), ReportText.confidenceLabel(d.confidence)]
        }
        return TextLayout.table(columns, rows: rows, width: width) { row, column, text in
            if row < 0 { return paint.bold(text) }
            return column == 3 ? paint.level(text, assessment.dimensions[row].level) : text
        }.map { $0 + "\n" }.joined()
    }

    /// One gap in a sentence.
    static func describe(_ gap: Gap, in assessment: Assessment) -> String {
        guard let d = assessment.dimensions.first(where: { $0.id == gap.dimension }) else { return gap.criteria.joined(separator: ", ") }
        let shown = gap.criteria.prefix(4).joined(separator: ", ") + (gap.criteria.count > 4 ? " and \(gap.criteria.count - 4) more" : "")
        switch gap.kind {
        case .evidence:
            if d.status == .notEnoughEvidence {
                let reason = d.reason.map { ": " + $0 } ?? ""
                return "\(d.title): not enough evidence\(reason)." + (shown.isEmpty ? "" : " Give evidence for \(shown).")
            }
            return "\(d.title): level unverified" + (shown.isEmpty ? "." : "; core criteria not assessed: \(shown).")
        case .core, .criterion:
            let id = gap.criteria.first ?? ""
            let c = d.criteria.first { $0.id == id }
            let named = (c.map { "\($0.title) " } ?? "") + "[\(id)]"
            let area = "\(d.title) (level \(ReportText.levelText(d, in: assessment)))"
            guard let level = gap.level else {
                let points = c.flatMap { c in c.points.map { p in c.maxPoints.map { "\(Format.number(p, decimals: 1)) of \(Format.number($0, decimals: 1)) points" } ?? "" } } ?? ""
                return "\(area): \(named) scores \(points)" + (gap.kind == .core ? ", and as a core criterion holds the area's level down." : ".")
            }
            let at = "is at level \(ReportText.oneDecimal(level))"
            if gap.kind == .core {
                let gives = d.gating.weightedLevel.map { " (its weighted score alone gives \($0))" } ?? ""
                return "\(area): core criterion \(named) \(at) and holds the area at level \(d.level ?? 1)\(gives)."
            }
            let next = gap.target.map { "\($0) \(assessment.scale.name(of: $0))" } ?? "the next level"
            return "\(area): \(named) \(at); the next level is \(next)."
        }
    }

    /// The commands to run next, each with what it does.
    static func nextSteps(_ assessment: Assessment, gaps: [Gap], detail: Bool, arguments: [String]) -> [(String, String)] {
        let evidence = arguments.map(shellWord).joined(separator: " ")
        var steps: [(String, String)] = []
        if let first = gaps.first(where: { $0.kind == .evidence }) {
            let title = assessment.dimensions.first { $0.id == first.dimension }?.title ?? first.dimension
            steps.append(("assess ask \(evidence) --area \(shellWord(first.dimension))",
                          "answer the questions about \(title), saved as you go (then score again); 'assess explain' shows what each criterion reads"))
        }
        let top = assessment.scale.top
        if let level = assessment.overall.level, level >= top {
            steps.append(("assess report \(evidence) --format pdf --output report.pdf", "the executive report"))
        } else if let level = assessment.overall.level {
            steps.append(("assess roadmap \(evidence) --target \(level + 1)",
                          "the actions that take every area to level \(level + 1) \(assessment.scale.name(of: level + 1)), by quarter"))
        } else {
            steps.append(("assess roadmap \(evidence)", "the actions that take each assessed area one level up, by quarter"))
        }
        if !detail { steps.append(("assess score \(evidence) --detail", "every criterion's score, reasons and working")) }
        return steps
    }

    /// A word as a POSIX shell reads it back: as it is when plain, else in single quotes.
    public static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._/-+=:,@%".unicodeScalars.contains($0)) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: - The detail

    static func details(_ assessment: Assessment, paint: Paint, width: Int) -> String {
        var out = ""
        for d in assessment.dimensions {
            let heading = d.score == nil ? ReportText.headline(d, in: assessment)
                : "\(ReportText.score(d.score, in: assessment)), \(ReportText.headline(d, in: assessment))"
            out += "\n" + TextLayout.wrap(TerminalText.escape("\(d.title) — \(heading)"), width: width, then: "  ").map { paint.bold($0) + "\n" }.joined()
            if let why = ReportText.withheld(reason: d.reason, missing: d.status == .notEnoughEvidence ? d.missing : []) {
                out += lines(TerminalText.escape(why), width, "  ")
            }
            for c in d.context {
                out += TextLayout.wrap(TerminalText.escape("Context (not scored): \(c.title): \(ReportText.context(c))"), width: width, indent: "  ", then: "    ").map { paint.dim($0) + "\n" }.joined()
            }
            if !d.gating.limitedBy.isEmpty, let weighted = d.gating.weightedLevel {
                out += lines(TerminalText.escape("Held at level \(d.level ?? 1) (weighted score alone gives \(weighted)) by core criteria: \(d.gating.limitedBy.joined(separator: ", "))"), width, "  ", "    ")
            }
            if !d.gating.unverifiedCore.isEmpty, d.status == .scored {
                out += lines(TerminalText.escape("Level unconfirmed: core criteria not assessed: \(d.gating.unverifiedCore.joined(separator: ", "))"), width, "  ", "    ")
            }
            for section in d.sections {
                out += lines(TerminalText.escape("Section \(section.title) [\(section.id)]: \(ReportText.section(section, in: assessment))"), width, "  ", "    ")
            }
            let idWidth = min(d.criteria.map { TextLayout.columns($0.id) }.max() ?? 0, width / 3)
            let resultWidth = d.criteria.map { TextLayout.columns(ReportText.criterionScore($0, in: assessment)) }.max() ?? 0
            for c in d.criteria {
                let mark: String
                switch c.status {
                case _ where c.weight == 0 && c.status != .error: mark = paint.dim("·")
                case .assessed: mark = paint.green("✔")
                case .notAssessed: mark = paint.dim("–")
                case .notApplicable: mark = paint.dim("○")
                case .error: mark = paint.red("✘")
                }
                let core = c.core ? " [core]" : ""
                // Id, result and title line up in columns when the title has room (40 columns); else they run on.
                let result = ReportText.criterionScore(c, in: assessment)
                let aligned = "  \(mark) \(TextLayout.pad(TerminalText.escape(c.id), to: idWidth))  \(TextLayout.pad(result, to: resultWidth))  "
                if TextLayout.columns(aligned) + 40 <= width {
                    out += lines(TerminalText.escape(c.title) + core, width, aligned, String(repeating: " ", count: TextLayout.columns(aligned)))
                } else {
                    out += lines(TerminalText.escape("\(c.id)  \(result)  \(c.title)\(core)"), width, "  \(mark) ", "      ")
                }
                out += TextLayout.wrap(TerminalText.escape(c.rationale), width: width, indent: "      ").map { paint.dim($0) + "\n" }.joined()
                if let counting = ReportText.counting(c, in: assessment) {
                    out += TextLayout.wrap(TerminalText.escape(counting), width: width, indent: "      ").map { paint.dim($0) + "\n" }.joined()
                }
                // Domain (plugin) assessors show their working; the generic ones say it all in the rationale.
                if c.assessor.contains("."), c.status == .assessed, !c.findings.isEmpty {
                    let working = c.findings.map { "\($0.label): \(ReportText.value($0.value))" }.joined(separator: " · ")
                    out += TextLayout.wrap(TerminalText.escape("Working: " + working), width: width, indent: "      ").map { paint.dim($0) + "\n" }.joined()
                }
            }
        }
        return out
    }

    /// Text wrapped to the width, each line ending in a newline.
    static func lines(_ text: String, _ width: Int, _ indent: String = "", _ then: String? = nil) -> String {
        TextLayout.wrap(text, width: width, indent: indent, then: then).map { $0 + "\n" }.joined()
    }

    static func bar(fraction: Double) -> String {
        let cells = 10
        let filled = Int((min(max(fraction, 0), 1) * Double(cells)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
    }
}

/// ANSI colours, or plain text when disabled.
struct Paint {
    var enabled: Bool
    private func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func green(_ text: String) -> String { wrap("32", text) }
    func red(_ text: String) -> String { wrap("31", text) }
    func level(_ text: String, _ level: Int?) -> String {
        guard let level else { return dim(text) }
        switch level {
        case ...1: return wrap("31", text)
        case 2: return wrap("33", text)
        case 3: return wrap("36", text)
        default: return wrap("32", text)
        }
    }
}
