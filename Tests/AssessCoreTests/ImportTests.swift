import AssessCore
import AssessKit
import Foundation
import Testing
import ZIPFoundation

/// `assess import` and `assess export-table`: reading tables (CSV and XLSX), every bad cell located, the YAML
/// and CSV quoting, and the round trips.
@Suite("Questionnaire tables")
struct ImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let header = "dimension,dimension-title,section,section-title,section-weight,id,title,question,guidance,weight,options,points,means,when,applies-to"

    static func read(_ csv: String, file: String = "t.csv") throws -> QuestionTable.Reading {
        try QuestionTable.read(grid: TableGrid.csv(Array(csv.utf8), file: file))
    }

    /// The problems a table gives, as printed.
    static func problems(_ csv: String) -> [String] {
        do {
            let reading = try read(csv)
            return reading.warnings.map(\.description)
        } catch let error as TableError {
            return error.problems.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    static func example() throws -> QuestionTable {
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent("examples/import/records-method.csv")))
        let reading = try QuestionTable.read(grid: TableGrid.csv(bytes, file: "records-method.csv"))
        #expect(reading.warnings.isEmpty)
        return reading.table
    }

    // MARK: - Reading CSV

    @Test func readsTheExampleTable() throws {
        let table = try Self.example()
        #expect(table.dimensions.map(\.id) == ["governance", "practice"])
        #expect(table.dimensions.map(\.weight) == [1, 1.5])
        let governance = table.dimensions[0]
        #expect(governance.title == "Records governance")
        #expect(governance.sections == [
            QuestionTable.Section(id: "gov-ownership", title: "Ownership and accountability", weight: 1),
            QuestionTable.Section(id: "gov-policy", title: "Policy and schedules", weight: 2),
        ])
        let q1 = governance.questions[0]
        #expect(q1.options == [.init("Yes", .points(2)), .init("Partly", .points(1)), .init("No", .points(0)),
                               .init("Don't know", .means(.dontKnow))], "the means column is appended to the options")
        #expect(q1.guidance == "The senior information risk owner, or an equivalent named in the scheme of delegation.")
        #expect(governance.questions[1].otherwise == 0)
        #expect(governance.questions[3].when == QuestionTable.Condition(parent: "rm-q3", values: ["Yes"]))
        #expect(governance.questions[4].options[1] == .init("In draft, not yet published", .points(1)))
        #expect(governance.questions[4].appliesTo?.types == ["county", "unitary", "metropolitan-district", "london-borough"])
        let practice = table.dimensions[1]
        #expect(practice.sections.isEmpty)
        #expect(practice.questions[0].appliesTo?.attributes == [QuestionTable.Attribute(key: "housing-stock", values: ["true"])])
        #expect(practice.questions[1].options[0].value == "Yes, automatically")
        #expect(practice.questions[2].points == 3)
        #expect(practice.questions[3].weight == 2)
        #expect(practice.questions[4].weight == 0)
        #expect(table.dimensions.flatMap(\.questions).count == 10)
    }

    @Test func headingsAreCaseInsensitiveInAnyOrderAndBlankDimensionsFollowTheRowAbove() throws {
        let csv = """
            Options,ID,Question,DIMENSION,Section Weight,section_title,section
            Yes=1; No=0,q1,Is it so?,gov,,,
            "Yes=1; No=0",q2,And this?,,,,
            """
        let table = try Self.read(csv).table
        #expect(table.dimensions.count == 1)
        #expect(table.dimensions[0].questions.map(\.id) == ["q1", "q2"])
        #expect(table.dimensions[0].questions[0].title == "Is it so?", "a missing title is the question")
        #expect(table.dimensions[0].title == "gov")
    }

    @Test func anUnknownColumnIsRefusedWithASuggestion() {
        let problems = Self.problems("dimension,id,title,optoins\ngov,q1,Q,Yes=1\n")
        #expect(problems.contains("t.csv:1:optoins: error: unknown column 'optoins'; did you mean 'options'?"), "\(problems)")
        #expect(problems.contains { $0.contains("no 'options' column") })
    }

    @Test func everyBadCellIsReportedWithItsRowAndColumn() {
        let csv = Self.header + "\n" + [
            "gov,Governance,s1,Section one,1,q1,Owner,Q?,,,Yes=two; No=0,,,,",
            "gov,,s1,,,q1,Again,Q?,,,Yes=1,,,,",
            "gov,,s2,Section two,,q3,Three,Q?,,,Yes=2; No=0,,,,",
            "gov,,s1,,,q4,Four,Q?,,,Yes=1; *=0; No=0,,,q9 = Yes,",
            "gov,,s1,,,q5,Five,Q?,,,Yes=1; No=0,,,q3 = Maybe,types=countys",
            "gov,,s1,,,Q 6,Six,Q?,,,Yes=1,,,,",
            "gov,,s1,,,q7,Seven,Q?,,-1,Yes=1,,Yes=1,,",
            "gov,,s1,,,q8,,,,,Yes=1,,,,colour=blue",
            "gov,,s1,,,q9,Nine,Q?,,,Yes,,,,",
            "gov,,s1,,,q10,Ten,Q?,,,Yes=dont-knwo,,,,",
            "gov,,s1,,,q11,Eleven,Q?,,,Yes=2; No=0,1,,,",
        ].joined(separator: "\n")
        let problems = Self.problems(csv)
        let expected = [
            "t.csv:2:options: error: option 'Yes' is worth 'two', which is neither points nor a meaning; give a number of points, or one of: dont-know, not-applicable, unanswered",
            "t.csv:3:id: error: question id 'q1' is already used at row 2; give each question its own id",
            "t.csv:5:options: error: '*' must be the last option; move '*=0' to the end",
            "t.csv:5:when: error: no earlier question 'q9' in dimension 'gov'; did you mean 'q3'?",
            "t.csv:6:when: error: 'Maybe' is not an answer to 'q3'; its answers are: Yes, No",
            "t.csv:6:applies-to: error: 'countys' is not an organisation type; did you mean 'county'?",
            "t.csv:7:id: error: 'Q 6' is not a valid question id; use lower-case letters, digits, '-' and '.' only, such as 'q-6'",
            "t.csv:8:weight: error: '-1' is not a weight from 0 to 1000000; write a number such as 1 or 2.5, or leave the cell empty",
            "t.csv:8:means: error: the 'means' column holds only answers with a meaning; write 'Don't know=dont-know; N/A=not-applicable' here, and answers with points in 'options'",
            "t.csv:9:title: error: question 'q8' has no title or question text; give its text in the 'question' column, a short title in 'title'",
            "t.csv:10:options: error: option 'Yes' has no points or meaning; write 'Yes=2', or 'Yes=dont-know', '=not-applicable' or '=unanswered'",
            "t.csv:11:options: error: option 'Yes' is worth 'dont-knwo', which is neither points nor a meaning; did you mean 'dont-know'?",
            "t.csv:12:points: error: question 'q11' has a maximum of 1 points but its top answer is worth 2; raise 'points' to at least 2, or leave it empty to use the top answer's points",
            "t.csv:4:section-weight: error: section 's2' has no weight while 's1' has one; give every section of dimension 'gov' a weight, or none (then sections only group)",
        ]
        for line in expected { #expect(problems.contains(line), "missing: \(line)\nfound:\n\(problems.joined(separator: "\n"))") }
        #expect(problems.count == expected.count, "\(problems.joined(separator: "\n"))")
    }

    @Test func attributesAndConditionsAcrossDimensionsAreChecked() {
        let csv = Self.header + "\n" + [
            "a,,,,,q1,One,Q?,,,Yes=1; No=0,,,,",
            "b,,,,,q2,Two,Q?,,,Yes=1; No=0,,,q1 = Yes,Housing Stock=true",
            "b,,,,,q3,Three,Q?,,,Yes=1; yes=2,,,q3 = Yes,",
            "b,Bee,,,,q4,Four,Q?,,,Yes=1,,,,",
            "b,Bees,,,,q5,Five,Q?,,,Yes=1,,,,",
            "framework,,,,,q6,Six,Q?,,,Yes=1,,,,",
        ].joined(separator: "\n")
        let problems = Self.problems(csv)
        #expect(problems.contains("t.csv:3:when: error: 'q1' is in dimension 'a', not 'b'; a condition names an earlier question of the same dimension"), "\(problems)")
        #expect(problems.contains("t.csv:3:applies-to: error: 'Housing Stock' is not a valid attribute name; use lower-case letters, digits, '-' and '.', as the evidence's organisation attributes do"), "\(problems)")
        #expect(problems.contains("t.csv:4:options: error: option 'yes' duplicates 'Yes'; give each answer once (case is ignored)"), "\(problems)")
        #expect(problems.contains("t.csv:7:dimension: error: 'framework' cannot be a dimension id: its rubric would be framework.yaml; call the dimension something else, such as 'framework-use'"), "\(problems)")
        #expect(problems.contains("t.csv:6:dimension-title: error: dimension 'b' is titled 'Bee' at row 3, here 'Bees'; give one title, or leave the cell empty after the first row"), "\(problems)")
    }

    @Test func readingStopsAfterAHundredProblemsAndRefusesAbsurdSizes() {
        let rows = (1...150).map { "gov,,,,,q\($0),T,Q?,,,Yes=x,,,," }
        let problems = Self.problems(Self.header + "\n" + rows.joined(separator: "\n"))
        #expect(problems.count == 101)
        #expect(problems.last == "t.csv:102: error: more than 100 problems; the rest of the table was not read; fix these first")
        let wide = Self.problems(Array(repeating: "x", count: 300).joined(separator: ",") + "\n")
        #expect(wide == ["t.csv:1: error: the header has 300 columns, over the limit of 256; keep the columns of docs/import.md and delete the rest"])
        let long = Self.problems("dimension,id,title,options\n" + String(repeating: "gov,q,T,Yes=1\n", count: 100_001))
        #expect(long == ["t.csv: error: the table has 100001 rows, over the limit of 100000; split the questionnaire into several tables"])
    }

    @Test func aScoredQuestionWorthNothingIsAWarningAndAnUnscoredOneIsNot() throws {
        let csv = Self.header + "\ngov,,,,,q1,One,Q?,,,Yes=0; No=0,,,,\ngov,,,,,q2,Two,Q?,,0,A=0; B=0,,,,\n"
        let reading = try Self.read(csv)
        #expect(reading.warnings.map(\.description) == [
            "t.csv:2:options: warning: every answer to question 'q1' is worth 0 points, so it can only lower a score; check the points, or give it weight 0 if it is asked but not scored",
        ])
    }

    @Test func anEmptyOrHeaderlessTableIsRefused() {
        #expect(Self.problems("") == ["t.csv:1: error: the file has no header row; export the report with its column headings"])
        #expect(Self.problems(Self.header + "\n") == ["t.csv:1: error: the table has no questions; add a row for each question under the header"])
        #expect(Self.problems("dimension,id,options,title,\ngov,q1,Yes=1,One,stray\n") == [
            "t.csv:2:column 5: error: a column without a heading holds 'stray'; give the column one of the headings: "
                + QuestionTable.columns.joined(separator: ", "),
        ])
    }

    // MARK: - Cell syntax

    @Test func optionValuesThatNeedQuotesRoundTrip() throws {
        let options: [QuestionTable.Option] = [
            .init("a; b", .points(1)), .init("x=y", .points(2)), .init("say \"hi\"", .points(0.5)), .init(" lead", .points(0)),
            .init("trail ", .points(0)), .init("*", .points(3)), .init("", .means(.unanswered)), .init("N/A", .means(.notApplicable)),
            .init("Don't know", .means(.dontKnow)), .init("a, b", .points(4)),
        ]
        let cell = CellSyntax.optionsCell(options, otherwise: 0)
        #expect(cell == "\"a; b\"=1; \"x=y\"=2; \"say \"\"hi\"\"\"=0.5; \" lead\"=0; \"trail \"=0; \"*\"=3; \"\"=unanswered; N/A=not-applicable; Don't know=dont-know; \"a, b\"=4; *=0")
        let read = try CellSyntax.options(cell)
        #expect(read.options == options)
        #expect(read.otherwise == 0)
        // Unquoted: the last '=' splits, spaces around entries are trimmed.
        #expect(try CellSyntax.options(" a=b = 2 ;;No=0").options == [.init("a=b", .points(2)), .init("No", .points(0))])
    }

    @Test func theDocumentedExamplesReadAsDocumented() throws {
        let options = try CellSyntax.options("Yes=2; Partly=1; No=0; Don't know=dont-know; N/A=not-applicable; =unanswered; *=0")
        #expect(options.options == [.init("Yes", .points(2)), .init("Partly", .points(1)), .init("No", .points(0)), .init("Don't know", .means(.dontKnow)),
                                    .init("N/A", .means(.notApplicable)), .init("", .means(.unanswered))])
        #expect(options.otherwise == 0)
        let quoted = try CellSyntax.options(#""Yes; fully"=2; " Yes "=1; "The ""big"" one"=0; "*"=1"#)
        #expect(quoted.options == [.init("Yes; fully", .points(2)), .init(" Yes ", .points(1)), .init("The \"big\" one", .points(0)), .init("*", .points(1))])
        #expect(quoted.otherwise == nil)
        let labelled = try CellSyntax.options(#"Q1.1=1 "Yes, we have published at least one dataset"; Q1.2=1 "No, not yet"; =unanswered"#)
        #expect(labelled.options == [.init("Q1.1", .points(1), label: "Yes, we have published at least one dataset"),
                                     .init("Q1.2", .points(1), label: "No, not yet"), .init("", .means(.unanswered))])
        #expect(try CellSyntax.condition("q11 != No") == QuestionTable.Condition(parent: "q11", negated: true, values: ["No"]))
        let applies = try CellSyntax.applicability("types=county, unitary; nations=england; code-prefix=E06, E08; housing-stock=true; reason=Only stock-holding councils")
        #expect(applies == QuestionTable.Applicability(types: ["county", "unitary"], codePrefixes: ["E06", "E08"], nations: ["england"],
                                                       attributes: [.init(key: "housing-stock", values: ["true"])], reason: "Only stock-holding councils"))
    }

    @Test func conditionsAndApplicabilityRoundTrip() throws {
        let condition = QuestionTable.Condition(parent: "q11", negated: true, values: ["No", "Yes, but", " x"])
        #expect(CellSyntax.conditionCell(condition) == "q11 != No, \"Yes, but\", \" x\"")
        #expect(try CellSyntax.condition(CellSyntax.conditionCell(condition)) == condition)
        #expect(try CellSyntax.condition("q2=Yes,Partly") == QuestionTable.Condition(parent: "q2", values: ["Yes", "Partly"]))
        let applies = QuestionTable.Applicability(types: ["county", "unitary"], codePrefixes: ["E07"], nations: ["wales"],
                                                  attributes: [.init(key: "housing-stock", values: ["true"]), .init(key: "tier", values: ["a; b", "c"])],
                                                  reason: "only councils with housing, say the method's notes")
        #expect(try CellSyntax.applicability(CellSyntax.applicabilityCell(applies)) == applies)
        #expect(try CellSyntax.applicability("county, district").types == ["county", "district"], "a clause without '=' lists types")
        #expect(throws: CellSyntax.Problem.self) { try CellSyntax.condition("q2") }
        #expect(throws: CellSyntax.Problem.self) { try CellSyntax.options("\"Yes=1") }
        #expect(throws: CellSyntax.Problem.self) { try CellSyntax.applicability("nations=walse") }
    }

    @Test func columnLettersBothWays() {
        #expect(ColumnLetters.name(0) == "A")
        #expect(ColumnLetters.name(25) == "Z")
        #expect(ColumnLetters.name(26) == "AA")
        #expect(ColumnLetters.name(701) == "ZZ")
        #expect(ColumnLetters.name(702) == "AAA")
        for index in [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383] { #expect(ColumnLetters.index(ColumnLetters.name(index)) == index) }
        #expect(ColumnLetters.index("XFE") == nil, "beyond a spreadsheet's 16,384 columns")
        #expect(ColumnLetters.index("a1") == nil)
        #expect(ColumnLetters.index("") == nil)
    }

    // MARK: - YAML quoting

    @Test(arguments: ["yes", "No", "N/A", "0", "1.5", "-1", "", " lead", "trail ", "a: b", "a #b", "# x", "null", "~", "-", "- x",
                      "[x]", "{x}", "*x", "&x", "!x", "|", ">", "%x", "@x", "`x", "'", "\"", "line\nbreak", "tab\there", "\u{2028}",
                      "é", "😀", "1e3", "0x1F", ".5", "2023.1", "on", "OFF", "y", "true", "2025-06-30", "a\\b", "\u{1B}[31m", "\u{FEFF}x",
                      ".inf", "Don't know", "key: value # c"])
    func everyStringReadsBackExactlyFromYAML(_ text: String) throws {
        let yaml = "value: " + YAMLText.scalar(text) + "\nlist: " + "[" + YAMLText.scalar(text) + ", " + YAMLText.quoted(text) + "]\n"
        let document = try YAMLParser.parse(yaml, file: "q.yaml")
        #expect(document.problems.isEmpty)
        let value = try #require(document.root?["value"]?.scalar)
        #expect(value.text == text, "\(yaml)")
        if value.isPlain {
            #expect(value.bool == nil && value.number == nil && !value.isNull, "a plain scalar must not read as anything but text: \(yaml)")
        }
        #expect(document.root?["list"]?.items?.map { $0.scalar?.text } == [text, text])
    }

    // MARK: - XLSX

    /// A workbook with the given sheet XML (and shared strings), built with ZIPFoundation as Excel lays it out.
    static func workbook(sheet: String?, sharedStrings: [String]? = nil, extra: [String: String] = [:], compress: Bool = true) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compress ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheets><sheet name="Questions" sheetId="1" r:id="rId3"/><sheet name="Notes" sheetId="2" r:id="rId4"/></sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/questions.xml"/>
            </Relationships>
            """)
        if let sheet {
            try add("xl/worksheets/questions.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(sheet)</sheetData></worksheet>
                """)
        }
        if let sharedStrings {
            let items = sharedStrings.map { "<si>\($0)</si>" }.joined()
            try add("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\(items)</sst>
                """)
        }
        for (path, text) in extra { try add(path, text) }
        return try [UInt8](#require(archive.data))
    }

    static let questionSheet = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Title</t></is></c><c r="D1" t="s"><v>2</v></c><c r="AA1" t="s"><v>3</v></c></row>
        <row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3"><v>12</v></c><c r="C3" t="inlineStr"><is><r><t xml:space="preserve">Named </t></r><r><t>owner</t></r></is></c><c r="D3" t="s"><v>5</v></c><c r="AA3"><v>2.5E0</v></c></row>
        <row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4" t="str"><f>"q"&amp;"13"</f><v>q13</v></c><c r="C4"/><c r="D4" t="inlineStr"><is><t>Yes=1; No=0; "A &amp; B"=1</t></is></c><c r="AA4" t="b"><v>0</v></c></row>
        """
    static let questionStrings = ["<t>Dimension</t>", "<t>ID</t>", "<t>Options</t>", "<r><t>Wei</t></r><r><t>ght</t></r><rPh><t>ウェイト</t></rPh>",
                                  "<t>gov</t>", "<t>Yes=2; Partly=1; No=0; Don&apos;t know=dont-know</t>"]

    @Test func readsTheFirstSheetWithSharedAndInlineStringsNumbersAndFarColumns() throws {
        let bytes = try Self.workbook(sheet: Self.questionSheet, sharedStrings: Self.questionStrings)
        let grid = try XLSXReader.grid(bytes, file: "q.xlsx")
        #expect(grid.header.count == 27)
        #expect(grid.header[0] == "Dimension" && grid.header[1] == "ID" && grid.header[2] == "Title" && grid.header[3] == "Options")
        #expect(grid.header[26] == "Weight", "runs joined, phonetic text left out, column AA is index 26")
        #expect(grid.header[4...25].allSatisfy { $0.isEmpty })
        #expect(grid.headerRow == 1)
        #expect(grid.rows.map(\.number) == [3, 4], "the blank row 2 is skipped; rows keep their spreadsheet numbers")
        #expect(grid.rows[0].cells[1] == "12")
        #expect(grid.rows[0].cells[2] == "Named owner")
        #expect(grid.rows[0].cells[26] == "2.5")
        #expect(grid.rows[1].cells[1] == "q13", "a formula gives its cached value")
        #expect(grid.rows[1].cells[2] == "")
        #expect(grid.rows[1].cells[26] == "FALSE")

        let problems: [String]
        do {
            _ = try QuestionTable.read(grid: grid)
            problems = []
        } catch {
            problems = error.problems.map(\.description)
        }
        #expect(problems == [
            "q.xlsx:4:Title: error: question 'q13' has no title or question text (cell C4); give its text in the 'question' column, a short title in 'title'",
            "q.xlsx:4:Weight: error: 'FALSE' is not a weight from 0 to 1000000 (cell AA4); write a number such as 1 or 2.5, or leave the cell empty",
        ], "\(problems)")
    }

    @Test func aWorkbookBecomesTheSameTableAsItsCSV() throws {
        let sheet = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>dimension</t></is></c><c r="B1" t="inlineStr"><is><t>id</t></is></c><c r="C1" t="inlineStr"><is><t>question</t></is></c><c r="D1" t="inlineStr"><is><t>options</t></is></c><c r="E1" t="inlineStr"><is><t>weight</t></is></c></row>
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>q1</t></is></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c><c r="E2"><v>2</v></c></row>
            <row r="3"><c r="B3" t="inlineStr"><is><t>q2</t></is></c><c r="C3" t="inlineStr"><is><t>Second?</t></is></c><c r="D3" t="s"><v>2</v></c></row>
            """
        let bytes = try Self.workbook(sheet: sheet, sharedStrings: ["<t>gov</t>", "<t>First, really?</t>", "<t>Yes=1; No=0; *=0</t>"])
        let fromXLSX = try QuestionTable.read(grid: XLSXReader.grid(bytes, file: "q.xlsx")).table
        let fromCSV = try Self.read("dimension,id,question,options,weight\ngov,q1,\"First, really?\",Yes=1; No=0; *=0,2\n,q2,Second?,Yes=1; No=0; *=0,\n").table
        #expect(fromXLSX == fromCSV)
    }

    @Test func aBadCellInAWorkbookNamesItsCell() {
        let sheet = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>dimension</t></is></c><c r="B1" t="inlineStr"><is><t>id</t></is></c><c r="C1" t="inlineStr"><is><t>title</t></is></c><c r="AB1" t="inlineStr"><is><t>options</t></is></c></row>
            <row r="7"><c r="A7" t="inlineStr"><is><t>gov</t></is></c><c r="B7" t="inlineStr"><is><t>q1</t></is></c><c r="C7" t="inlineStr"><is><t>One</t></is></c><c r="AB7" t="inlineStr"><is><t>Yes=lots</t></is></c></row>
            """
        do {
            let bytes = try Self.workbook(sheet: sheet)
            _ = try QuestionTable.read(grid: XLSXReader.grid(bytes, file: "q.xlsx"))
            Issue.record("a bad cell was accepted")
        } catch let error as TableError {
            #expect(error.description == "q.xlsx:7:options: error: option 'Yes' is worth 'lots', which is neither points nor a meaning (cell AB7); give a number of points, or one of: dont-know, not-applicable, unanswered")
        } catch {
            Issue.record("\(error)")
        }
    }

    static func xlsxProblem(_ bytes: [UInt8], limits: XLSXReader.Limits = XLSXReader.Limits()) -> String {
        do {
            _ = try XLSXReader.grid(bytes, file: "q.xlsx", limits: limits)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func brokenAndHostileWorkbooksAreRefusedWithClearErrors() throws {
        #expect(Self.xlsxProblem(Array("dimension,id\n".utf8)) == "q.xlsx: error: not an XLSX workbook (it is not a zip archive); save the spreadsheet as .xlsx, or export it as CSV")
        #expect(Self.xlsxProblem([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]) == "q.xlsx: error: the workbook cannot be opened as a zip archive; save the spreadsheet again as .xlsx")
        #expect(Self.xlsxProblem(try Self.workbook(sheet: nil)) == "q.xlsx: error: the workbook's first sheet 'Questions' is missing (xl/worksheets/questions.xml); save the spreadsheet again as .xlsx")
        #expect(Self.xlsxProblem(try Self.workbook(sheet: "")) == "q.xlsx: error: the first sheet 'Questions' is empty; put a header row and one row per question on the first sheet")
        #expect(Self.xlsxProblem(try Self.workbook(sheet: #"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#, sharedStrings: ["<t>a</t>"]))
                    == "q.xlsx:1:A1: error: cell refers to shared string '7', which the workbook does not have; save the spreadsheet again as .xlsx")
        #expect(Self.xlsxProblem(try Self.workbook(sheet: #"<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#))
                    == "q.xlsx:1:A1: error: cell reference 'A1' is out of order or out of range; save the spreadsheet again as .xlsx")
        let malformed = Self.xlsxProblem(try Self.workbook(sheet: #"<row r="1"><c r="A1"><v>1</v></row>"#))
        #expect(malformed.hasPrefix("q.xlsx: error: the workbook's xl/worksheets/questions.xml is not well-formed XML"), "\(malformed)")
        // A zip bomb: a part that inflates far beyond its compressed size (1 MB of one letter, about 1 KB deflated).
        let bomb = try Self.workbook(sheet: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + String(repeating: "a", count: 1 << 20) + "</t></is></c></row>")
        #expect(bomb.count < 20_000)
        #expect(Self.xlsxProblem(bomb, limits: XLSXReader.Limits(maxPartBytes: 100_000))
                    == "q.xlsx: error: the workbook's xl/worksheets/questions.xml inflates to more than 100000 bytes (a zip bomb, or far beyond a questionnaire); export the questionnaire as CSV, or split it")
        #expect(Self.xlsxProblem(bomb, limits: XLSXReader.Limits(maxArchiveBytes: 1000)).hasPrefix("q.xlsx: error: the workbook is \(bomb.count) bytes, over the limit of 1000"))
        // Entity expansion ("billion laughs") never reaches the XML parser.
        let laughs = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"#
        #expect(Self.xlsxProblem(try Self.workbookWithRawSheet(laughs))
                    == "q.xlsx: error: the workbook's xl/worksheets/questions.xml declares a document type, which a spreadsheet never does; save the spreadsheet again as .xlsx")
        // A name that is not UTF-8 (it trapped Foundation's parser on Linux, found by the fuzz session).
        var invalid = Array(#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#.utf8)
        invalid[5] = 0xE5
        #expect(Self.xlsxProblem(try Self.workbookWithRawBytes(invalid))
                    == "q.xlsx: error: the workbook's xl/worksheets/questions.xml is not UTF-8 text; save the spreadsheet again as .xlsx")
        #expect(throws: TableError.self) { try XLSXReader.grid(sheet: Data(invalid), sharedStrings: nil, file: "q.xlsx") }
        // Too many cells, and a value far to the right.
        let wide = #"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>"#
        #expect(Self.xlsxProblem(try Self.workbook(sheet: wide), limits: XLSXReader.Limits(maxCells: 2))
                    == "q.xlsx:1:C1: error: the sheet has more than 2 cells with a value; split the questionnaire into several tables")
        #expect(Self.xlsxProblem(try Self.workbook(sheet: #"<row r="1"><c r="XFD1"><v>1</v></c></row>"#))
                    == "q.xlsx:1:XFD1: error: a value lies in column XFD, beyond the 256 columns a questionnaire may use; delete what lies to the right of the table")
    }

    /// A workbook whose first sheet is the given XML document as it is.
    static func workbookWithRawSheet(_ xml: String) throws -> [UInt8] {
        try workbookWithRawBytes(Array(xml.utf8))
    }

    /// A workbook whose first sheet holds these bytes.
    static func workbookWithRawBytes(_ sheet: [UInt8]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, text) in [("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="Questions" r:id="rId1"/></sheets></workbook>"#),
                             ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/questions.xml"/></Relationships>"#),
                             ("xl/worksheets/questions.xml", "")] {
            let data = path.hasSuffix("questions.xml") ? Data(sheet) : Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try [UInt8](#require(archive.data))
    }

    // MARK: - Round trips

    /// The table read back from the YAML that ``FrameworkWriter`` writes for it.
    static func throughYAML(_ table: QuestionTable) throws -> (QuestionTable, [Diagnostic]) {
        let settings = FrameworkWriter.Settings(id: "method", title: "A method", version: "2023.1", maximum: "fixed", source: "t.csv")
        var files: [String: String] = [:]
        for file in FrameworkWriter.files(table, settings: settings) { files[file.name] = file.text }
        let framework = try YAMLParser.parse(try #require(files["framework.yaml"]), file: "framework.yaml")
        let reading = try FrameworkTableReader.read(framework: framework) { (path: String) throws(LoadError) -> YAMLDocument in
            guard let text = files[path] else { throw .notFound(path: path, hint: nil) }
            do throws(DiagnosticError) { return try YAMLParser.parse(text, file: path) } catch { throw .invalid(error) }
        }
        return (reading.table, reading.warnings)
    }

    @Test func theExampleRoundTripsThroughYAMLAndCSV() throws {
        let table = try Self.example()
        let (back, warnings) = try Self.throughYAML(table)
        #expect(warnings.isEmpty, "the framework's settings are not warnings but Reading.settings: \(warnings.map(\.headline))")
        #expect(back == table)
        let csv = TableWriter.csv(table)
        let again = try Self.read(csv).table
        #expect(again == table)
        #expect(TableWriter.csv(again) == csv, "deterministic: the same table gives the same bytes")
        #expect(csv.hasPrefix(QuestionTable.columns.joined(separator: ",") + "\r\n"))
        #expect(csv.contains(#"rm-q5,Retention schedule,Is a retention schedule published?,,,,"Yes=2; ""In draft, not yet published""=1; No=0; N/A=not-applicable",,,,"types=county, unitary, metropolitan-district, london-borough""#))
    }

    @Test func awkwardTextRoundTripsThroughYAMLAndCSV() throws {
        let question = QuestionTable.Question(
            id: "q.1", title: "yes", question: "Is it: \"so\"? # not a comment\nSecond line, with a comma", guidance: "  indented \u{1B}[31m",
            section: "s-1", weight: 0.25, points: 7, options: [.init("no", .points(0)), .init("N/A", .means(.notApplicable)),
                                                             .init("", .means(.unanswered)), .init("0", .points(7)), .init("a; b = c", .points(1.5))],
            otherwise: 0, when: nil, appliesTo: .init(attributes: [.init(key: "housing-stock", values: ["true", "unknown"])]))
        let child = QuestionTable.Question(id: "q2", title: "Null", question: "~", options: [.init("yes", .points(1))],
                                           when: .init(parent: "q.1", negated: true, values: ["N/A", "a; b = c"]))
        let table = QuestionTable(dimensions: [
            QuestionTable.Dimension(id: "d.one", title: "On: off", weight: 0, sections: [.init(id: "s-1", title: "#1", weight: nil)],
                                    questions: [question, child]),
        ])
        let (back, _) = try Self.throughYAML(table)
        #expect(back == table)
        // CSV trims unquoted cells and the reader trims texts, so edge spaces in titles do not survive a CSV:
        // only option values keep them (inside their own quotes). Compare with the guidance trimmed.
        var trimmed = table
        trimmed.dimensions[0].questions[0].guidance = "indented \u{1B}[31m"
        #expect(try Self.read(TableWriter.csv(trimmed)).table == trimmed)
    }

    @Test func aFrameworkTheLoaderAcceptsRoundTripsThroughTheTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            id: council-scorecard
            title: Council scorecard
            version: "2025"
            scoring: points
            scale:
              levels:
                - {level: 1, name: Low}
                - {level: 2, name: Medium}
                - {level: 3, name: High}
            dimensions:
              - rubric: transparency.yaml
                weight: 2
            """.write(to: folder.appendingPathComponent("framework.yaml"), atomically: true, encoding: .utf8)
        try """
            id: transparency
            title: Transparency
            version: "2025"
            levels: {1: a, 2: b, 3: c}
            criteria:
              - id: t1
                title: Spending published
                question: "Is spending over £500 published: monthly?"
                rationale: The Transparency Code asks for it.
                weight: 2
                points: 4
                assessor: options
                evidence: {answer: answers.t1}
                parameters:
                  options:
                    - {value: "yes", points: 4}
                    - {value: "partly", points: 1}
                    - {value: "no", points: 0}
                levels: {1: a, 2: b, 3: c}
                applies-to: [district, unitary]
              - id: t2
                title: Contracts
                question: Are contracts over £5,000 published?
                rationale: R.
                assessor: options
                evidence: {answer: answers.t2}
                parameters:
                  options:
                    - {value: "Yes", points: 1}
                    - {value: "No", points: 0}
                levels: {1: a, 2: b, 3: c}
            """.write(to: folder.appendingPathComponent("transparency.yaml"), atomically: true, encoding: .utf8)
        let loaded = try AssessKit.loadFramework(path: folder.path, startPlugins: false)
        #expect(loaded.allCriteria.count == 2)
        let reading = try FrameworkTableReader.read(framework: FileReader.parse(loaded.source)) { (path: String) throws(LoadError) -> YAMLDocument in
            try FileReader.parse(FileReader.resolve(path, relativeTo: FileReader.folder(of: loaded.source)))
        }
        let table = reading.table
        #expect(table == QuestionTable(dimensions: [
            QuestionTable.Dimension(id: "transparency", title: "Transparency", weight: 2, questions: [
                QuestionTable.Question(id: "t1", title: "Spending published", question: "Is spending over £500 published: monthly?", weight: 2,
                                       points: 4, options: [.init("yes", .points(4)), .init("partly", .points(1)), .init("no", .points(0))],
                                       appliesTo: .init(types: ["district", "unitary"])),
                QuestionTable.Question(id: "t2", title: "Contracts", question: "Are contracts over £5,000 published?",
                                       options: [.init("Yes", .points(1)), .init("No", .points(0))]),
            ]),
        ]))
        // What the table cannot keep is said, where it is.
        let warnings = reading.warnings.map(\.headline)
        #expect(warnings.contains { $0.hasSuffix("transparency.yaml:4:9: warning: the table does not keep the rubric's own 'levels' descriptors; importing the table describes each level by the scale's name and description") }, "\(warnings)")
        #expect(reading.settings == ["id", "title", "version", "scoring", "scale"])
        #expect(reading.scoring == .points)
        #expect(warnings.contains { $0.contains("transparency.yaml:9:5: warning: the table does not keep criterion 't1''s 'rationale'") }, "\(warnings)")
        // Table → CSV → table, and → YAML → table: the same questions.
        #expect(try Self.read(TableWriter.csv(table)).table == table)
        #expect(try Self.throughYAML(table).0 == table)
    }

    @Test func aFrameworkATableCannotHoldIsRefusedWhereItSaysSo() throws {
        let framework = try YAMLParser.parse("id: f\ntitle: F\nversion: '1'\nscoring: stars\ndimensions:\n  - rubric: r.yaml\n", file: "framework.yaml")
        let points = try YAMLParser.parse("id: f\ntitle: F\nversion: '1'\nscoring: points\ndimensions:\n  - rubric: r.yaml\n", file: "framework.yaml")
        let rubric = "id: r\ntitle: R\ncriteria:\n  - id: c1\n    title: C\n    assessor: threshold\n  - id: c2\n    title: D\n    assessor: options\n    parameters:\n      options:\n        - {value: a, level: 2}\n"
        do {
            _ = try FrameworkTableReader.read(framework: framework) { (path: String) throws(LoadError) -> YAMLDocument in
                do throws(DiagnosticError) { return try YAMLParser.parse(rubric, file: path) } catch { throw .invalid(error) }
            }
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.headline) == [
                "framework.yaml:4:10: error: a 'stars' framework cannot be written as a table; the table holds questionnaires scored by points or by levels",
            ])
        }
        do {
            _ = try FrameworkTableReader.read(framework: points) { (path: String) throws(LoadError) -> YAMLDocument in
                do throws(DiagnosticError) { return try YAMLParser.parse(rubric, file: path) } catch { throw .invalid(error) }
            }
            Issue.record("accepted")
        } catch {
            let lines = error.diagnostics.map(\.headline)
            #expect(lines == [
                "r.yaml:6:15: error: criterion 'c1' uses the 'threshold' assessor, which a table cannot hold; a table holds options questions only; score this criterion in YAML",
                "r.yaml:12:29: error: an option of 'c2' carries a level, but the framework scores points; a table's numbers are all points; give every option 'points:'",
            ])
        }
    }

    // MARK: - Labels, core, levels, descriptions and --base (issue 11's real packs)

    @Test func optionLabelsCoreAndDescriptionsAreReadAndWrittenBack() throws {
        let csv = "dimension,dimension-description,id,title,core,options\n"
            + "d,\"What d covers; all of it\",q1,One,true,\"Q1.1=1 \"\"Yes, we have; \"\"\"\"fully\"\"\"\"\"\"; \"\"Q=2\"\"=0 \"\"No\"\"; =unanswered \"\"Not answered\"\"; *=0\"\n"
            + "d,,q2,Two,,A=1 \"A\"\n"
        let table = try Self.read(csv).table
        let q1 = table.dimensions[0].questions[0]
        #expect(table.dimensions[0].description == "What d covers; all of it")
        #expect(q1.core)
        #expect(q1.options == [.init("Q1.1", .points(1), label: "Yes, we have; \"fully\""), .init("Q=2", .points(0), label: "No"),
                               .init("", .means(.unanswered), label: "Not answered")])
        #expect(q1.otherwise == 0)
        #expect(table.dimensions[0].questions[1].options == [.init("A", .points(1))], "a label equal to the value is no label")
        #expect(!table.dimensions[0].questions[1].core)
        // CSV and YAML give back the same table.
        #expect(try Self.read(TableWriter.csv(table)).table == table)
        #expect(try Self.throughYAML(table).0 == table)
        #expect(CellSyntax.optionsCell(q1.options, otherwise: q1.otherwise) == #"Q1.1=1 "Yes, we have; ""fully"""; "Q=2"=0 "No"; ""=unanswered "Not answered"; *=0"#)
        // A fallback takes no label; text after a label is refused.
        #expect(Self.problems("dimension,id,title,options\nd,q1,One,\"A=1; *=0 \"\"x\"\"\"\n").contains { $0.contains("the fallback '*' takes no label") })
        #expect(Self.problems("dimension,id,title,options\nd,q1,One,\"A=1 \"\"x\"\" y\"\n").contains { $0.contains("text after the label \"x\" of option 'A'") })
        #expect(Self.problems("dimension,id,title,core,options\nd,q1,One,sometimes,A=1\n") == [
            "t.csv:2:core: error: 'sometimes' is not true or false; write 'true' for a weakest-link question (the dimension's level cannot exceed its level), or leave the cell empty",
        ])
    }

    @Test func underLevelsScoringTheNumbersAreLevels() throws {
        let csv = "dimension,id,title,options,points\nd,q1,One,Beginning=1; Emerging=2; =unanswered,\nd,q2,Two,Low=0; High=2,\nd,q3,Three,A=1,3\n"
        let grid = try TableGrid.csv(Array(csv.utf8), file: "t.csv")
        do {
            _ = try QuestionTable.read(grid: grid, scoring: .levels)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.description) == [
                "t.csv:3:options: error: question 'q2' has an answer at level 0, but levels start at 1; the framework scores levels (--base or --scoring levels), so each number is a level of its scale",
                "t.csv:4:points: error: question 'q3' has a maximum of points, but the framework scores levels; leave 'points' empty, or import with --scoring points",
            ])
        }
        let table = try QuestionTable.read(grid: TableGrid.csv(Array("dimension,id,title,options\nd,q1,One,Beginning=1; Emerging=2\n".utf8), file: "t.csv"),
                                           scoring: .levels).table
        let settings = FrameworkWriter.Settings(id: "m", title: "M", version: "1", source: "t.csv", scoring: .levels)
        let rubric = FrameworkWriter.rubric(table.dimensions[0], settings: settings)
        #expect(rubric.contains("        - {value: \"Beginning\", level: 1}\n        - {value: \"Emerging\", level: 2}\n"))
    }

    @Test func aBaseKeepsEverythingButItsDimensions() throws {
        let base = try FrameworkWriter.Base.read("""
            # The method's own comment
            id: method
            title: "A method"
            version: "2025"
            scoring: levels
            scale:
              levels:
                - {level: 1, name: Low, description: "Little."}
                - {level: 2, name: High}
            # dimensions, to be replaced
            dimensions:
              - rubric: old.yaml
                weight: 3
              # an indented comment inside the block

            # a comment that belongs to the next key
            aggregation:
              unverified-core: withhold
            """, file: "base/framework.yaml")
        #expect(base.scoring == .levels)
        #expect(base.version == "2025")
        #expect(base.levels.map(\.descriptor) == ["Low: Little.", "High"])
        let table = QuestionTable(dimensions: [.init(id: "new", title: "New", weight: 2, questions: [
            .init(id: "q1", title: "One", question: "One?", options: [.init("A", .points(1))]),
        ])])
        let settings = FrameworkWriter.Settings(id: "x", title: "X", version: base.version, source: "t.csv", scoring: base.scoring, base: base)
        let files = FrameworkWriter.files(table, settings: settings)
        #expect(files[0].text == """
            # Imported by `assess import` from t.csv, the method's settings from base/framework.yaml. See docs/import.md.
            # The method's own comment
            id: method
            title: "A method"
            version: "2025"
            scoring: levels
            scale:
              levels:
                - {level: 1, name: Low, description: "Little."}
                - {level: 2, name: High}
            # dimensions, to be replaced
            dimensions:
              - rubric: new.yaml
                weight: 2

            # a comment that belongs to the next key
            aggregation:
              unverified-core: withhold

            """)
        #expect(files[1].text.contains("version: \"2025\"\nlevels:\n  1: \"Low: Little.\"\n  2: \"High\"\ncriteria:\n"))
        #expect(files[1].text.contains("        - {value: \"A\", level: 1}\n"))
        // No dimensions in the base: they are added at the end; a base that is not a mapping is refused.
        let bare = try FrameworkWriter.Base.read("id: m\nscoring: points\n", file: "f.yaml")
        #expect(FrameworkWriter.framework(table, settings: .init(id: "m", title: "M", version: "1", source: "t.csv", base: bare))
            .hasSuffix("id: m\nscoring: points\ndimensions:\n  - rubric: new.yaml\n    weight: 2\n"))
        #expect(throws: LoadError.self) { try FrameworkWriter.Base.read("- a\n", file: "f.yaml") }
        #expect(throws: LoadError.self) { try FrameworkWriter.Base.read("scoring: stars\n", file: "f.yaml") }
    }
}
