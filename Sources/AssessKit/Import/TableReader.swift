import AssessCore

/// A table's cells as read from a CSV or XLSX file: the header and each non-blank row with its number.
public struct TableGrid: Sendable, Hashable {
    /// One row of cells.
    public struct Row: Sendable, Hashable {
        /// The row's number: the CSV line it starts on, or the spreadsheet's row number.
        public var number: Int
        /// The cells, left to right (a short row is padded with empty cells when read).
        public var cells: [String]

        /// Creates a row.
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// The file as named, for messages.
    public var file: String
    /// The header row's cells.
    public var header: [String]
    /// The header's row number.
    public var headerRow: Int
    /// The rows after the header.
    public var rows: [Row]
    /// True for a spreadsheet: messages also name the cell (`F12`).
    public var isSpreadsheet: Bool

    /// Creates a grid.
    public init(file: String, header: [String], headerRow: Int, rows: [Row], isSpreadsheet: Bool = false) {
        self.file = file
        self.header = header
        self.headerRow = headerRow
        self.rows = rows
        self.isSpreadsheet = isSpreadsheet
    }

    /// Reads CSV bytes (RFC 4180, UTF-8) with the engine's CSV reader.
    public static func csv(_ bytes: [UInt8], file: String) throws(TableError) -> TableGrid {
        let table: CSVTable
        do throws(CSVTable.ParseError) {
            table = try CSVTable(bytes: bytes, file: file)
        } catch {
            throw TableError(TableProblem(file: file, row: error.line, message: error.message, hint: error.hint))
        }
        let rows = table.rows.map { Row(number: $0.line, cells: $0.cells) }
        return TableGrid(file: file, header: table.header, headerRow: table.headerLine, rows: rows)
    }
}

/// The spreadsheet name of a column: 0 → A, 25 → Z, 26 → AA.
public enum ColumnLetters {
    /// The letters of a 0-based column index.
    public static func name(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 0-based index of letters such as `AA`, or nil when they are not letters or beyond `XFD` (16,384
    /// columns, a spreadsheet's limit).
    public static func index(_ letters: some StringProtocol) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var number = 0
        for scalar in letters.unicodeScalars {
            let value = Int(scalar.value)
            guard value >= 65 && value <= 90 else { return nil }
            number = number * 26 + (value - 64)
        }
        return number <= 16_384 ? number - 1 : nil
    }
}

extension QuestionTable {
    /// A table read, with warnings (such as a scored question whose options are all worth 0).
    public struct Reading: Sendable {
        /// The table.
        public var table: QuestionTable
        /// Problems that did not stop the reading.
        public var warnings: [TableProblem]
    }

    /// The most rows a table may have: published questionnaires have a few hundred questions.
    public static let maximumRows = 100_000
    /// The most columns a header may have (the table has 16; spreadsheets often carry a few of their own).
    public static let maximumColumns = 256

    /// Reads a grid's columns into questions, reporting every bad cell as `file:ROW:COLUMN: what; how to fix`.
    /// `scoring` says what an option's number is: points, or (``Scoring/levels``) a level from 1.
    public static func read(grid: TableGrid, scoring: Scoring = .points) throws(TableError) -> Reading {
        var reader = GridReader(grid: grid, scoring: scoring)
        return try reader.read()
    }
}

/// Reads a grid row by row, collecting problems.
private struct GridReader {
    let grid: TableGrid
    var problems: [TableProblem] = []
    var warnings: [TableProblem] = []
    /// Column name (canonical) to its index and heading as written.
    var columns: [String: (index: Int, heading: String)] = [:]
    var dimensions: [QuestionTable.Dimension] = []
    /// Where each dimension, section and question was first given, for messages.
    var dimensionRows: [String: Int] = [:]
    var sectionRows: [String: Int] = [:]
    var questionRows: [String: (row: Int, dimension: String)] = [:]
    /// Indexes, so that each row costs the same however long the table (no scans of earlier rows).
    var dimensionIndexes: [String: Int] = [:]
    var sectionIndexes: [String: Int] = [:]
    /// Accepted questions by id: their dimension and position.
    var questionIndexes: [String: (dimension: Int, index: Int)] = [:]
    /// Reading stops after this many problems: the first ones are the ones to fix.
    static let maximumProblems = 100

    /// What an option's number is.
    let scoring: QuestionTable.Scoring

    init(grid: TableGrid, scoring: QuestionTable.Scoring) {
        self.grid = grid
        self.scoring = scoring
    }

    /// A heading in canonical form: lower case, spaces and underscores as '-'.
    static func canonical(_ heading: String) -> String {
        heading.trimmedCell().lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 }.reduce(into: "") { $0.append($1) }
    }

    mutating func problem(_ row: TableGrid.Row?, _ column: String, _ message: String, hint: String?, severity: Diagnostic.Severity = .error) {
        let heading = columns[column]?.heading ?? column
        var message = message
        if grid.isSpreadsheet, let row, let index = columns[column]?.index {
            message += " (cell \(ColumnLetters.name(index))\(row.number))"
        }
        let problem = TableProblem(severity, file: grid.file, row: row?.number ?? grid.headerRow, column: heading, message: message, hint: hint)
        if severity == .error { problems.append(problem) } else { warnings.append(problem) }
    }

    func cell(_ row: TableGrid.Row, _ column: String) -> String {
        guard let index = columns[column]?.index, index < row.cells.count else { return "" }
        return row.cells[index]
    }

    mutating func readHeader() {
        let known = QuestionTable.columns
        for (index, heading) in grid.header.enumerated() {
            let name = Self.canonical(heading)
            if name.isEmpty {
                if let row = grid.rows.first(where: { index < $0.cells.count && !$0.cells[index].trimmedCell().isEmpty }) {
                    problems.append(TableProblem(file: grid.file, row: row.number, column: grid.isSpreadsheet ? ColumnLetters.name(index) : "column \(index + 1)",
                                                 message: "a column without a heading holds '\(row.cells[index])'",
                                                 hint: "give the column one of the headings: " + known.joined(separator: ", ")))
                }
                continue
            }
            guard known.contains(name) else {
                problems.append(TableProblem(file: grid.file, row: grid.headerRow, column: heading,
                                             message: "unknown column '\(heading)'",
                                             hint: Suggestion.nearest(to: name, in: known).map { "did you mean '\($0)'?" }
                                                 ?? "the columns are: " + known.joined(separator: ", ")))
                continue
            }
            if let earlier = columns[name] {
                problems.append(TableProblem(file: grid.file, row: grid.headerRow, column: heading,
                                             message: "column '\(heading)' appears twice (also '\(earlier.heading)')",
                                             hint: "keep one of them"))
                continue
            }
            columns[name] = (index, heading)
        }
        for required in ["dimension", "id", "options"] where columns[required] == nil {
            problems.append(TableProblem(file: grid.file, row: grid.headerRow, message: "the table has no '\(required)' column",
                                         hint: "add it to the header row; the columns are: " + known.joined(separator: ", ")))
        }
        if columns["title"] == nil, columns["question"] == nil {
            problems.append(TableProblem(file: grid.file, row: grid.headerRow, message: "the table has neither a 'title' nor a 'question' column",
                                         hint: "add one of them (or both) to the header row"))
        }
    }

    mutating func number(_ row: TableGrid.Row, _ column: String, range: ClosedRange<Double>, what: String) -> Double? {
        let text = cell(row, column).trimmedCell()
        guard !text.isEmpty else { return nil }
        guard let value = TableNumber.read(text, range: range) else {
            problem(row, column, "'\(text)' is not a \(what) from \(TableNumber.text(range.lowerBound)) to \(TableNumber.text(range.upperBound))",
                    hint: "write a number such as 1 or 2.5, or leave the cell empty")
            return nil
        }
        return value
    }

    mutating func identifier(_ row: TableGrid.Row, _ column: String, what: String) -> String? {
        let text = cell(row, column).trimmedCell()
        guard !text.isEmpty else { return nil }
        guard TableIdentifier.isValid(text) else {
            let suggestion = Self.canonical(text).filter { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            problem(row, column, "'\(text)' is not a valid \(what) id",
                    hint: "use lower-case letters, digits, '-' and '.' only" + (TableIdentifier.isValid(suggestion) ? ", such as '\(suggestion)'" : ""))
            return nil
        }
        return text
    }

    mutating func read() throws(TableError) -> QuestionTable.Reading {
        guard grid.rows.count <= QuestionTable.maximumRows else {
            throw TableError(TableProblem(file: grid.file, message: "the table has \(grid.rows.count) rows, over the limit of \(QuestionTable.maximumRows)",
                                          hint: "split the questionnaire into several tables"))
        }
        guard grid.header.count <= QuestionTable.maximumColumns else {
            throw TableError(TableProblem(file: grid.file, row: grid.headerRow, message: "the header has \(grid.header.count) columns, over the limit of \(QuestionTable.maximumColumns)",
                                          hint: "keep the columns of docs/import.md and delete the rest"))
        }
        readHeader()
        guard problems.isEmpty else { throw TableError(problems) }
        var lastDimension: String?
        for row in grid.rows where row.cells.contains(where: { !$0.trimmedCell().isEmpty }) {
            if problems.count >= Self.maximumProblems {
                problems.append(TableProblem(file: grid.file, row: row.number, message: "more than \(Self.maximumProblems) problems; the rest of the table was not read",
                                             hint: "fix these first"))
                break
            }
            let before = problems.count
            var dimensionID = identifier(row, "dimension", what: "dimension")
            if dimensionID == nil, cell(row, "dimension").trimmedCell().isEmpty {
                if let lastDimension { dimensionID = lastDimension } else {
                    problem(row, "dimension", "the first question names no dimension", hint: "give the id of the rubric it belongs to, such as 'governance'")
                }
            }
            guard let dimensionID else { continue }
            lastDimension = dimensionID
            if dimensionID == "framework" {
                problem(row, "dimension", "'framework' cannot be a dimension id: its rubric would be framework.yaml",
                        hint: "call the dimension something else, such as 'framework-use'")
                continue
            }
            let dimensionIndex = dimensionIndex(dimensionID, row: row)
            readSection(row, dimension: dimensionIndex)
            guard let question = readQuestion(row, dimension: dimensionIndex), problems.count == before else { continue }
            questionIndexes[question.id] = (dimensionIndex, dimensions[dimensionIndex].questions.count)
            dimensions[dimensionIndex].questions.append(question)
        }
        checkSectionWeights()
        if problems.isEmpty, dimensions.isEmpty {
            problems.append(TableProblem(file: grid.file, row: grid.headerRow, message: "the table has no questions",
                                         hint: "add a row for each question under the header"))
        }
        guard problems.isEmpty else { throw TableError(problems) }
        return QuestionTable.Reading(table: QuestionTable(dimensions: dimensions), warnings: warnings)
    }

    /// The dimension's index, creating it on first use and checking its title and weight agree with earlier rows.
    mutating func dimensionIndex(_ id: String, row: TableGrid.Row) -> Int {
        let title = cell(row, "dimension-title").trimmedCell()
        let weight = number(row, "dimension-weight", range: 0...1_000_000, what: "weight")
        guard let index = dimensionIndexes[id] else {
            dimensionIndexes[id] = dimensions.count
            var dimension = QuestionTable.Dimension(id: id, title: title.isEmpty ? id : title, weight: weight)
            dimension.description = cell(row, "dimension-description").trimmedCell()
            dimensions.append(dimension)
            dimensionRows[id] = row.number
            if title.isEmpty { untitled.insert(id) }
            return dimensions.count - 1
        }
        if !title.isEmpty {
            if untitled.contains(id) {
                dimensions[index].title = title
                untitled.remove(id)
            } else if dimensions[index].title != title {
                problem(row, "dimension-title", "dimension '\(id)' is titled '\(dimensions[index].title)' at row \(dimensionRows[id] ?? 0), here '\(title)'",
                        hint: "give one title, or leave the cell empty after the first row")
            }
        }
        let description = cell(row, "dimension-description").trimmedCell()
        if !description.isEmpty {
            if dimensions[index].description.isEmpty {
                dimensions[index].description = description
            } else if dimensions[index].description != description {
                problem(row, "dimension-description", "dimension '\(id)' has another description at an earlier row",
                        hint: "give one description, or leave the cell empty after the first row")
            }
        }
        if let weight {
            if let earlier = dimensions[index].weight, earlier != weight {
                problem(row, "dimension-weight", "dimension '\(id)' has weight \(TableNumber.text(earlier)) at an earlier row, here \(TableNumber.text(weight))",
                        hint: "give one weight, or leave the cell empty after the first row")
            }
            dimensions[index].weight = weight
        }
        return index
    }

    var untitled: Set<String> = []
    var untitledSections: Set<String> = []

    mutating func readSection(_ row: TableGrid.Row, dimension: Int) {
        let title = cell(row, "section-title").trimmedCell()
        let weightText = cell(row, "section-weight").trimmedCell()
        guard let id = identifier(row, "section", what: "section") else {
            if cell(row, "section").trimmedCell().isEmpty, !title.isEmpty || !weightText.isEmpty {
                problem(row, "section", "a section title or weight is given but no section",
                        hint: "give the section's id in the 'section' column")
            }
            return
        }
        let weight = number(row, "section-weight", range: 0...1_000_000, what: "weight")
        let key = dimensions[dimension].id + "/" + id
        guard let index = sectionIndexes[key] else {
            sectionIndexes[key] = dimensions[dimension].sections.count
            dimensions[dimension].sections.append(QuestionTable.Section(id: id, title: title.isEmpty ? id : title, weight: weight))
            sectionRows[key] = row.number
            if title.isEmpty { untitledSections.insert(key) }
            return
        }
        if !title.isEmpty {
            if untitledSections.contains(key) {
                dimensions[dimension].sections[index].title = title
                untitledSections.remove(key)
            } else if dimensions[dimension].sections[index].title != title {
                problem(row, "section-title", "section '\(id)' is titled '\(dimensions[dimension].sections[index].title)' at row \(sectionRows[key] ?? 0), here '\(title)'",
                        hint: "give one title, or leave the cell empty after the first row")
            }
        }
        if let weight {
            if let earlier = dimensions[dimension].sections[index].weight, earlier != weight {
                problem(row, "section-weight", "section '\(id)' has weight \(TableNumber.text(earlier)) at an earlier row, here \(TableNumber.text(weight))",
                        hint: "give one weight, or leave the cell empty after the first row")
            }
            dimensions[dimension].sections[index].weight = weight
        }
    }

    mutating func readQuestion(_ row: TableGrid.Row, dimension: Int) -> QuestionTable.Question? {
        guard let id = identifier(row, "id", what: "question") else {
            if cell(row, "id").trimmedCell().isEmpty {
                problem(row, "id", "the question has no id", hint: "give each question an id, such as 'q12'")
            }
            return nil
        }
        if let earlier = questionRows[id] {
            problem(row, "id", "question id '\(id)' is already used at row \(earlier.row)", hint: "give each question its own id")
            return nil
        }
        questionRows[id] = (row.number, dimensions[dimension].id)
        var title = cell(row, "title").trimmedCell()
        var text = cell(row, "question").trimmedCell()
        if title.isEmpty, text.isEmpty {
            problem(row, columns["title"] != nil ? "title" : "question", "question '\(id)' has no title or question text",
                    hint: "give its text in the 'question' column, a short title in 'title'")
        }
        if title.isEmpty { title = text }
        if text.isEmpty { text = title }
        let sectionText = cell(row, "section").trimmedCell()
        let section = TableIdentifier.isValid(sectionText) ? sectionText : nil
        let weight = number(row, "weight", range: 0...1_000_000, what: "weight")
        let points = number(row, "points", range: 0...1_000_000, what: "number of points")

        var options: [QuestionTable.Option] = []
        var otherwise: Double?
        let optionsText = cell(row, "options")
        if optionsText.trimmedCell().isEmpty {
            problem(row, "options", "question '\(id)' has no options", hint: "list its answers with their points, such as 'Yes=2; Partly=1; No=0'")
        } else {
            do throws(CellSyntax.Problem) {
                let read = try CellSyntax.options(optionsText)
                options = read.options
                otherwise = read.otherwise
            } catch {
                problem(row, "options", error.message, hint: error.hint)
            }
        }
        let meansText = cell(row, "means")
        if !meansText.trimmedCell().isEmpty {
            do throws(CellSyntax.Problem) {
                let read = try CellSyntax.options(meansText)
                if read.otherwise != nil || read.options.contains(where: { if case .points = $0.worth { true } else { false } }) {
                    problem(row, "means", "the 'means' column holds only answers with a meaning",
                            hint: "write 'Don't know=dont-know; N/A=not-applicable' here, and answers with points in 'options'")
                } else {
                    var seen: [String: String] = [:]
                    for option in options { seen[option.value.lowercased()] = option.value }
                    for option in read.options {
                        if let earlier = seen[option.value.lowercased()] {
                            problem(row, "means", "answer '\(option.value)' is already an option ('\(earlier)')", hint: "give each answer once")
                        } else {
                            options.append(option)
                        }
                    }
                }
            } catch {
                problem(row, "means", error.message, hint: error.hint)
            }
        }
        let scored = weight != 0
        let pointValues = options.compactMap { if case .points(let points) = $0.worth { points } else { nil } }
        if scoring == .levels {
            // Under levels scoring an answer's number is a level of the scale (from 1), and a question has no maximum.
            if let low = (pointValues + [otherwise].compactMap { $0 }).first(where: { $0 < 1 }) {
                problem(row, "options", "question '\(id)' has an answer at level \(TableNumber.text(low)), but levels start at 1",
                        hint: "the framework scores levels (--base or --scoring levels), so each number is a level of its scale")
            }
            if scored, pointValues.isEmpty, otherwise == nil, !options.isEmpty {
                problem(row, "options", "question '\(id)' is scored but no answer has a level",
                        hint: "give the answers levels, such as 'Beginning=1; Emerging=2', or weight 0 for a question asked but not scored")
            }
            if points != nil {
                problem(row, "points", "question '\(id)' has a maximum of points, but the framework scores levels",
                        hint: "leave 'points' empty, or import with --scoring points")
            }
        } else if !options.isEmpty || otherwise != nil {
            if scored, pointValues.isEmpty {
                problem(row, "options", "question '\(id)' is scored but no answer is worth points",
                        hint: "give the answers points, such as 'Yes=1; No=0', or weight 0 for a question asked but not scored")
            } else if scored, (pointValues + [otherwise ?? 0]).allSatisfy({ $0 == 0 }) {
                problem(row, "options", "every answer to question '\(id)' is worth 0 points, so it can only lower a score",
                        hint: "check the points, or give it weight 0 if it is asked but not scored", severity: .warning)
            }
        }
        if scoring == .points, let points, let top = pointValues.max(), points < top {
            problem(row, "points", "question '\(id)' has a maximum of \(TableNumber.text(points)) points but its top answer is worth \(TableNumber.text(top))",
                    hint: "raise 'points' to at least \(TableNumber.text(top)), or leave it empty to use the top answer's points")
        }

        var condition: QuestionTable.Condition?
        let whenText = cell(row, "when").trimmedCell()
        if !whenText.isEmpty {
            do throws(CellSyntax.Problem) {
                let read = try CellSyntax.condition(whenText)
                condition = read
                checkCondition(read, row: row, id: id, dimension: dimension)
            } catch {
                problem(row, "when", error.message, hint: error.hint)
            }
        }
        var appliesTo: QuestionTable.Applicability?
        let appliesText = cell(row, "applies-to").trimmedCell()
        if !appliesText.isEmpty {
            do throws(CellSyntax.Problem) { appliesTo = try CellSyntax.applicability(appliesText) } catch {
                problem(row, "applies-to", error.message, hint: error.hint)
            }
        }
        var core = false
        let coreText = cell(row, "core").trimmedCell().lowercased()
        if ["true", "yes", "y", "1"].contains(coreText) {
            core = true
        } else if !["", "false", "no", "n", "0"].contains(coreText) {
            problem(row, "core", "'\(cell(row, "core").trimmedCell())' is not true or false",
                    hint: "write 'true' for a weakest-link question (the dimension's level cannot exceed its level), or leave the cell empty")
        }
        return QuestionTable.Question(id: id, title: title, question: text, guidance: cell(row, "guidance").trimmedCell(), section: section,
                                      weight: weight, core: core, points: points, options: options, otherwise: otherwise,
                                      when: condition, appliesTo: appliesTo)
    }

    /// `when:` must name an earlier question of the same dimension and answers it offers.
    mutating func checkCondition(_ condition: QuestionTable.Condition, row: TableGrid.Row, id: String, dimension: Int) {
        let dimensionID = dimensions[dimension].id
        guard let found = questionIndexes[condition.parent], found.dimension == dimension else {
            if condition.parent == id {
                problem(row, "when", "question '\(id)' depends on itself", hint: "name an earlier question")
            } else if let elsewhere = questionRows[condition.parent], elsewhere.dimension == dimensionID {
                return  // an earlier question of this dimension with problems of its own, already reported
            } else if let elsewhere = questionRows[condition.parent] {
                problem(row, "when", "'\(condition.parent)' is in dimension '\(elsewhere.dimension)', not '\(dimensionID)'",
                        hint: "a condition names an earlier question of the same dimension")
            } else {
                let earlier = dimensions[dimension].questions.map(\.id)
                problem(row, "when", "no earlier question '\(condition.parent)' in dimension '\(dimensionID)'",
                        hint: Suggestion.nearest(to: condition.parent, in: earlier).map { "did you mean '\($0)'?" }
                            ?? "name a question on a row above this one")
            }
            return
        }
        let parent = dimensions[dimension].questions[found.index]
        let values = parent.options.map(\.value)
        let known = Set(values.map { $0.lowercased() })
        for value in condition.values where !known.contains(value.lowercased()) {
            problem(row, "when", "'\(value)' is not an answer to '\(parent.id)'",
                    hint: Suggestion.nearest(to: value, in: values).map { "did you mean '\($0)'?" }
                        ?? "its answers are: " + values.joined(separator: ", "))
        }
    }

    /// Within a dimension, every section has a weight or none has.
    mutating func checkSectionWeights() {
        for dimension in dimensions {
            let weighted = dimension.sections.filter { $0.weight != nil }
            guard !weighted.isEmpty, weighted.count < dimension.sections.count,
                  let missing = dimension.sections.first(where: { $0.weight == nil }) else { continue }
            let row = sectionRows[dimension.id + "/" + missing.id] ?? grid.headerRow
            problems.append(TableProblem(file: grid.file, row: row, column: columns["section-weight"]?.heading ?? "section-weight",
                                         message: "section '\(missing.id)' has no weight while '\(weighted[0].id)' has one",
                                         hint: "give every section of dimension '\(dimension.id)' a weight, or none (then sections only group)"))
        }
    }
}
