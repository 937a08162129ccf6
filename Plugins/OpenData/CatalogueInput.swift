import AssessCore

/// What a catalogue role holds: the export itself, or a count typed in.
enum CatalogueEvidence {
    /// A catalogue export, read and filtered to the publisher.
    case catalogue(Catalogue)
    /// A number of datasets, and the node it is written at.
    case count(Double, YAMLNode)
}

extension AssessorInput {
    /// The catalogue export named by a role's fact (filtered to the `publisher` fact when there is one), or the
    /// count the fact holds instead.
    func catalogueOrCount(_ role: String) throws(AssessmentIssue) -> CatalogueEvidence {
        guard hasFile(role) else {
            let node = try value(role)
            let count = try number(node, what: bindings[role] ?? role)
            guard count >= 0, count.rounded() == count else {
                throw invalid("\(bindings[role] ?? role) must be a whole number of datasets, found \(Format.number(count))", at: node)
            }
            return .count(count, node)
        }
        return .catalogue(try catalogue(role))
    }

    /// The catalogue export named by a role's fact, filtered to the `publisher` fact when there is one.
    func catalogue(_ role: String) throws(AssessmentIssue) -> Catalogue {
        let file = try file(role)
        var catalogue = try Catalogue.read(file)
        if try optionalFact("publisher") != nil {
            let publisher = ExportText.trimmed(try string("publisher"))
            let wanted = ExportText.key(publisher)
            let kept = catalogue.datasets.filter { $0.publishers.contains { ExportText.key($0) == wanted } }
            guard !kept.isEmpty else {
                var seen: [String] = []
                for name in catalogue.datasets.compactMap(\.publishers.last) where !seen.contains(name) { seen.append(name) }
                throw catalogue.errors.whole(
                    "no dataset is published by '\(publisher)' (\(bindings["publisher"] ?? "publisher"))",
                    hint: seen.isEmpty ? "the file names no publishers; leave out the publisher fact"
                        : "the publishers in the file are: \(ExportText.capped(seen, limit: 6).joined(separator: ", "))")
            }
            let others = catalogue.datasets.count - kept.count
            if others > 0 {
                catalogue.excluded.append("\(others) by other publishers")
                catalogue.excludedRecords += others
            }
            catalogue.datasets = kept
            catalogue.publisher = publisher
        }
        guard !catalogue.datasets.isEmpty else {
            throw catalogue.errors.whole("the catalogue lists no datasets", hint: "export the catalogue with its datasets")
        }
        return catalogue
    }

    /// The total number of datasets from the `total` role: a count, or a catalogue export.
    func totalDatasets(_ role: String) throws(AssessmentIssue) -> Double {
        switch try catalogueOrCount(role) {
        case .count(let count, let node):
            guard count > 0 else { throw invalid("\(bindings[role] ?? role) is zero: a share needs at least one dataset", at: node) }
            return count
        case .catalogue(let catalogue):
            return Double(catalogue.publishedCount)
        }
    }

    /// The date "the last 12 months" runs back from: the `as-of` fact, else the `as-of` parameter, else the
    /// `date:` of the fact naming the export. Never the clock. Nil when none is given.
    func asOfDate(parameter: CalendarDate?, exportFact: Fact?) throws(AssessmentIssue) -> (day: CalendarDate, source: String)? {
        if try optionalFact("as-of") != nil {
            let node = try value("as-of")
            let text = try string("as-of")
            let reading = CalendarDate.read(text, forms: .iso)
            guard case .date(let day, .day) = reading else {
                if let message = CalendarDate.message(text, reading, expected: "YYYY-MM-DD"), case .impossible = reading {
                    throw invalid("\(bindings["as-of"] ?? "as-of"): \(message)", at: node)
                }
                throw invalid("\(bindings["as-of"] ?? "as-of") must be a date written YYYY-MM-DD, found \(node.kindDescription)", at: node)
            }
            return (day, "the fact \(bindings["as-of"] ?? "as-of")")
        }
        if let parameter { return (parameter, "the as-of parameter") }
        if let fact = exportFact, let date = fact.date {
            guard case .date(let day, .day) = CalendarDate.read(date, forms: .iso) else {
                throw .invalid(document.diagnostic(
                    "the date of \(fact.key) ('\(date)') is not a full date, so the months before it cannot be counted",
                    at: fact.location, hint: "write the export's date as date: YYYY-MM-DD, or give an as-of date"))
            }
            return (day, "the date of \(fact.key)")
        }
        return nil
    }
}

/// Reads the `as-of` parameter shared by the date-based assessors.
func asOfParameter(_ parameters: MappingReader) -> (ok: Bool, day: CalendarDate?) {
    guard let reader = parameters["as-of"] else { return (true, nil) }
    guard let text = reader.string() else { return (false, nil) }
    let reading = CalendarDate.read(text, forms: .iso)
    guard case .date(let day, .day) = reading else {
        if case .impossible = reading, let message = CalendarDate.message(text, reading, expected: "YYYY-MM-DD") {
            reader.error("as-of: " + message)
        } else {
            reader.error("as-of must be a date written YYYY-MM-DD, found \"\(text)\"")
        }
        return (false, nil)
    }
    return (true, day)
}

/// The parameter description of `as-of`.
let asOfDescription = ParameterDescription(
    "as-of", type: "date (YYYY-MM-DD)", default: "the as-of fact, else the date: of the catalogue's fact",
    "the date the months are counted back from; never the clock")
