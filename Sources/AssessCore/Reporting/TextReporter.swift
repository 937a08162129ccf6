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

    /// A context value in words: "82.1% (UK 87.8%, Ofcom Connected Nations, January 2026)" or "not known".
    public static func context(_ c: ContextValue) -> String {
        var text = c.value.map { Format.quantity($0, unit: c.unit) } ?? "not known"
        if let national = c.national {
            var comparison = (c.nationalArea.map { $0 + " " } ?? "national ") + Format.quantity(national, unit: c.unit)
            let source = [c.nationalSource, c.nationalDate].compactMap { $0 }.joined(separator: ", ")
            if !source.isEmpty { comparison += ", " + source }
            text += " (" + comparison + ")"
        }
        return text
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
    public static func value(_ value: Finding.Value) -> String {
        switch value {
        case .number(let number, let unit): return Format.quantity(number, unit: unit ?? "")
        case .text(let text): return text
        case .flag(let flag): return flag ? "yes" : "no"
        case .list(let items): return items.isEmpty ? "none" : items.joined(separator: "; ")
        }
    }

    /// The criterion's score in words.
    public static func criterionScore(_ c: CriterionResult, in assessment: Assessment) -> String {
        switch c.status {
        case .assessed:
            if assessment.scoring == .points, let points = c.points, let max = c.maxPoints {
                return "\(Format.number(points)) / \(Format.number(max)) pts"
            }
            return c.level.map { "level " + Format.number($0, decimals: 2) } ?? "-"
        default:
            return status(c.status)
        }
    }
}

/// The terminal report: a readable table, with colour only when asked (the CLI asks when stdout is a terminal).
public enum TextReporter {
    /// Renders an assessment for a terminal.
    ///
    /// Every piece of text from the evidence, the framework or a plugin goes through ``TerminalText/escape(_:keepingLayout:)``.
    public static func render(_ assessment: Assessment, context: ReportContext, color: Bool = false, width: Int = 100) -> String {
        let paint = Paint(enabled: color)
        let safe = { (text: String) in TerminalText.escape(text) }
        var out = ""
        let org = assessment.organisation
        var heading = safe(org.name)
        if let code = org.code { heading += " (\(safe(code)))" }
        out += paint.bold(heading) + "\n"
        var sub = "\(safe(assessment.framework.title)) \(safe(assessment.framework.version))"
        if let period = org.period { sub += " · evidence for \(safe(period))" }
        sub += " · assess \(context.toolVersion)"
        if let date = context.date { sub += " · \(date)" }
        out += paint.dim(sub) + "\n\n"

        let overall = assessment.overall
        out += paint.bold("Overall: \(safe(ReportText.headline(overall, in: assessment)))")
        out += "  coverage \(ReportText.percent(overall.coverage)), confidence \(ReportText.confidenceLabel(overall.confidence)) (\(ReportText.percent(overall.confidence)))\n"
        if let why = ReportText.withheld(reason: overall.reason, missing: overall.missing, what: "no level") {
            for line in wrap(safe(why), width: width - 2) { out += "  " + line + "\n" }
        }
        out += "\n"

        let nameWidth = max(12, assessment.dimensions.map { safe($0.title).count }.max() ?? 12)
        out += paint.bold(pad("Dimension", nameWidth) + "  " + pad("Score", 12) + "  " + pad("", 10) + "  " + pad("Level", 19) + "  "
                          + pad("Coverage", 8) + "  Confidence") + "\n"
        for d in assessment.dimensions {
            let meter = d.score.map { bar(fraction: assessment.scoring == .points ? $0 / 100 : assessment.scale.fraction(of: $0)) } ?? String(repeating: "·", count: 10)
            let levelText: String
            switch d.status {
            case .notEnoughEvidence: levelText = "not enough evidence"
            case .unverified: levelText = d.level.map { "\($0) \(safe(assessment.scale.name(of: $0)))?" } ?? "unverified"
            case .scored: levelText = d.level.map { "\($0) \(safe(assessment.scale.name(of: $0)))" } ?? "-"
            }
            out += pad(safe(d.title), nameWidth) + "  " + pad(d.score == nil ? "-" : ReportText.score(d.score, in: assessment), 12) + "  "
                + paint.level(meter, d.level) + "  " + pad(levelText, 19) + "  "
                + pad(ReportText.percent(d.coverage), 8) + "  " + ReportText.confidenceLabel(d.confidence) + "\n"
        }

        for d in assessment.dimensions {
            let heading = d.score == nil ? ReportText.headline(d, in: assessment)
                : "\(ReportText.score(d.score, in: assessment)), \(ReportText.headline(d, in: assessment))"
            out += "\n" + paint.bold("\(safe(d.title)) — \(safe(heading))") + "\n"
            if let why = ReportText.withheld(reason: d.reason, missing: d.status == .notEnoughEvidence ? d.missing : []) {
                for line in wrap(safe(why), width: width - 4) { out += "  " + line + "\n" }
            }
            for c in d.context {
                for line in wrap(safe("Context (not scored): \(c.title): \(ReportText.context(c))"), width: width - 4) { out += "  " + paint.dim(line) + "\n" }
            }
            if !d.gating.limitedBy.isEmpty, let weighted = d.gating.weightedLevel {
                out += "  Held at level \(d.level ?? 1) (weighted score alone gives \(weighted)) by core criteria: \(safe(d.gating.limitedBy.joined(separator: ", ")))\n"
            }
            if !d.gating.unverifiedCore.isEmpty, d.status == .scored {
                out += "  Level unconfirmed: core criteria not assessed: \(safe(d.gating.unverifiedCore.joined(separator: ", ")))\n"
            }
            for c in d.criteria {
                let mark: String
                switch c.status {
                case .assessed: mark = paint.green("✔")
                case .notAssessed: mark = paint.dim("–")
                case .notApplicable: mark = paint.dim("○")
                case .error: mark = paint.red("✘")
                }
                let core = c.core ? " [core]" : ""
                out += "  \(mark) \(pad(safe(c.id), 28)) \(pad(ReportText.criterionScore(c, in: assessment), 16)) \(safe(c.title))\(core)\n"
                for line in wrap(safe(c.rationale), width: width - 8) { out += "      " + paint.dim(line) + "\n" }
                // Domain (plugin) assessors show their working; the generic ones say it all in the rationale.
                if c.assessor.contains("."), c.status == .assessed, !c.findings.isEmpty {
                    let working = c.findings.map { "\($0.label): \(ReportText.value($0.value))" }.joined(separator: " · ")
                    for line in wrap("Working: " + safe(working), width: width - 8) { out += "      " + paint.dim(line) + "\n" }
                }
            }
        }
        if !assessment.diagnostics.isEmpty {
            out += "\n" + paint.bold("Problems in the evidence") + "\n"
            for diagnostic in assessment.diagnostics { out += "  " + safe(diagnostic.headline) + "\n" }
        }
        return out
    }

    static func bar(fraction: Double) -> String {
        let cells = 10
        let filled = Int((min(max(fraction, 0), 1) * Double(cells)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + word.count + 1 > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
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
