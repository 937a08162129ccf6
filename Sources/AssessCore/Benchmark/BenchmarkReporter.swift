/// Writes a ``PeerBenchmark/Result`` as CSV, JSON or a self-contained HTML page. Same result, same bytes.
public enum BenchmarkReporter {
    /// The method statement printed in every output.
    public static let quartileMethod = "linear interpolation between order statistics (R type 7, as Excel PERCENTILE.INC)"
    /// How percentile ranks are computed.
    public static let percentileMethod = "100 × (ranked peers scoring below + half of those scoring the same, itself included) / ranked peers"

    /// The group in each grouping whose percentiles are published for each member: [grouping][member] → group index.
    static func subjectGroups(_ result: PeerBenchmark.Result) -> [[Int: Int]] {
        var map = Array(repeating: [Int: Int](), count: result.groupings.count)
        for (g, group) in result.groups.enumerated() {
            for subject in group.subjects { map[group.grouping][subject] = g }
        }
        return map
    }

    static func number(_ value: Double?) -> String { value.map(JSONValue.format) ?? "" }

    static func csvField(_ text: String) -> String {
        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with an apostrophe.
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func note(_ value: PeerBenchmark.Value) -> String {
        switch value.status {
        case .notEnoughEvidence: return "not ranked: not enough evidence"
        case .unverified where value.score == nil: return "not ranked: level unverified"
        default: return value.score == nil ? "not ranked: no score" : ""
        }
    }

    // MARK: - CSV

    /// One row per grouping, organisation and measure: its score, its group's statistics and its percentile.
    public static func csv(_ result: PeerBenchmark.Result) -> String {
        var lines = ["grouping,group,measure,code,name,type,nation,status,score,group_size,ranked_in_group,median,lower_quartile,upper_quartile,percentile,note"]
        let subjects = subjectGroups(result)
        for (g, grouping) in result.groupings.enumerated() {
            for (m, member) in result.members.enumerated() {
                for (k, measure) in result.measures.enumerated() {
                    let value = result.values[m][k]
                    var cells = [grouping.id, "", measure.id, member.code, member.name, member.type ?? "", member.nation ?? "",
                                 value.status.rawValue, number(value.score)]
                    if let groupIndex = subjects[g][m] {
                        let group = result.groups[groupIndex]
                        let stats = group.statistics[k]
                        cells[1] = group.label
                        var note = note(value)
                        if note.isEmpty, let withheld = stats.withheld { note = withheld }
                        cells += [String(group.members.count), String(stats.ranked), number(stats.quartiles?.median),
                                  number(stats.quartiles?.lower), number(stats.quartiles?.upper), number(stats.percentiles[m]), note]
                    } else {
                        let reason = grouping.unplaced.first { $0.member == m }?.reason ?? "no group"
                        cells += ["", "", "", "", "", "", "not placed: \(reason)"]
                    }
                    lines.append(cells.map(csvField).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON

    /// The whole benchmark as JSON (docs/benchmark.md describes the fields).
    public static func json(_ result: PeerBenchmark.Result, context: ReportContext) -> String {
        let organisations: [JSONValue] = result.members.enumerated().map { m, member in
            .object([
                ("code", .string(member.code)), ("name", .string(member.name)), ("type", .string(member.type)),
                ("nation", .string(member.nation)), ("population", .number(member.population)),
                ("values", .array(result.measures.enumerated().map { k, measure in
                    let value = result.values[m][k]
                    return .object([("measure", .string(measure.id)), ("score", .number(value.score)),
                                    ("status", .string(value.status.rawValue)), ("ranked", .bool(value.ranked))])
                })),
            ])
        }
        let groupings: [JSONValue] = result.groupings.enumerated().map { g, grouping in
            .object([
                ("id", .string(grouping.id)), ("label", .string(grouping.label)),
                ("unplaced", .array(grouping.unplaced.map { .object([("code", .string(result.members[$0.member].code)), ("reason", .string($0.reason))]) })),
                ("groups", .array(result.groups.filter { $0.grouping == g }.map { group in
                    .object([
                        ("label", .string(group.label)),
                        ("members", .array(group.members.map { .string(result.members[$0].code) })),
                        ("subjects", .array(group.subjects.map { .string(result.members[$0].code) })),
                        ("statistics", .array(group.statistics.map { stats in
                            .object([
                                ("measure", .string(stats.measure)), ("ranked", .number(Double(stats.ranked))),
                                ("median", .number(stats.quartiles?.median)), ("lowerQuartile", .number(stats.quartiles?.lower)),
                                ("upperQuartile", .number(stats.quartiles?.upper)), ("withheld", .string(stats.withheld)),
                                ("percentiles", .array(stats.percentiles.keys.sorted().map { m in
                                    .object([("code", .string(result.members[m].code)), ("percentile", .number(stats.percentiles[m]))])
                                })),
                                ("notRanked", .array(stats.notRanked.map { m in
                                    let k = result.measures.firstIndex { $0.id == stats.measure } ?? 0
                                    return .object([("code", .string(result.members[m].code)), ("status", .string(result.values[m][k].status.rawValue))])
                                })),
                            ])
                        })),
                    ])
                })),
            ])
        }
        let document: JSONValue = .object([
            ("schemaVersion", .string("1.0")),
            ("tool", .object([("name", .string("assess")), ("version", .string(context.toolVersion))])),
            ("generatedAt", .string(context.date)),
            ("framework", .string(result.framework)),
            ("method", .object([
                ("quartiles", .string(quartileMethod)), ("percentile", .string(percentileMethod)),
                ("minimumGroup", .number(Double(result.config.minimumGroup))),
                ("ranked", .string("organisations whose score is claimed; those without enough evidence are listed apart")),
            ])),
            ("measures", .array(result.measures.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })),
            ("organisations", .array(organisations)),
            ("groupings", .array(groupings)),
        ])
        return document.rendered()
    }
}
