/// How peer groups are formed, read from YAML (docs/benchmark.md):
///
/// ```yaml
/// groups:
///   - by: [type, nation]
/// neighbours:
///   k: 15
///   features: [population]
///   standardise: z
/// minimum-group: 5
/// ```
public struct PeerConfig: Sendable, Hashable {
    /// What organisations are grouped by.
    public enum Key: String, Sendable, Hashable, CaseIterable {
        /// The organisation's type (`district`, `unitary` ...).
        case type
        /// The nation, from the first letter of the ONS GSS code (E, W, S, N).
        case nation
    }

    /// How features are put on one scale before distances are measured.
    public enum Standardisation: String, Sendable, Hashable, CaseIterable {
        /// (x − mean) / standard deviation (population standard deviation).
        case z
        /// (x − min) / (max − min).
        case range
    }

    /// Nearest neighbours on numeric features, in the spirit of CIPFA's nearest neighbours model.
    public struct Neighbours: Sendable, Hashable {
        /// How many nearest neighbours each organisation is compared with.
        public var k: Int
        /// `population`, or the id of a context indicator (such as `inc-gigabit`).
        public var features: [String]
        /// How features are standardised.
        public var standardise: Standardisation

        /// Creates a neighbours definition.
        public init(k: Int, features: [String], standardise: Standardisation = .z) {
            self.k = k
            self.features = features
            self.standardise = standardise
        }
    }

    /// Groupings by shared attributes; each gives every organisation one group. `by: []` is everyone.
    public var groups: [[Key]]
    /// The nearest-neighbour grouping, if any.
    public var neighbours: Neighbours?
    /// The smallest group (counting only ranked organisations) for which statistics are published.
    public var minimumGroup: Int

    /// Creates a configuration.
    public init(groups: [[Key]], neighbours: Neighbours?, minimumGroup: Int = 5) {
        self.groups = groups
        self.neighbours = neighbours
        self.minimumGroup = minimumGroup
    }

    /// The built-in configuration: peers of the same type in the same nation, and the 15 nearest by population.
    public static let standard = PeerConfig(groups: [[.type, .nation]],
                                            neighbours: Neighbours(k: 15, features: ["population"]), minimumGroup: 5)

    /// The keys of the file.
    public static let keys = ["groups", "neighbours", "minimum-group"]

    /// Reads a configuration file; every problem is reported with its line and column.
    public static func load(path: String) throws(LoadError) -> PeerConfig {
        let document = try FileReader.parse(path)
        return try decode(document)
    }

    /// Decodes a parsed configuration, collecting every problem.
    public static func decode(_ document: YAMLDocument) throws(LoadError) -> PeerConfig {
        let context = DecodingContext(document: document)
        var config = PeerConfig(groups: [], neighbours: nil)
        if let root = context.root(what: "peer groups: groups, neighbours and minimum-group"),
           let map = root.mapping(keys: keys) {
            for entry in map["groups"]?.list() ?? [] {
                guard let group = entry.mapping(keys: ["by"]), let by = group.required("by")?.list() else { continue }
                var keys: [Key] = []
                for item in by {
                    guard let key = item.choice(Key.self) else { continue }
                    if keys.contains(key) { item.error("'\(key.rawValue)' is listed twice", hint: "list each key once") } else { keys.append(key) }
                }
                config.groups.append(keys)
            }
            if let reader = map["neighbours"], let neighbours = reader.mapping(keys: ["k", "features", "standardise"]) {
                let k = neighbours.required("k")?.integer(in: 1...1000)
                var features: [String] = []
                for item in neighbours.required("features")?.list() ?? [] {
                    guard let feature = item.string() else { continue }
                    if feature.isEmpty || feature.contains(where: { $0.isWhitespace }) {
                        item.error("'\(feature)' is not a feature", hint: "write 'population' or the id of a context indicator, such as 'inc-gigabit'")
                    } else if features.contains(feature) {
                        item.error("'\(feature)' is listed twice", hint: "list each feature once")
                    } else {
                        features.append(feature)
                    }
                }
                if neighbours["features"] != nil, features.isEmpty, neighbours["features"]?.list()?.isEmpty == true {
                    neighbours["features"]?.error("no features are listed", hint: "list at least one, such as [population]")
                }
                let standardise = neighbours["standardise"]?.choice(Standardisation.self) ?? .z
                if let k, !features.isEmpty { config.neighbours = Neighbours(k: k, features: features, standardise: standardise) }
            }
            if let minimum = map["minimum-group"]?.integer(in: 2...10_000) { config.minimumGroup = minimum }
            if config.groups.isEmpty, config.neighbours == nil, context.diagnostics.isEmpty {
                map.reader.error("no peer groups are defined", hint: "add 'groups: [{by: [type, nation]}]' or 'neighbours: {k: 15, features: [population]}'")
            }
        }
        let problems = document.problems + context.diagnostics
        if !problems.isEmpty { throw .invalid(DiagnosticError(problems)) }
        return config
    }
}
