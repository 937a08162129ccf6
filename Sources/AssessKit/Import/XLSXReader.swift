import AssessCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the first sheet of an XLSX workbook into a ``TableGrid``: the workbook, its relationships, the sheet
/// and its shared strings, each parsed with Foundation's XMLParser. Shared strings, inline strings, numbers,
/// booleans, empty cells and column letters (`AA`) are handled; formulas give their cached value.
///
/// A workbook is untrusted input: the archive, each part once inflated, the cells and the rows are all
/// bounded, and a part that declares a document type (entity expansion) is refused.
public enum XLSXReader {
    /// The bounds on a workbook.
    public struct Limits: Sendable, Hashable {
        /// The largest archive read.
        public var maxArchiveBytes: Int
        /// The largest part (sheet, shared strings...) once inflated; an archive that inflates beyond it is a zip bomb.
        public var maxPartBytes: Int
        /// The most cells with a value.
        public var maxCells: Int
        /// The most columns a row may reach.
        public var maxColumns: Int

        /// Creates bounds; the defaults are far above any questionnaire.
        public init(maxArchiveBytes: Int = 32 << 20, maxPartBytes: Int = 64 << 20, maxCells: Int = 1_000_000, maxColumns: Int = 256) {
            self.maxArchiveBytes = maxArchiveBytes
            self.maxPartBytes = maxPartBytes
            self.maxCells = maxCells
            self.maxColumns = maxColumns
        }
    }

    /// Reads a workbook's bytes.
    public static func grid(_ bytes: [UInt8], file: String, limits: Limits = Limits()) throws(TableError) -> TableGrid {
        func fail(_ message: String, _ hint: String? = nil) -> TableError {
            TableError(TableProblem(file: file, message: message, hint: hint))
        }
        guard bytes.count <= limits.maxArchiveBytes else {
            throw fail("the workbook is \(bytes.count) bytes, over the limit of \(limits.maxArchiveBytes)", "split the questionnaire into smaller files")
        }
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw fail("not an XLSX workbook (it is not a zip archive)", "save the spreadsheet as .xlsx, or export it as CSV")
        }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw fail("the workbook cannot be opened as a zip archive", "save the spreadsheet again as .xlsx")
        }
        let part = { (path: String) throws(TableError) -> Data? in try Self.part(path, of: archive, file: file, limits: limits) }
        guard let workbook = try part("xl/workbook.xml") else {
            throw fail("not an XLSX workbook (it has no xl/workbook.xml)", "save the spreadsheet as .xlsx, or export it as CSV")
        }
        let sheets = try parse(workbook, part: "xl/workbook.xml", file: file, into: WorkbookHandler())
        guard let first = sheets.sheets.first else {
            throw fail("the workbook has no sheets", "put the questions on the first sheet")
        }
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let relationshipID = first.relationship, let rels = try part("xl/_rels/workbook.xml.rels") {
            let targets = try parse(rels, part: "xl/_rels/workbook.xml.rels", file: file, into: RelationshipsHandler()).targets
            if let target = targets[relationshipID] {
                sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        guard let sheetData = try part(sheetPath) else {
            throw fail("the workbook's first sheet '\(first.name)' is missing (\(sheetPath))", "save the spreadsheet again as .xlsx")
        }
        return try grid(sheet: sheetData, sheetName: first.name, sheetPath: sheetPath, sharedStrings: try part("xl/sharedStrings.xml"),
                        file: file, limits: limits)
    }

    /// Reads a worksheet's XML (and the workbook's shared strings, if it has them) once taken out of the archive.
    public static func grid(sheet sheetData: Data, sheetName: String = "Sheet1", sheetPath: String = "xl/worksheets/sheet1.xml",
                            sharedStrings: Data?, file: String, limits: Limits = Limits()) throws(TableError) -> TableGrid {
        var strings: [String] = []
        if let sharedStrings {
            strings = try parse(sharedStrings, part: "xl/sharedStrings.xml", file: file, into: SharedStringsHandler(limit: limits.maxCells)).strings
        }
        let sheet = try parse(sheetData, part: sheetPath, file: file, into: SheetHandler(strings: strings, limits: limits))
        if let problem = sheet.problem {
            throw TableError(TableProblem(file: file, row: problem.row, column: problem.cell, message: problem.message, hint: problem.hint))
        }
        // Rows in order, each padded to its last cell; the first row with a value is the header.
        var rows: [TableGrid.Row] = []
        for (number, cells) in sheet.rows.sorted(by: { $0.key < $1.key }) {
            guard let width = cells.keys.max().map({ $0 + 1 }) else { continue }
            var dense = Array(repeating: "", count: width)
            for (column, text) in cells { dense[column] = text }
            if dense.allSatisfy({ $0.trimmedCell().isEmpty }) { continue }
            rows.append(TableGrid.Row(number: number, cells: dense))
        }
        guard let header = rows.first else {
            throw TableError(TableProblem(file: file, message: "the first sheet '\(sheetName)' is empty",
                                          hint: "put a header row and one row per question on the first sheet"))
        }
        return TableGrid(file: file, header: header.cells.map { $0.trimmedCell() }, headerRow: header.number,
                         rows: Array(rows.dropFirst()), isSpreadsheet: true)
    }

    /// A part's bytes, inflated up to the limit; nil when the archive has no such part.
    static func part(_ path: String, of archive: Archive, file: String, limits: Limits) throws(TableError) -> Data? {
        guard let entry = archive[path] else { return nil }
        let refusal = TableError(TableProblem(
            file: file, message: "the workbook's \(path) inflates to more than \(limits.maxPartBytes) bytes (a zip bomb, or far beyond a questionnaire)",
            hint: "export the questionnaire as CSV, or split it"))
        guard entry.type == .file else { return nil }
        guard entry.uncompressedSize <= UInt64(limits.maxPartBytes) else { throw refusal }
        var data = Data()
        var tooLarge = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The declared size may lie: count what is actually inflated.
                guard data.count + chunk.count <= limits.maxPartBytes else {
                    tooLarge = true
                    throw CocoaError(.fileReadTooLarge)
                }
                data.append(chunk)
            }
        } catch {
            if tooLarge { throw refusal }
            throw TableError(TableProblem(file: file, message: "the workbook's \(path) cannot be read (the archive is damaged)",
                                          hint: "save the spreadsheet again as .xlsx"))
        }
        return data
    }

    /// Parses one XML part with a handler, refusing a document type declaration (entity expansion).
    static func parse<Handler: PartHandler>(_ data: Data, part: String, file: String, into handler: Handler) throws(TableError) -> Handler {
        let marker = Array("<!DOCTYPE".utf8)
        let declaresType = data.withUnsafeBytes { buffer -> Bool in
            let bytes = buffer.bindMemory(to: UInt8.self)
            guard bytes.count >= marker.count else { return false }
            for start in 0...(bytes.count - marker.count) where bytes[start] == 0x3C {
                if (0..<marker.count).allSatisfy({ bytes[start + $0] & 0xDF == marker[$0] & 0xDF }) { return true }
            }
            return false
        }
        // Foundation's parser on Linux traps on a name that is not UTF-8 (found by fuzzing): check first.
        // Spreadsheets write their XML in UTF-8.
        guard String(data: data, encoding: .utf8) != nil else {
            throw TableError(TableProblem(file: file, message: "the workbook's \(part) is not UTF-8 text",
                                          hint: "save the spreadsheet again as .xlsx"))
        }
        guard !declaresType else {
            throw TableError(TableProblem(file: file, message: "the workbook's \(part) declares a document type, which a spreadsheet never does",
                                          hint: "save the spreadsheet again as .xlsx"))
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let parsed = parser.parse()
        if handler.stopped, !handler.mismatched { return handler }
        guard parsed, !handler.mismatched, handler.open.isEmpty else {
            throw TableError(TableProblem(file: file, message: "the workbook's \(part) is not well-formed XML (line \(parser.lineNumber))",
                                          hint: "save the spreadsheet again as .xlsx"))
        }
        return handler
    }
}

/// A delegate that may stop the parse early on a problem of its own. The subclasses override these methods
/// (on Linux a protocol's default implementations would otherwise be the ones called).
///
/// Foundation's parser on Linux recovers from some malformed XML (an element closed by another's end tag), so
/// the handler checks the nesting itself: every subclass calls `super` first.
class PartHandler: NSObject, XMLParserDelegate {
    var stopped = false
    /// The elements open, innermost last.
    var open: [String] = []
    /// True when an end tag did not match the element open.
    var mismatched = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(name)
        if open.count > 64 {
            mismatched = true
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard open.last == name else {
            mismatched = true
            parser.abortParsing()
            return
        }
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {}
}

/// `xl/workbook.xml`: the sheets in order, with their relationship ids.
final class WorkbookHandler: PartHandler {
    var sheets: [(name: String, relationship: String?)] = []

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                         attributes: [String: String] = [:]) {
        super.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        guard local(name) == "sheet" else { return }
        let relationship = attributes.first(where: { $0.key == "r:id" || $0.key.hasSuffix(":id") })?.value
        sheets.append((attributes["name"] ?? "Sheet1", relationship))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship ids to part paths.
final class RelationshipsHandler: PartHandler {
    var targets: [String: String] = [:]

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                         attributes: [String: String] = [:]) {
        super.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        guard local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its runs joined (phonetic runs left out).
final class SharedStringsHandler: PartHandler {
    var strings: [String] = []
    private var current: String?
    private var inText = false
    private var inPhonetic = false
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                         attributes: [String: String] = [:]) {
        super.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        switch local(name) {
        case "si": current = ""
        case "t": inText = true
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        super.parser(parser, didEndElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
        switch local(name) {
        case "si":
            strings.append(current ?? "")
            current = nil
            if strings.count > limit {
                stopped = true
                parser.abortParsing()
            }
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, !inPhonetic, current != nil { current?.append(string) }
    }
}

/// A worksheet: each cell's text by row number and 0-based column.
final class SheetHandler: PartHandler {
    struct Problem {
        var row: Int
        var cell: String
        var message: String
        var hint: String?
    }

    var rows: [Int: [Int: String]] = [:]
    var problem: Problem?
    private let strings: [String]
    private let limits: XLSXReader.Limits
    private var cells = 0
    private var row = 0
    private var column = -1
    private var type = "n"
    private var value: String?
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var inPhonetic = false

    init(strings: [String], limits: XLSXReader.Limits) {
        self.strings = strings
        self.limits = limits
    }

    private func stop(_ parser: XMLParser, _ message: String, hint: String? = nil) {
        problem = Problem(row: row, cell: column >= 0 ? ColumnLetters.name(column) + String(row) : "", message: message, hint: hint)
        stopped = true
        parser.abortParsing()
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                         attributes: [String: String] = [:]) {
        super.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        guard !stopped, !mismatched else { return }
        switch local(name) {
        case "row":
            if let text = attributes["r"] {
                guard let number = Int(text), number > row, number <= 1_048_576 else {
                    return stop(parser, "row number '\(text)' is out of order or out of range", hint: "save the spreadsheet again as .xlsx")
                }
                row = number
            } else {
                row += 1
            }
            column = -1
        case "c":
            if let reference = attributes["r"] {
                let letters = reference.prefix { $0.isASCII && $0.isLetter }
                guard let index = ColumnLetters.index(letters.uppercased()), index > column, Int(reference.dropFirst(letters.count)) == row else {
                    return stop(parser, "cell reference '\(reference)' is out of order or out of range", hint: "save the spreadsheet again as .xlsx")
                }
                column = index
            } else {
                column += 1
            }
            type = attributes["t"] ?? "n"
            value = nil
        case "v": inValue = true; value = value ?? ""
        case "is": inInline = true; value = value ?? ""
        case "t": inText = inInline
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        super.parser(parser, didEndElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
        guard !stopped, !mismatched else { return }
        switch local(name) {
        case "v": inValue = false
        case "is": inInline = false
        case "t": inText = false
        case "rPh": inPhonetic = false
        case "c": finishCell(parser)
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stopped else { return }
        if inValue || (inInline && inText && !inPhonetic) { value?.append(string) }
    }

    private func finishCell(_ parser: XMLParser) {
        guard let raw = value else { return }
        let text: String
        switch type {
        case "s":
            guard let index = Int(raw.trimmedCell()), strings.indices.contains(index) else {
                return stop(parser, "cell refers to shared string '\(raw)', which the workbook does not have", hint: "save the spreadsheet again as .xlsx")
            }
            text = strings[index]
        case "b": text = raw.trimmedCell() == "1" ? "TRUE" : "FALSE"
        case "n":
            let trimmed = raw.trimmedCell()
            if trimmed.contains(where: { $0 == "E" || $0 == "e" }), let number = Double(trimmed), number.isFinite {
                text = TableNumber.text(number)
            } else {
                text = trimmed
            }
        default: text = raw  // inlineStr, str (a formula's text), e (an error such as #N/A), d (a date)
        }
        guard !text.isEmpty else { return }
        guard column < limits.maxColumns else {
            return stop(parser, "a value lies in column \(ColumnLetters.name(column)), beyond the \(limits.maxColumns) columns a questionnaire may use",
                        hint: "delete what lies to the right of the table")
        }
        cells += 1
        guard cells <= limits.maxCells else {
            return stop(parser, "the sheet has more than \(limits.maxCells) cells with a value", hint: "split the questionnaire into several tables")
        }
        rows[row, default: [:]][column] = text
    }
}

/// An element's name without its namespace prefix.
private func local(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
}
