import AssessCore

/// The pages of a website as a content export lists them: from sitemaps or from a content inventory CSV.
struct ContentPages: Sendable {
    /// Where the pages came from.
    enum Source: Sendable, Equatable { case sitemap, inventory }

    /// One page.
    struct Page: Sendable {
        var url: String
        /// The review (or last-modified) date as written; nil when the export gives none.
        var date: String?
        /// The owner cell, when the inventory has an owner column.
        var owner: String?
        /// The broken-links cell, when the inventory has one.
        var brokenLinks: String?
        /// The file and the line and column of the date, for errors.
        var file: EvidenceFile
        var line: Int
        var dateColumn: Int
        var brokenColumn: Int
    }

    static let urlColumns = ["URL", "Address", "Page URL", "Loc", "Path", "Page"]
    static let ownerColumns = ["Owner", "Content owner", "Page owner", "Owner name", "Service owner", "Responsible officer"]
    static let reviewedColumns = ["Last reviewed", "Last reviewed date", "Last review date", "Reviewed", "Review date", "Date reviewed", "Reviewed on"]
    static let modifiedColumns = ["Last modified", "Last edited", "Last updated", "Updated", "Modified", "Changed", "lastmod", "Date modified", "Last edit"]
    static let brokenColumns = ["Broken links", "Broken link count", "Broken links count", "Broken"]

    var source: Source
    var files: [String] = []
    var pages: [Page] = []
    /// Heading of the date used (`lastmod` for sitemaps).
    var dateHeading: String?
    var ownerHeading: String?
    var brokenHeading: String?
    /// URLs listed more than once (only the first is counted).
    var duplicates = 0

    /// Reads every file (sitemaps, sitemap indexes, or inventory CSVs; not a mix).
    /// Which date an inventory is read for: when a page was last reviewed, or when it last changed.
    enum DateKind: Sendable {
        case reviewed, updated
    }

    /// Reads every file (sitemaps, sitemap indexes, or inventory CSVs; not a mix). An inventory's date column
    /// is the one named, else a review date column (for `reviewed`) or a last-modified column (for `updated`).
    static func read(_ files: [EvidenceFile], input: AssessorInput, dateColumn: String?,
                     dateKind: DateKind = .reviewed) throws(AssessmentIssue) -> ContentPages {
        var result: ContentPages?
        var seen: Set<String> = []
        for file in files {
            let isXML = file.path.lowercased().hasSuffix(".xml")
                || file.bytes.first(where: { ![9, 10, 13, 32, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<")
            let kind: Source = isXML ? .sitemap : .inventory
            if let existing = result?.source, existing != kind {
                throw file.error("this \(isXML ? "sitemap" : "CSV inventory") is mixed with \(existing == .sitemap ? "sitemaps" : "CSV inventories")",
                                 line: 1, column: 1, hint: "give sitemaps or a content inventory, not both")
            }
            var pages = result ?? ContentPages(source: kind)
            pages.files.append(file.name)
            if isXML {
                try pages.addSitemap(file, depth: 0, access: input.files)
            } else {
                try pages.addInventory(file, input: input, dateColumn: dateColumn, dateKind: dateKind)
            }
            result = pages
        }
        guard var pages = result else { throw AssessmentIssue.missing(role: "pages", fact: "pages") }
        // One page per URL: the first listing counts.
        var unique: [Page] = []
        for page in pages.pages {
            if seen.insert(page.url).inserted { unique.append(page) } else { pages.duplicates += 1 }
        }
        pages.pages = unique
        guard !pages.pages.isEmpty else {
            throw files.first?.error("the export lists no pages", line: 1, column: 1,
                                     hint: "a sitemap needs <url> entries; an inventory needs one row per page")
                ?? AssessmentIssue.missing(role: "pages", fact: "pages")
        }
        return pages
    }

    private mutating func addSitemap(_ file: EvidenceFile, depth: Int, access: FileAccess) throws(AssessmentIssue) {
        let sitemap = try Sitemap.parse(file)
        dateHeading = "lastmod"
        switch sitemap.kind {
        case .urlset:
            for entry in sitemap.entries {
                pages.append(Page(url: entry.loc, date: entry.lastmod, owner: nil, brokenLinks: nil, file: file,
                                  line: entry.lastmod == nil ? entry.line : entry.lastmodLine,
                                  dateColumn: entry.lastmodColumn, brokenColumn: 0))
            }
        case .index:
            guard depth == 0 else {
                throw file.error("a sitemap index lists another sitemap index", line: 1, column: 1,
                                 hint: "the sitemap protocol allows one level of index")
            }
            let folder = FileReader.folder(of: file.path)
            for entry in sitemap.entries {
                // The child sitemaps are read from beside the index, by the last part of their address.
                let name = String(entry.loc.split(separator: "/").last ?? "")
                if name.lowercased().hasSuffix(".gz") {
                    throw file.error("the sitemap '\(name)' is gzip-compressed", line: entry.locLine, column: entry.locColumn,
                                     hint: "decompress it beside the index (gunzip \(name)) and list it without .gz")
                }
                let path = FileReader.resolve(name, relativeTo: folder)
                let bytes: [UInt8]
                do throws(FileRefusal) {
                    // Only a file beside the index, within the folders evidence may read (symlinks resolved).
                    guard !name.isEmpty, name != ".", name != ".." else { throw FileRefusal.missing }
                    bytes = try access.read(path)
                } catch {
                    throw file.error("the sitemap '\(name)' listed in this index is not beside it (looked for \(path))",
                                     line: entry.locLine, column: entry.locColumn,
                                     hint: "save each sitemap the index lists in the same folder as the index")
                }
                files.append(name)
                try addSitemap(EvidenceFile(fact: file.fact, path: path, bytes: bytes), depth: 1, access: access)
            }
        }
    }

    private mutating func addInventory(_ file: EvidenceFile, input: AssessorInput, dateColumn wanted: String?,
                                       dateKind: DateKind) throws(AssessmentIssue) {
        let table: CSVTable
        let urlColumn: Int
        var dateColumn: Int?
        do throws(CSVTable.ParseError) {
            table = try CSVTable(text: file.decodedText, file: file.path)
            urlColumn = try table.requireColumn(Self.urlColumns)
            if let wanted {
                dateColumn = try table.requireColumn([wanted])
            } else {
                dateColumn = table.column(dateKind == .reviewed ? Self.reviewedColumns : Self.modifiedColumns)
            }
        } catch {
            throw input.csvError(error, in: file)
        }
        let ownerColumn = table.column(Self.ownerColumns)
        let brokenColumn = table.column(Self.brokenColumns)
        // Every file of an inventory must name the same kinds of columns.
        dateHeading = dateHeading ?? dateColumn.map { table.header[$0] }
        ownerHeading = ownerHeading ?? ownerColumn.map { table.header[$0] }
        brokenHeading = brokenHeading ?? brokenColumn.map { table.header[$0] }
        for row in table.rows {
            let url = row[urlColumn]
            guard !url.isEmpty else {
                throw file.error("the page address in column '\(table.header[urlColumn])' is empty", line: row.line, column: urlColumn + 1,
                                 hint: "give every page its URL, or delete the row")
            }
            pages.append(Page(url: url, date: dateColumn.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 },
                              owner: ownerColumn.map { row[$0] }, brokenLinks: brokenColumn.map { row[$0] },
                              file: file, line: row.line, dateColumn: (dateColumn ?? 0) + 1, brokenColumn: (brokenColumn ?? 0) + 1))
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        // On UTF-8 bytes: the blanks are ASCII, so slicing between them never splits a character.
        let bytes = utf8
        let blank: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return "" }
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
