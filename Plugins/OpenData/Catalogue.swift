import AssessCore

/// A field of a catalogue record as the export gives it.
enum Field: Sendable {
    /// The record has no such field (a JSON key or CSV column that is not there).
    case absent
    /// The field is there but null or blank.
    case empty
    /// Its text, and where it is.
    case text(String, SourceLocation)

    /// The text, when there is some.
    var text: String? {
        if case .text(let text, _) = self { return text }
        return nil
    }
}

/// One dataset of a catalogue: a CKAN package, a DCAT-US dataset or a catalogue CSV row.
struct CatalogueDataset: Sendable {
    /// Its title (or name when it has no title).
    var title: String
    /// Where the record starts.
    var location: SourceLocation
    /// Words that describe it for matching: tags or keywords, and the CKAN name.
    var keywords: [String] = []
    /// The licence id, URL or title.
    var licence: Field = .absent
    /// The licence's title, when the export gives one apart from its id (CKAN `license_title`).
    var licenceTitle: String?
    /// The catalogue's own open flag (CKAN `isopen`).
    var openFlag: Bool?
    /// The formats of its files and services; nil when the record has no resources/distribution field at all.
    var formats: [String]?
    /// When it was last modified.
    var modified: Field = .absent
    /// The publisher's names (CKAN organization name and title, DCAT publisher name, CSV organization).
    var publishers: [String] = []

    /// `'Title' (line N)` for messages and findings.
    var described: String { "'\(title)' (line \(location.line))" }
}

/// A catalogue export read into datasets: a CKAN `package_search` response, a DCAT-US `data.json`, or a CSV.
struct Catalogue: Sendable {
    /// The kind of export.
    enum Kind: String, Sendable {
        case ckan = "CKAN package_search response"
        case ckanList = "list of CKAN packages"
        case dcat = "DCAT-US data.json catalogue"
        case csv = "catalogue CSV"
    }

    /// The fields a measure may need.
    enum Need: Sendable {
        case licence, formats, modified, title
    }

    let kind: Kind
    /// The datasets counted.
    var datasets: [CatalogueDataset]
    /// The number of datasets the catalogue says match the query (CKAN `result.count`), when it says.
    let declaredCount: Int?
    /// Records left out, with why ("2 deleted", "3 by other publishers").
    var excluded: [String]
    /// The export, for errors.
    let errors: ExportErrors
    /// The field names of this kind of export, for messages.
    let fieldNames: [Need: String]
    /// The CSV header, for missing-column errors.
    let csvHeader: (line: Int, cells: [String])?
    /// The publisher the datasets were filtered to, if any.
    var publisher: String?

    /// The number of datasets published: the records counted, or the catalogue's declared count when the file
    /// is one page of a larger unfiltered CKAN result.
    var publishedCount: Int {
        if publisher == nil, excluded.isEmpty, let declaredCount, declaredCount > datasets.count { return declaredCount }
        return datasets.count
    }

    /// Whether the file holds only part of the catalogue's result (a CKAN page).
    var isPartial: Bool {
        guard let declaredCount else { return false }
        return declaredCount > datasets.count + excludedRecords
    }

    /// How many records of the file were left out.
    var excludedRecords: Int = 0

    /// Findings that describe the export: its kind, records, exclusions and paging.
    var sourceFindings: [Finding] {
        var findings = [Finding("catalogue", "Catalogue export", .text("\(kind.rawValue), \(datasets.count) datasets in the file"))]
        if let publisher { findings.append(Finding("publisher", "Publisher counted", .text(publisher))) }
        if !excluded.isEmpty { findings.append(Finding("excluded", "Records left out", .list(excluded))) }
        if isPartial, let declaredCount {
            findings.append(Finding("partial", "Warning", .text(
                "the catalogue reports \(declaredCount) datasets but the file holds \(datasets.count + excludedRecords): it is one page of results, so shares describe only the datasets in the file (request rows=1000, or merge the pages)")))
        }
        return findings
    }

    /// Checks every dataset has the field a measure needs, or throws an error naming the record or column.
    func require(_ need: Need) throws(AssessmentIssue) {
        let name = fieldNames[need] ?? "\(need)"
        if let header = csvHeader {
            if datasets.contains(where: { if case .absent = field(need, of: $0) { return true } else { return false } }) {
                throw errors.at(header.line, "no column named \(name)", hint: "the columns are: \(header.cells.joined(separator: ", "))")
            }
            return
        }
        for dataset in datasets {
            if case .absent = field(need, of: dataset) {
                throw errors.at(dataset.location.line, column: dataset.location.column, "the dataset \(dataset.described) has no '\(name)' field",
                                hint: "export the catalogue with its full metadata (\(kind.rawValue))")
            }
        }
    }

    private func field(_ need: Need, of dataset: CatalogueDataset) -> Field {
        switch need {
        case .licence: return dataset.licence
        case .modified: return dataset.modified
        case .formats: return dataset.formats == nil ? .absent : .empty
        case .title: return dataset.title.isEmpty ? .absent : .empty
        }
    }

    /// The datasets' last-modified dates, or an error naming the record whose date cannot be read.
    func modifiedDates() throws(AssessmentIssue) -> [CalendarDate?] {
        try require(.modified)
        var dates: [CalendarDate?] = []
        for dataset in datasets {
            switch dataset.modified {
            case .absent, .empty:
                dates.append(nil)
            case .text(let text, let location):
                if text.hasPrefix("R/") {
                    dates.append(nil)  // A repeating interval (DCAT-US "R/P1D"): handled by the caller.
                    continue
                }
                let reading = CalendarDate.read(text, forms: [.iso, .numeric])
                guard case .date(let day, _) = reading else {
                    let reason = if case .impossible(let reason) = reading { ": \(reason)" } else { "" }
                    throw errors.at(location.line, column: location.column, "'\(text)' in \(fieldNames[.modified] ?? "the date") of \(dataset.described) is not a date\(reason)",
                                    hint: "dates are written YYYY-MM-DD (optionally with a time) or DD/MM/YYYY")
                }
                dates.append(day)
            }
        }
        return dates
    }

    // MARK: - Reading

    /// Reads an export, recognising its kind from its content.
    static func read(_ file: EvidenceFile) throws(AssessmentIssue) -> Catalogue {
        let errors = ExportErrors(file: file)
        let first = file.text.first(where: { !$0.isWhitespace })
        guard let first else { throw errors.whole("the file is empty") }
        if first == "{" || first == "[" {
            let root: YAMLNode
            do {
                root = try file.json()
            } catch {
                if case .invalid(let diagnostic) = error {
                    var message = diagnostic.message
                    if message.hasPrefix("YAML syntax error: ") { message = String(message.dropFirst("YAML syntax error: ".count)) }
                    throw errors.at(diagnostic.location.line, column: diagnostic.location.column,
                                    "not valid JSON: \(message)", hint: diagnostic.hint)
                }
                throw error
            }
            return try json(root, errors: errors)
        }
        return try csv(errors)
    }

    static func json(_ root: YAMLNode, errors: ExportErrors) throws(AssessmentIssue) -> Catalogue {
        if let success = root["success"]?.scalar?.bool, !success {
            let message = root["error"]?["message"]?.scalar?.text ?? "no message"
            throw errors.at(root.location.line, "the CKAN response reports success: false (\(message))",
                            hint: "export the catalogue again; the API refused the request")
        }
        // A bare list, or an envelope whose result is a list: package objects, or only names (package_list).
        if let list = root.items != nil ? root : root["result"].flatMap({ $0.items != nil ? $0 : nil }) {
            if let items = list.items, !items.isEmpty, items.allSatisfy({ $0.scalar != nil }) {
                throw errors.whole("this is a list of dataset names (CKAN package_list), which has no licences, formats or dates",
                                   hint: "export /api/3/action/package_search?rows=1000 instead")
            }
            return try ckan(results: list, declared: nil, kind: .ckanList, errors: errors)
        }
        guard root.pairs != nil else {
            throw errors.at(root.location.line, "the file holds \(root.kindDescription), not a catalogue")
        }
        if let envelope = root["result"] { return try ckanResult(envelope, errors: errors) }
        if root["results"] != nil { return try ckanResult(root, errors: errors) }
        if let datasets = root["dataset"] { return try dcat(datasets, errors: errors) }
        throw errors.at(root.location.line, "neither a CKAN package_search response (result.results) nor a DCAT-US data.json (dataset)",
                        hint: "export /api/3/action/package_search or the portal's /data.json")
    }

    static func ckanResult(_ result: YAMLNode, errors: ExportErrors) throws(AssessmentIssue) -> Catalogue {
        guard result.pairs != nil else {
            throw errors.at(result.location.line, column: result.location.column, "'result' must be an object, found \(result.kindDescription)")
        }
        guard let results = result["results"] else {
            throw errors.at(result.location.line, column: result.location.column, "the result has no 'results' list",
                            hint: "is this a package_search response? package_show and organization_show describe one record")
        }
        var declared: Int?
        if let count = result["count"] {
            guard let number = count.scalar?.number, number >= 0, number.rounded() == number else {
                throw errors.at(count.location.line, column: count.location.column, "'count' must be a whole number, found \(count.kindDescription)")
            }
            declared = Int(number)
        }
        return try ckan(results: results, declared: declared, kind: .ckan, errors: errors)
    }

    static func ckan(results: YAMLNode, declared: Int?, kind: Kind, errors: ExportErrors) throws(AssessmentIssue) -> Catalogue {
        guard let items = results.items else {
            throw errors.at(results.location.line, column: results.location.column, "'results' must be a list, found \(results.kindDescription)")
        }
        var datasets: [CatalogueDataset] = []
        var deleted = 0, privates = 0
        for item in items {
            guard item.pairs != nil else {
                throw errors.at(item.location.line, column: item.location.column, "each result must be a package object, found \(item.kindDescription)")
            }
            let named = try text(item["name"], errors)
            let title = try text(item["title"], errors) ?? named ?? ""
            var dataset = CatalogueDataset(title: title.isEmpty ? "untitled" : title, location: item.location)
            if let state = try text(item["state"], errors), state != "active" { deleted += 1; continue }
            if item["private"]?.scalar?.bool == true { privates += 1; continue }
            dataset.licence = try field(item, "license_id", errors)
            dataset.licenceTitle = try text(item["license_title"], errors)
            dataset.openFlag = item["isopen"]?.scalar?.bool
            dataset.modified = try field(item, "metadata_modified", errors)
            if let name = try text(item["name"], errors) { dataset.keywords.append(name) }
            if let tags = item["tags"] {
                guard let list = tags.items else {
                    throw errors.at(tags.location.line, column: tags.location.column, "'tags' must be a list, found \(tags.kindDescription)")
                }
                for tag in list {
                    if let name = try text(tag["name"] ?? tag["display_name"], errors) ?? tag.scalar?.text { dataset.keywords.append(name) }
                }
            }
            if let organization = item["organization"], organization.pairs != nil {
                for key in ["name", "title"] { if let name = try text(organization[key], errors) { dataset.publishers.append(name) } }
            }
            if let resources = item["resources"] {
                guard let list = resources.items else {
                    throw errors.at(resources.location.line, column: resources.location.column,
                                    "'resources' of \(dataset.described) must be a list, found \(resources.kindDescription)")
                }
                var formats: [String] = []
                for resource in list {
                    guard resource.pairs != nil else {
                        throw errors.at(resource.location.line, column: resource.location.column, "each resource must be an object, found \(resource.kindDescription)")
                    }
                    if let state = try text(resource["state"], errors), state != "active" { continue }
                    let format = try text(resource["format"], errors) ?? ""
                    let mimetype = try text(resource["mimetype"], errors) ?? ""
                    let url = try text(resource["url"], errors) ?? ""
                    formats.append(!format.isEmpty ? format : !mimetype.isEmpty ? mimetype : FiveStar.format(fromURL: url) ?? "")
                }
                dataset.formats = formats
            }
            datasets.append(dataset)
        }
        var excluded: [String] = []
        if deleted > 0 { excluded.append("\(deleted) not active (deleted or draft)") }
        if privates > 0 { excluded.append("\(privates) private") }
        var catalogue = Catalogue(kind: kind, datasets: datasets, declaredCount: declared, excluded: excluded, errors: errors,
                                  fieldNames: [.licence: "license_id", .formats: "resources", .modified: "metadata_modified", .title: "title"],
                                  csvHeader: nil)
        catalogue.excludedRecords = deleted + privates
        return catalogue
    }

    static func dcat(_ list: YAMLNode, errors: ExportErrors) throws(AssessmentIssue) -> Catalogue {
        guard let items = list.items else {
            throw errors.at(list.location.line, column: list.location.column, "'dataset' must be a list, found \(list.kindDescription)")
        }
        var datasets: [CatalogueDataset] = []
        var nonPublic = 0
        for item in items {
            guard item.pairs != nil else {
                throw errors.at(item.location.line, column: item.location.column, "each dataset must be an object, found \(item.kindDescription)")
            }
            let identifier = try text(item["identifier"], errors)
            let title = try text(item["title"], errors) ?? identifier ?? "untitled"
            var dataset = CatalogueDataset(title: title, location: item.location)
            if let access = try text(item["accessLevel"], errors), access.lowercased() == "non-public" { nonPublic += 1; continue }
            // DCAT-US makes `license` optional ("if applicable"): no licence is not an error, just not open.
            let licence = try field(item, "license", errors)
            if case .absent = licence { dataset.licence = .empty } else { dataset.licence = licence }
            dataset.modified = try field(item, "modified", errors)
            if let keywords = item["keyword"] {
                if let list = keywords.items {
                    for keyword in list { if let word = try text(keyword, errors) { dataset.keywords.append(word) } }
                } else if let word = try text(keywords, errors) {
                    dataset.keywords.append(word)
                }
            }
            if let publisher = item["publisher"], let name = try text(publisher["name"], errors) { dataset.publishers.append(name) }
            var formats: [String] = []
            if let distributions = item["distribution"] {
                guard let list = distributions.items else {
                    throw errors.at(distributions.location.line, column: distributions.location.column,
                                    "'distribution' of \(dataset.described) must be a list, found \(distributions.kindDescription)")
                }
                for distribution in list {
                    guard distribution.pairs != nil else {
                        throw errors.at(distribution.location.line, column: distribution.location.column,
                                        "each distribution must be an object, found \(distribution.kindDescription)")
                    }
                    let format = try text(distribution["format"], errors) ?? ""
                    let mediaType = try text(distribution["mediaType"], errors) ?? ""
                    let url = try text(distribution["downloadURL"], errors) ?? ""
                    // The free-text format when it is recognised ("CSV", "Zipped CSV"), else the standard media
                    // type, else the download URL's extension.
                    if !format.isEmpty, FiveStar.stars(forFormat: format) != nil {
                        formats.append(format)
                    } else if !mediaType.isEmpty, FiveStar.stars(forFormat: mediaType) != nil {
                        formats.append(mediaType)
                    } else {
                        formats.append(!format.isEmpty ? format : !mediaType.isEmpty ? mediaType : FiveStar.format(fromURL: url) ?? "")
                    }
                }
            }
            // `distribution` is optional in DCAT-US: a dataset without one has no files.
            dataset.formats = formats
            datasets.append(dataset)
        }
        var catalogue = Catalogue(kind: .dcat, datasets: datasets, declaredCount: nil,
                                  excluded: nonPublic > 0 ? ["\(nonPublic) with accessLevel non-public"] : [], errors: errors,
                                  fieldNames: [.licence: "license", .formats: "distribution", .modified: "modified", .title: "title"],
                                  csvHeader: nil)
        catalogue.excludedRecords = nonPublic
        return catalogue
    }

    static func csv(_ errors: ExportErrors) throws(AssessmentIssue) -> Catalogue {
        let table = try errors.table()
        let titleColumn = table.column(["title", "name", "dataset"])
        let fileColumn = table.column(["file"])
        let licenceColumn = table.column(["license", "licence", "license_id", "licence_id", "license_url"])
        let modifiedColumn = table.column(["date_updated", "modified", "metadata_modified", "last_updated", "date_modified", "updated"])
        let formatsColumn = table.column(["formats", "format"])
        let publisherColumn = table.column(["organization", "organisation", "publisher"])
        let keywordsColumn = table.column(["keywords", "keyword", "tags"])
        guard titleColumn != nil || fileColumn != nil || licenceColumn != nil || formatsColumn != nil || modifiedColumn != nil else {
            throw errors.at(table.headerLine, "not a catalogue: no title, license, formats or date_updated column",
                            hint: "export one row per dataset; the columns are: \(table.header.joined(separator: ", "))")
        }
        var datasets: [CatalogueDataset] = []
        for row in table.rows {
            let location = SourceLocation(line: row.line, column: 1)
            let publisher = publisherColumn.map { ExportText.trimmed(row[$0]) } ?? ""
            var title = titleColumn.map { ExportText.trimmed(row[$0]) } ?? ""
            if title.isEmpty, let fileColumn { title = Self.title(fromSlug: row[fileColumn], publisher: publisher) }
            var dataset = CatalogueDataset(title: title.isEmpty ? "row \(row.line)" : title, location: location)
            func field(_ column: Int?) -> Field {
                guard let column else { return .absent }
                let text = ExportText.trimmed(row[column])
                return text.isEmpty ? .empty : .text(text, SourceLocation(line: row.line, column: column + 1))
            }
            dataset.licence = field(licenceColumn)
            dataset.modified = field(modifiedColumn)
            if let formatsColumn {
                dataset.formats = row[formatsColumn].split(whereSeparator: { $0 == ";" || $0 == "|" })
                    .map { ExportText.trimmed(String($0)) }.filter { !$0.isEmpty }
            }
            if let keywordsColumn {
                dataset.keywords = row[keywordsColumn].split(whereSeparator: { $0 == ";" || $0 == "|" }).map { ExportText.trimmed(String($0)) }
            }
            if !publisher.isEmpty { dataset.publishers = [publisher] }
            datasets.append(dataset)
        }
        // Name the column found, or (for errors) the headings looked for.
        func name(_ column: Int?, _ wanted: String) -> String { column.map { table.header[$0] } ?? wanted }
        let names: [Need: String] = [.licence: name(licenceColumn, "'license' or 'licence'"),
                                     .formats: name(formatsColumn, "'formats' or 'format'"),
                                     .modified: name(modifiedColumn, "'date_updated' or 'modified'"),
                                     .title: name(titleColumn ?? fileColumn, "'title' or 'file'")]
        return Catalogue(kind: .csv, datasets: datasets, declaredCount: nil, excluded: [], errors: errors, fieldNames: names,
                         csvHeader: (table.headerLine, table.header))
    }

    /// A title made from a catalogue file slug: `_datasets/highland+council-air+quality.md` → "air quality".
    static func title(fromSlug slug: String, publisher: String) -> String {
        var text = Substring(slug)
        if let slash = text.lastIndex(of: "/") { text = text[text.index(after: slash)...] }
        if text.hasSuffix(".md") { text = text.dropLast(3) }
        let decoded = percentDecoded(String(text).replacingAll("+", with: " "))
        let prefix = publisher.lowercased() + "-"
        if !publisher.isEmpty, decoded.lowercased().hasPrefix(prefix) { return String(decoded.dropFirst(prefix.count)) }
        return decoded
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 65...70: return byte - 55
            case 97...102: return byte - 87
            default: return nil
            }
        }
        while index < utf8.count {
            if utf8[index] == 37, index + 2 < utf8.count, let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2]) {
                bytes.append(high * 16 + low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - JSON helpers

    /// A scalar's text, nil for absent or null; an error for an object or list where text belongs.
    static func text(_ node: YAMLNode?, _ errors: ExportErrors) throws(AssessmentIssue) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            throw errors.at(node.location.line, column: node.location.column, "expected text, found \(node.kindDescription)")
        }
        if scalar.isNull { return nil }
        let text = ExportText.trimmed(scalar.text)
        return text.isEmpty ? nil : text
    }

    /// A field of an object: absent, empty (null or blank) or its text.
    static func field(_ object: YAMLNode, _ key: String, _ errors: ExportErrors) throws(AssessmentIssue) -> Field {
        guard let node = object[key] else { return .absent }
        guard let value = try text(node, errors) else { return .empty }
        return .text(value, node.location)
    }
}

extension String {
    /// The text with every occurrence of one character replaced by another string.
    func replacingAll(_ character: Character, with replacement: String) -> String {
        var result = ""
        for c in self { if c == character { result += replacement } else { result.append(c) } }
        return result
    }
}
