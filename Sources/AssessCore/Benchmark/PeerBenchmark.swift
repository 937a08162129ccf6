/// Benchmarks assessed organisations against their peers (docs/benchmark.md).
///
/// For each grouping in a ``PeerConfig`` every organisation gets one peer group: those sharing its type and
/// nation, say, or itself and its k nearest neighbours on standardised features. For each measure (overall
/// and each dimension) a group publishes its median and quartiles (R type 7) and each member's percentile
/// rank, but only from organisations whose score is claimed: one without enough evidence (below the
/// framework's minimum coverage) or whose level is unverified and withheld is listed apart, never ranked.
/// A group with fewer ranked organisations than the minimum publishes nothing.
public enum PeerBenchmark {
    /// One organisation in the benchmark.
    public struct Member: Sendable, Hashable {
        /// Its name.
        public var name: String
        /// Its code (ONS GSS code for councils), or its name when it has none.
        public var code: String
        /// Its type.
        public var type: String?
        /// Its nation, from its GSS code.
        public var nation: String?
        /// Residents.
        public var population: Double?
    }

    /// A measure: overall, or one dimension.
    public struct Measure: Sendable, Hashable {
        /// `overall` or the dimension id.
        public var id: String
        /// Its title.
        public var title: String
    }

    /// One organisation's value for one measure.
    public struct Value: Sendable, Hashable {
        /// The headline score, or nil when none is claimed.
        public var score: Double?
        /// Scored, not enough evidence or unverified.
        public var status: ResultStatus
        /// Whether it takes part in rankings and statistics.
        public var ranked: Bool { score != nil && status != .notEnoughEvidence }
    }

    /// What a group publishes for one measure.
    public struct MeasureStatistics: Sendable, Hashable {
        /// The measure's id.
        public var measure: String
        /// How many organisations are ranked.
        public var ranked: Int
        /// The quartiles, or nil when the group is too small.
        public var quartiles: PeerStatistics.Quartiles?
        /// Why nothing is published ("group too small (3 < 5)"), or nil.
        public var withheld: String?
        /// Each subject's percentile rank (index into ``Result/members``), for ranked subjects when published.
        public var percentiles: [Int: Double]
        /// Members not ranked (index into ``Result/members``), listed apart.
        public var notRanked: [Int]
    }

    /// One peer group.
    public struct Group: Sendable, Hashable {
        /// The grouping it belongs to (index into ``Result/groupings``).
        public var grouping: Int
        /// Its label: "type district, nation England", or "nearest 15 to Adur (E07000223)".
        public var label: String
        /// Its members (indices into ``Result/members``), in benchmark order.
        public var members: [Int]
        /// Whose percentiles it publishes: every member, or the one organisation whose neighbours these are.
        public var subjects: [Int]
        /// Statistics per measure, in measure order.
        public var statistics: [MeasureStatistics]
    }

    /// A grouping.
    public struct Grouping: Sendable, Hashable {
        /// `type+nation`, `all` or `neighbours`.
        public var id: String
        /// Its description.
        public var label: String
        /// Organisations this grouping could not place, with why (a neighbour feature not known).
        public var unplaced: [(member: Int, reason: String)]

        public static func == (a: Grouping, b: Grouping) -> Bool {
            a.id == b.id && a.label == b.label && a.unplaced.map(\.member) == b.unplaced.map(\.member)
                && a.unplaced.map(\.reason) == b.unplaced.map(\.reason)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    /// A benchmark.
    public struct Result: Sendable, Hashable {
        /// The configuration used.
        public var config: PeerConfig
        /// The framework's id, title and version.
        public var framework: String
        /// Overall, then each dimension.
        public var measures: [Measure]
        /// The organisations, sorted by code.
        public var members: [Member]
        /// values[member][measure].
        public var values: [[Value]]
        /// The groupings, in configuration order.
        public var groupings: [Grouping]
        /// The groups, by grouping then label.
        public var groups: [Group]
        /// The top of the score range (the top level, or 100 for points).
        public var maxScore: Double
    }

    /// Why assessments cannot be benchmarked together.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Nothing to benchmark.
        case empty
        /// Two results use different frameworks (or versions).
        case mixedFrameworks(String, String)
        /// The same organisation appears twice.
        case duplicate(code: String)

        /// The message, saying how to fix it.
        public var description: String {
            switch self {
            case .empty: return "error: no results to benchmark; give result JSON files or folders of them ('assess score --format json', 'assess batch')"
            case .mixedFrameworks(let a, let b): return "error: the results use different frameworks (\(a) and \(b)); benchmark results scored with the same framework version"
            case .duplicate(let code): return "error: organisation \(code) appears in more than one result; give each organisation once (one period at a time)"
            }
        }
    }

    /// The nation a GSS code's first letter names.
    public static func nation(ofCode code: String?) -> String? {
        // A GSS code is a letter and eight digits, such as E07000223; any other code names no nation.
        guard let code, code.count == 9, code.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        switch code.first {
        case "E": return "England"
        case "W": return "Wales"
        case "S": return "Scotland"
        case "N": return "Northern Ireland"
        default: return nil
        }
    }

    /// Benchmarks assessments. Work grows as n² × features for neighbours (each organisation is measured
    /// against every other) and n × measures otherwise.
    public static func run(_ assessments: [Assessment], config: PeerConfig = .standard) throws(Problem) -> Result {
        guard let first = assessments.first else { throw .empty }
        let frameworkName = "\(first.framework.id) \(first.framework.version)"
        for assessment in assessments {
            let name = "\(assessment.framework.id) \(assessment.framework.version)"
            if name != frameworkName { throw .mixedFrameworks(frameworkName, name) }
        }
        let sorted = assessments.map { ($0, $0.organisation.code ?? $0.organisation.name) }
            .sorted { ($0.1, $0.0.organisation.name) < ($1.1, $1.0.organisation.name) }
        for index in sorted.indices.dropFirst() where sorted[index].1 == sorted[index - 1].1 {
            throw .duplicate(code: sorted[index].1)
        }
        let measures = [Measure(id: "overall", title: "Overall")]
            + first.dimensions.map { Measure(id: $0.id, title: $0.title) }
        let members = sorted.map { assessment, code in
            Member(name: assessment.organisation.name, code: code, type: assessment.organisation.type,
                   nation: nation(ofCode: assessment.organisation.code), population: assessment.organisation.population)
        }
        let values: [[Value]] = sorted.map { assessment, _ in
            var row = [Value(score: assessment.overall.score, status: assessment.overall.status)]
            for measure in measures.dropFirst() {
                let dimension = assessment.dimensions.first { $0.id == measure.id }
                row.append(Value(score: dimension?.score, status: dimension?.status ?? .notEnoughEvidence))
            }
            return row
        }

        var groupings: [Grouping] = []
        var groups: [Group] = []
        for keys in config.groups {
            let index = groupings.count
            let id = keys.isEmpty ? "all" : keys.map(\.rawValue).joined(separator: "+")
            var unplaced: [(Int, String)] = []
            var buckets: [String: [Int]] = [:]
            for (m, member) in members.enumerated() {
                var parts: [String] = []
                var missing: [String] = []
                for key in keys {
                    let value = key == .type ? member.type : member.nation
                    if let value { parts.append("\(key.rawValue) \(value)") } else { missing.append(key.rawValue) }
                }
                if !missing.isEmpty { unplaced.append((m, "no \(missing.joined(separator: " or ")) known")); continue }
                buckets[parts.isEmpty ? "all organisations" : parts.joined(separator: ", "), default: []].append(m)
            }
            groupings.append(Grouping(id: id, label: keys.isEmpty ? "all organisations" : "same " + keys.map(\.rawValue).joined(separator: " and "),
                                      unplaced: unplaced))
            for label in buckets.keys.sorted() {
                let list = buckets[label] ?? []
                groups.append(group(grouping: index, label: label, members: list, subjects: list, values: values,
                                    measures: measures, minimum: config.minimumGroup))
            }
        }
        if let neighbours = config.neighbours {
            let index = groupings.count
            let features = featureMatrix(sorted.map(\.0), features: neighbours.features, standardise: neighbours.standardise)
            var unplaced: [(Int, String)] = []
            let placed = members.indices.filter { features.rows[$0] != nil }
            for m in members.indices where features.rows[m] == nil {
                unplaced.append((m, "\(features.missing[m].joined(separator: ", ")) not known"))
            }
            groupings.append(Grouping(id: "neighbours",
                                      label: "the \(neighbours.k) nearest on \(neighbours.features.joined(separator: ", ")) (\(neighbours.standardise.rawValue)-standardised)",
                                      unplaced: unplaced))
            for m in placed {
                guard let own = features.rows[m] else { continue }
                var distances: [(Double, Int)] = []
                distances.reserveCapacity(placed.count)
                for other in placed where other != m {
                    guard let row = features.rows[other] else { continue }
                    var sum = 0.0
                    for f in row.indices { sum += (row[f] - own[f]) * (row[f] - own[f]) }
                    distances.append((sum, other))
                }
                // Ties in distance fall to the earlier code, so the choice never depends on input order.
                distances.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
                let nearest = distances.prefix(neighbours.k).map(\.1)
                let list = ([m] + nearest).sorted()
                groups.append(group(grouping: index, label: "\(members[m].name) (\(members[m].code)) and its \(nearest.count) nearest",
                                    members: list, subjects: [m], values: values, measures: measures,
                                    minimum: config.minimumGroup))
            }
        }
        return Result(config: config, framework: frameworkName, measures: measures, members: members, values: values,
                      groupings: groupings, groups: groups, maxScore: first.maxScore)
    }

    /// One group's statistics.
    static func group(grouping: Int, label: String, members: [Int], subjects: [Int], values: [[Value]], measures: [Measure],
                      minimum: Int) -> Group {
        var statistics: [MeasureStatistics] = []
        for measure in measures.indices {
            let ranked = members.filter { values[$0][measure].ranked }
            let scores = ranked.compactMap { values[$0][measure].score }
            let notRanked = members.filter { !values[$0][measure].ranked }
            var result = MeasureStatistics(measure: measures[measure].id, ranked: ranked.count, quartiles: nil, withheld: nil, percentiles: [:],
                                           notRanked: notRanked)
            if ranked.count < minimum {
                result.withheld = "group too small (\(ranked.count) < \(minimum))"
            } else {
                result.quartiles = PeerStatistics.quartiles(scores)
                for subject in subjects {
                    if let score = values[subject][measure].score, values[subject][measure].ranked {
                        result.percentiles[subject] = PeerStatistics.percentileRank(of: score, in: scores)
                    }
                }
            }
            statistics.append(result)
        }
        return Group(grouping: grouping, label: label, members: members, subjects: subjects, statistics: statistics)
    }

    /// Standardised features per member (nil when one is not known), and what is missing.
    static func featureMatrix(_ assessments: [Assessment], features: [String], standardise: PeerConfig.Standardisation)
        -> (rows: [[Double]?], missing: [[String]]) {
        var raw: [[Double?]] = assessments.map { assessment in
            features.map { feature in
                if feature == "population" { return assessment.organisation.population }
                for dimension in assessment.dimensions {
                    if let context = dimension.context.first(where: { $0.id == feature }) { return context.value }
                }
                return nil
            }
        }
        raw = raw.map { row in row.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        for f in features.indices {
            // Divided by the largest magnitude first, so sums cannot overflow; standardising is unchanged by it.
            let magnitude = raw.compactMap { $0[f] }.filter(\.isFinite).map(abs).max() ?? 0
            let unit = magnitude > 0 ? magnitude : 1
            let known = raw.compactMap { $0[f] }.filter(\.isFinite).map { $0 / unit }
            guard !known.isEmpty else { continue }
            let shift: Double, scale: Double
            switch standardise {
            case .z:
                let mean = known.reduce(0, +) / Double(known.count)
                let variance = known.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(known.count)
                shift = mean
                scale = variance > 0 ? variance.squareRoot() : 1
            case .range:
                let low = known.min() ?? 0, high = known.max() ?? 0
                shift = low
                scale = high > low ? high - low : 1
            }
            // A value that still cannot be standardised counts as not known, so no distance is NaN.
            for r in raw.indices {
                raw[r][f] = raw[r][f].flatMap { value in
                    let standardised = (value / unit - shift) / scale
                    return standardised.isFinite ? standardised : nil
                }
            }
        }
        let rows: [[Double]?] = raw.map { row in row.contains { $0 == nil } ? nil : row.compactMap { $0 } }
        let missing = raw.map { row in features.indices.filter { row[$0] == nil }.map { features[$0] } }
        return (rows, missing)
    }
}
