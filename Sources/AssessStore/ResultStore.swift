import Foundation
import GRDB
import AssessCore

/// Every assessment kept in one SQLite file, by organisation, period and framework version, with a row per
/// dimension and per criterion, so years of results can be queried with SQL and opened in the tools people
/// already use (docs/store.md describes the schema).
///
/// Scoring the same organisation, period and framework version again replaces the earlier assessment, in
/// one transaction. The full JSON document is kept beside the rows, so ``documents(code:period:)`` gives back
/// exactly what `assess score --format json` wrote.
public final class ResultStore: Sendable {
    /// The database file.
    public let path: String
    private let queue: DatabaseQueue

    /// Why the store could not be opened, read or written.
    public struct StoreError: Error, Sendable, CustomStringConvertible {
        /// The store file.
        public var path: String
        /// What went wrong.
        public var detail: String
        /// The message, in the `file: error: what; how to fix it` form.
        public var description: String {
            "\(path): error: the results store cannot be used (\(detail)); check it is an assess store (docs/store.md) in a folder you can write"
        }
    }

    /// The schema versions, oldest first: each a migration applied once, in order, to every store.
    public static let migrations = ["v1"]

    /// Opens the store at `path`, creating it (and bringing an older one up to date) as needed.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            // Write-ahead log: a commit is one append and no fsync of the database; the store stays consistent
            // after a crash and may lose only the last transactions after a power cut (score them again).
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw StoreError(path: path, detail: Self.describe(error))
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE organisations (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    type TEXT,
                    nation TEXT NOT NULL
                );
                CREATE TABLE assessments (
                    id INTEGER PRIMARY KEY,
                    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                    period TEXT NOT NULL,
                    financial_year TEXT,
                    framework_id TEXT NOT NULL,
                    framework_version TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    assessed_on TEXT,
                    overall_level INTEGER,
                    overall_level_name TEXT,
                    overall_score REAL,
                    overall_coverage REAL,
                    overall_confidence REAL,
                    overall_status TEXT NOT NULL,
                    schema_version TEXT NOT NULL,
                    document TEXT NOT NULL,
                    UNIQUE (organisation_id, period, framework_id, framework_version)
                );
                CREATE TABLE dimensions (
                    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    dimension_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    level INTEGER,
                    level_name TEXT,
                    score REAL,
                    coverage REAL,
                    confidence REAL,
                    status TEXT NOT NULL,
                    PRIMARY KEY (assessment_id, dimension_id)
                );
                CREATE TABLE criteria (
                    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
                    dimension_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    criterion_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    core INTEGER NOT NULL,
                    level REAL,
                    points REAL,
                    confidence REAL,
                    PRIMARY KEY (assessment_id, dimension_id, criterion_id)
                );
                CREATE INDEX assessments_by_period ON assessments (period, framework_version);
                """)
        }
        return migrator
    }

    /// One assessment to keep.
    public struct Entry: Sendable {
        /// The assessment.
        public var assessment: Assessment
        /// The tool version and date it was produced with.
        public var context: ReportContext
        /// The organisation's key: its code, else a name for it (a batch uses the evidence file's name).
        public var code: String
        /// The JSON document, as `assess score --format json` writes it.
        public var document: String

        /// An entry; `code` defaults to the organisation's code, else its name.
        public init(assessment: Assessment, context: ReportContext, code: String? = nil) {
            self.assessment = assessment
            self.context = context
            self.code = code ?? assessment.organisation.code ?? assessment.organisation.name
            document = JSONReporter.render(assessment, context: context)
        }
    }

    /// Keeps assessments, each replacing any earlier one of the same organisation, period and framework
    /// version; all of them in one transaction (none is kept if one fails).
    public func save(_ entries: [Entry]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        do {
            try queue.write { db in
                for entry in entries { try Self.insert(entry, db) }
            }
        } catch {
            throw StoreError(path: path, detail: Self.describe(error))
        }
    }

    /// Keeps one assessment.
    public func save(_ entry: Entry) throws(StoreError) { try save([entry]) }

    /// The assessments kept, read back as documents: one organisation's (by code) or all, one period's or all,
    /// in order of organisation code, period and framework version.
    public func documents(code: String? = nil, period: String? = nil) throws(StoreError) -> [AssessmentReader.Document] {
        let stored: [(String, String, String)]
        do {
            stored = try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT o.code, a.period, a.document FROM assessments a JOIN organisations o ON o.id = a.organisation_id
                    WHERE (?1 IS NULL OR o.code = ?1) AND (?2 IS NULL OR a.period = ?2)
                    ORDER BY o.code, a.period, a.framework_id, a.framework_version
                    """, arguments: [code, period]).map { ($0[0], $0[1], $0[2]) }
            }
        } catch {
            throw StoreError(path: path, detail: Self.describe(error))
        }
        var documents: [AssessmentReader.Document] = []
        for (code, period, text) in stored {
            do {
                documents.append(try AssessmentReader.read(Data(text.utf8), file: "\(path)#\(code)/\(period)"))
            } catch {
                throw StoreError(path: path, detail: error.description)
            }
        }
        return documents
    }

    /// Runs a read-only SQL query and returns its rows as text (NULL as nil), for tests and quick looks.
    public func query(_ sql: String) throws(StoreError) -> [[String?]] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map { value in value.isNull ? nil : String(describing: value.storage.value ?? "") }
                }
            }
        } catch {
            throw StoreError(path: path, detail: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return String(describing: error)
    }

    // MARK: - Writing

    /// A number as the JSON document writes it (three decimals), so SQL and JSON agree.
    static func rounded(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return (value * 1000).rounded() / 1000
    }

    private static func insert(_ entry: Entry, _ db: Database) throws {
        let assessment = entry.assessment
        let organisation = assessment.organisation
        let scale = assessment.scale
        try db.cachedStatement(sql: """
            INSERT INTO organisations (code, name, type, nation) VALUES (?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, nation = excluded.nation
            """).execute(arguments: [entry.code, organisation.name, organisation.type, organisation.nation.rawValue])
        guard let organisationID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM organisations WHERE code = ?"),
                                                      arguments: [entry.code]) else { return }
        let period = organisation.period ?? ""
        // Re-scoring a period replaces it: its dimension and criterion rows go with it (ON DELETE CASCADE).
        try db.cachedStatement(sql: """
            DELETE FROM assessments WHERE organisation_id = ? AND period = ? AND framework_id = ? AND framework_version = ?
            """).execute(arguments: [organisationID, period, assessment.framework.id, assessment.framework.version])
        let financialYear: String? = organisation.typedPeriod.flatMap {
            if case .financialYear = $0 { return $0.description }
            return nil
        }
        let overall = assessment.overall
        try db.cachedStatement(sql: """
            INSERT INTO assessments (organisation_id, period, financial_year, framework_id, framework_version, tool_version,
                assessed_on, overall_level, overall_level_name, overall_score, overall_coverage, overall_confidence,
                overall_status, schema_version, document)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                organisationID, period, financialYear, assessment.framework.id, assessment.framework.version,
                entry.context.toolVersion, entry.context.date, overall.level, overall.level.map { scale.name(of: $0) },
                rounded(overall.score), rounded(overall.coverage), rounded(overall.confidence), overall.status.rawValue,
                JSONReporter.schemaVersion, entry.document,
            ])
        let assessmentID = db.lastInsertedRowID
        for (position, dimension) in assessment.dimensions.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO dimensions (assessment_id, position, dimension_id, title, level, level_name, score, coverage, confidence, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    assessmentID, position, dimension.id, dimension.title, dimension.level, dimension.level.map { scale.name(of: $0) },
                    rounded(dimension.score), rounded(dimension.coverage), rounded(dimension.confidence), dimension.status.rawValue,
                ])
            for (index, criterion) in dimension.criteria.enumerated() {
                try db.cachedStatement(sql: """
                    INSERT INTO criteria (assessment_id, dimension_id, position, criterion_id, status, core, level, points, confidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                        assessmentID, dimension.id, index, criterion.id, criterion.status.rawValue, criterion.core,
                        rounded(criterion.level), rounded(criterion.points), rounded(criterion.confidence),
                    ])
            }
        }
    }
}
