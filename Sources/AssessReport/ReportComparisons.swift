import AssessCore

/// The report's "compared with similar councils" and "since last year" sections: view-model values for the
/// `comparisons-html` and `comparisons-md` partials (docs/report.md, docs/benchmark.md, docs/compare.md).
extension ExecutiveReport {
    /// `peers`: for each grouping that places the organisation, its score beside its peer group's median and
    /// middle half, and its percentile, per measure. Nil when the benchmark does not include the organisation.
    public static func peersModel(for assessment: Assessment, in benchmark: PeerBenchmark.Result) -> [String: Any]? {
        let code = assessment.organisation.code ?? assessment.organisation.name
        guard let member = benchmark.members.firstIndex(where: { $0.code == code }) else { return nil }
        var groupings: [[String: Any]] = []
        for (g, grouping) in benchmark.groupings.enumerated() {
            guard let group = benchmark.groups.first(where: { $0.grouping == g && $0.subjects.contains(member) }) else { continue }
            var rows: [[String: Any]] = []
            for (k, measure) in benchmark.measures.enumerated() {
                let value = benchmark.values[member][k], stats = group.statistics[k]
                var row: [String: Any] = ["title": measure.title, "scoreText": value.score.map(PeerStatistics.oneDecimal) ?? "—"]
                if let q = stats.quartiles {
                    row["medianText"] = PeerStatistics.oneDecimal(q.median)
                    row["rangeText"] = "\(PeerStatistics.oneDecimal(q.lower)) to \(PeerStatistics.oneDecimal(q.upper))"
                } else {
                    row["medianText"] = "—"
                    row["rangeText"] = stats.withheld ?? "—"
                }
                if let percentile = stats.percentiles[member] {
                    row["percentileText"] = AssessCore.Format.number(percentile, decimals: 0)
                } else {
                    row["percentileText"] = value.ranked ? "—" : "not ranked"
                }
                rows.append(row)
            }
            groupings.append(["label": grouping.label, "group": group.label, "peers": String(group.members.count - 1), "rows": rows])
        }
        guard !groupings.isEmpty else { return nil }
        return [
            "groupings": groupings,
            "method": "Middle half: the lower to upper quartile (\(BenchmarkReporter.quartileMethod)). Percentile: \(BenchmarkReporter.percentileMethod). "
                + "Only organisations with enough evidence are ranked; a group with fewer than \(benchmark.config.minimumGroup) ranked organisations publishes no statistic.",
        ]
    }

    /// `previous`: each dimension and overall before and after, what changed, and the evidence facts behind it.
    public static func previousModel(_ comparison: ResultComparison) -> [String: Any] {
        func side(_ s: ResultComparison.Side?) -> String {
            guard let s else { return "—" }
            if let level = s.level, let score = s.score { return "\(PeerStatistics.oneDecimal(score)) (level \(level))" }
            return s.score.map(PeerStatistics.oneDecimal) ?? "not enough evidence"
        }
        func change(_ row: ResultComparison.Row) -> String {
            if let status = row.statusChange { return status.rawValue }
            guard let change = row.change else { return "—" }
            let tenths = Int((change * 10).rounded())
            return tenths == 0 ? "no change" : (tenths > 0 ? "up " : "down ") + PeerStatistics.oneDecimal(abs(change))
        }
        let rows = ([comparison.overall] + comparison.dimensions.map(\.row)).map { row -> [String: Any] in
            ["title": row.title, "beforeText": side(row.before), "afterText": side(row.after), "changeText": change(row)]
        }
        let criteria = comparison.dimensions.flatMap(\.criteria).filter { $0.statusChange != nil || (($0.change ?? 0) * 10).rounded() != 0 }
        return [
            "label": comparison.beforeLabel,
            "rows": rows,
            "fellText": comparison.regressions.isEmpty ? "" : "Fell: " + comparison.dimensions.filter { comparison.regressions.contains($0.row.id) }.map(\.row.title).joined(separator: ", ") + ".",
            "criteriaCount": String(criteria.count),
            "factsHeading": comparison.facts.isEmpty ? "" : "Evidence that changed",
            "facts": comparison.facts.map { ["fact": $0.fact, "beforeText": $0.before ?? "absent", "afterText": $0.after ?? "absent"] as [String: Any] },
        ]
    }

    /// Renders the report with the comparison sections: `peers` and `previous` are added to the view model;
    /// `duties` are the framework's statutory duties, every failing one listed under "statutory gaps".
    public static func render(_ assessment: Assessment, roadmap: Roadmap?, format: Format, templates: ReportTemplates,
                              context: ReportContext, peers: [String: Any]?, previous: [String: Any]?,
                              duties: [Duty] = []) -> String {
        var model = viewModel(assessment, roadmap: roadmap, brand: templates.brand, context: context, duties: duties)
        if let peers { model["peers"] = peers }
        if let previous { model["previous"] = previous }
        return templates.render(pruned(model) as? [String: Any] ?? model, template: format == .html ? "report.html" : "report.md")
    }
}
