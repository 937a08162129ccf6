/// Public data about every current UK council, as bundled with `assess` (`data/public/`, rebuilt by
/// `scripts/rebuild-public-data`): the register of local authorities with each one's Ofcom coverage, website,
/// Scottish open data catalogue counts and the planning datasets it supplies to planning.data.gov.uk.
public struct PublicData: Sendable {
    /// Every current council, by GSS code order.
    public let councils: [Council]
    /// The upstream datasets, by id (`register`, `ofcom`, `opendata-scot`, `organisations`, `planning`).
    public let sources: [String: Source]

    /// The organisation types the register's authority types are mapped to (docs/public-data.md).
    public static let organisationTypes = [
        "county", "district", "unitary", "metropolitan-district", "london-borough", "welsh-unitary",
        "scottish-unitary", "northern-ireland-district", "combined-authority", "other",
    ]

    /// One upstream dataset and its terms.
    public struct Source: Sendable, Hashable {
        /// Its id in `sources.csv`.
        public var id: String
        /// The dataset's name.
        public var dataset: String
        /// Who publishes it.
        public var publisher: String
        /// Where it is published.
        public var url: String
        /// The repository the copy was taken from.
        public var repository: String
        /// The commit of that repository.
        public var commit: String
        /// The date the figures describe or were taken, when one date applies (YYYY-MM-DD), or empty.
        public var date: String
        /// Its licence.
        public var licence: String
        /// The attribution its licence asks for.
        public var attribution: String

        /// The repository and the first seven characters of the commit, such as `mysociety/x@67ef8b1`.
        public var pinned: String { "\(repository)@\(commit.prefix(7))" }
    }

    /// The open data catalogue counts of a Scottish council (opendata.scot).
    public struct CatalogueCounts: Sendable, Hashable {
        /// Datasets the council publishes in the catalogue.
        public var datasets: Int
        /// Of which under an open licence.
        public var openLicence: Int
        /// Of which with an open, machine-readable format (3 stars or more).
        public var machineReadable: Int
        /// Of which updated in the 12 months before the catalogue's date.
        public var updated12Months: Int

        /// Creates counts.
        public init(datasets: Int, openLicence: Int, machineReadable: Int, updated12Months: Int) {
            self.datasets = datasets
            self.openLicence = openLicence
            self.machineReadable = machineReadable
            self.updated12Months = updated12Months
        }
    }

    /// One current council.
    public struct Council: Sendable, Hashable {
        /// Its ONS GSS code, such as E07000223.
        public var gss: String
        /// The register's three-letter code, such as ADU.
        public var code: String
        /// Its official name.
        public var name: String
        /// Its short name (the area's name).
        public var shortName: String
        /// Its organisation type, one of ``PublicData/organisationTypes``.
        public var type: String
        /// The register's own name for its type.
        public var registerType: String
        /// England, Scotland, Wales or Northern Ireland.
        public var nation: String
        /// Its region (the nation outside England).
        public var region: String
        /// Residents (2020), when the register gives it.
        public var population: Double?
        /// The ONS area code whose Ofcom rows describe the council's area (usually its own GSS code).
        public var ofcomArea: String?
        /// The Ofcom period, such as 2026-01-01.
        public var ofcomPeriod: String?
        /// % of premises with gigabit-capable broadband.
        public var gigabit: Double?
        /// % of the area with outdoor 4G from at least one operator.
        public var mobile4G: Double?
        /// % of premises unable to get 30 Mbit/s.
        public var below30: Double?
        /// Its website, when a source gives it.
        public var website: String?
        /// Its Twitter/X handle, when a source gives it.
        public var twitter: String?
        /// Its open data portal (Scottish councils), when known.
        public var openDataPortal: String?
        /// opendata.scot catalogue counts (Scottish councils).
        public var catalogue: CatalogueCounts?
        /// The planning datasets it supplies to planning.data.gov.uk (English planning authorities).
        public var planningDatasets: [String]
    }

    /// What is wrong with a bundled CSV file.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// The file.
        public var file: String
        /// The line.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// `file:line: message`.
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Reads the two bundled CSV files.
    public init(councilsCSV: String, sourcesCSV: String) throws(Problem) {
        let councilsFile = "data/public/councils.csv", sourcesFile = "data/public/sources.csv"
        let sourceTable = try Self.table(sourcesCSV, file: sourcesFile)
        var sources: [String: Source] = [:]
        let s = try Self.columns(sourceTable, ["id", "dataset", "publisher", "url", "repository", "commit", "date", "licence", "attribution"])
        for row in sourceTable.rows {
            sources[row[s[0]]] = Source(id: row[s[0]], dataset: row[s[1]], publisher: row[s[2]], url: row[s[3]],
                                        repository: row[s[4]], commit: row[s[5]], date: row[s[6]], licence: row[s[7]],
                                        attribution: row[s[8]])
        }
        for id in ["register", "ofcom", "opendata-scot", "organisations", "planning"] where sources[id] == nil {
            throw Problem(file: sourcesFile, line: 1, message: "no source '\(id)'")
        }
        let table = try Self.table(councilsCSV, file: councilsFile)
        let c = try Self.columns(table, [
            "gss", "code", "name", "short-name", "type", "register-type", "nation", "region", "population",
            "ofcom-area", "ofcom-period", "gigabit", "4g", "below-30", "website", "twitter", "open-data-portal",
            "od-datasets", "od-open-licence", "od-machine-readable", "od-updated-12m", "planning-dataset-list",
        ])
        var councils: [Council] = []
        for row in table.rows {
            func text(_ index: Int) -> String? { row[c[index]].isEmpty ? nil : row[c[index]] }
            func number(_ index: Int) throws(Problem) -> Double? {
                guard let text = text(index) else { return nil }
                guard let value = Double(text), value.isFinite, value >= 0 else {
                    throw Problem(file: councilsFile, line: row.line, message: "'\(text)' in column \(table.header[c[index]]) is not a number")
                }
                return value
            }
            guard let gss = text(0), let name = text(2), let type = text(4) else {
                throw Problem(file: councilsFile, line: row.line, message: "a council needs gss, name and type")
            }
            guard Self.organisationTypes.contains(type) else {
                throw Problem(file: councilsFile, line: row.line, message: "unknown organisation type '\(type)'")
            }
            var catalogue: CatalogueCounts?
            if let datasets = try number(17) {
                catalogue = CatalogueCounts(datasets: Int(datasets), openLicence: Int(try number(18) ?? 0),
                                            machineReadable: Int(try number(19) ?? 0), updated12Months: Int(try number(20) ?? 0))
            }
            councils.append(Council(
                gss: gss, code: row[c[1]], name: name, shortName: text(3) ?? name, type: type, registerType: row[c[5]],
                nation: row[c[6]], region: row[c[7]], population: try number(8), ofcomArea: text(9), ofcomPeriod: text(10),
                gigabit: try number(11), mobile4G: try number(12), below30: try number(13), website: text(14),
                twitter: text(15), openDataPortal: text(16), catalogue: catalogue,
                planningDatasets: text(21).map { $0.split(separator: ";").map(String.init) } ?? []))
        }
        self.councils = councils
        self.sources = sources
    }

    private static func table(_ text: String, file: String) throws(Problem) -> CSVTable {
        do throws(CSVTable.ParseError) {
            return try CSVTable(text: text, file: file)
        } catch {
            throw Problem(file: file, line: error.line, message: error.message)
        }
    }

    private static func columns(_ table: CSVTable, _ names: [String]) throws(Problem) -> [Int] {
        var indices: [Int] = []
        for name in names {
            guard let index = table.header.firstIndex(of: name) else {
                throw Problem(file: table.file, line: table.headerLine, message: "no column '\(name)'")
            }
            indices.append(index)
        }
        return indices
    }

    // MARK: - Finding a council

    /// The council with this GSS code (any case), or nil.
    public func council(gss: String) -> Council? {
        let code = gss.uppercased()
        return councils.first { $0.gss == code }
    }

    /// Councils whose name matches: an exact official or short name first (any case, ignoring "council",
    /// "the" and punctuation), else every council whose name contains all the words given.
    public func councils(named query: String) -> [Council] {
        let wanted = Self.words(query)
        guard !wanted.isEmpty else { return [] }
        let exact = councils.filter { Self.words($0.name) == wanted || Self.words($0.shortName) == wanted }
        if !exact.isEmpty { return exact }
        return councils.filter { council in
            let words = Set(Self.words(council.name) + Self.words(council.shortName))
            return wanted.allSatisfy { words.contains($0) }
        }
    }

    /// The councils whose names are nearest to a query that matched none, closest first (at most `limit`).
    public func suggestions(for query: String, limit: Int = 3) -> [Council] {
        let wanted = Self.words(query).joined(separator: " ")
        guard !wanted.isEmpty else { return [] }
        let scored = councils.map { council -> (Council, Int) in
            let short = Suggestion.editDistance(wanted, Self.words(council.shortName).joined(separator: " "))
            let full = Suggestion.editDistance(wanted, Self.words(council.name).joined(separator: " "))
            return (council, min(short, full))
        }
        let close = scored.filter { $0.1 <= max(2, wanted.count / 5) }
        return close.sorted { ($0.1, $0.0.gss) < ($1.1, $1.0.gss) }.prefix(limit).map(\.0)
    }

    /// Whether a name is the council's official or short name (any case, ignoring "council", "the", "of" and
    /// punctuation).
    public static func sameName(_ name: String, _ council: Council) -> Bool {
        let wanted = words(name)
        return !wanted.isEmpty && (words(council.name) == wanted || words(council.shortName) == wanted)
    }

    /// Lower-case words of a name, without "council", "the", "of" and punctuation; "&" is "and".
    static func words(_ text: String) -> [String] {
        let ignored: Set<String> = ["the", "council", "of"]
        return text.lowercased().replacingOccurrences(of: "&", with: " and ")
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init).filter { !ignored.contains($0) }
    }
}
