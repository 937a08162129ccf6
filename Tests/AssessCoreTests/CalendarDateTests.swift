import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

// Issue 7, dates: one date type in the engine, used by every reader; a date that does not exist is a located
// error with the reason, and 29 February is a date only in a leap year.

@Suite("calendar dates")
struct CalendarDateTests {
    func day(_ text: String, forms: CalendarDate.Forms = .all, order: CalendarDate.SlashOrder = .dmy) -> String? {
        guard case .date(let date, .day) = CalendarDate.read(text, forms: forms, order: order) else { return nil }
        return date.description
    }

    @Test func readsEveryAcceptedForm() {
        #expect(day("2025-04-01") == "2025-04-01")
        #expect(day("2025-04-01T09:30:00Z") == "2025-04-01")
        #expect(day("2020-03-18T04:48:27.035267") == "2020-03-18")
        #expect(day("2021-08-31 19:53 +0000") == "2021-08-31")
        #expect(day("01/04/2025") == "2025-04-01")
        #expect(day("04/01/2025", order: .mdy) == "2025-04-01")
        #expect(day("1/4/25") == "2025-04-01")
        #expect(day("01.04.2025") == "2025-04-01")
        #expect(day("1 April 2025") == "2025-04-01")
        #expect(day("31 Mar 2025") == "2025-03-31")
        #expect(day("March 31, 2025") == "2025-03-31")
        #expect(day(" 2025-04-01 ") == "2025-04-01")
        #expect(CalendarDate.read("2025-04") == .date(CalendarDate(year: 2025, month: 4, day: 1)!, .month))
        #expect(CalendarDate.read("Apr-25") == .date(CalendarDate(year: 2025, month: 4, day: 1)!, .month))
        #expect(CalendarDate.read("April 2025") == .date(CalendarDate(year: 2025, month: 4, day: 1)!, .month))
        #expect(CalendarDate.read("04/2025") == .date(CalendarDate(year: 2025, month: 4, day: 1)!, .month))
        #expect(CalendarDate.read("2025/04") == .date(CalendarDate(year: 2025, month: 4, day: 1)!, .month))
        #expect(CalendarDate.read("2025") == .date(CalendarDate(year: 2025, month: 1, day: 1)!, .year))
        for text in ["April", "last Tuesday", "", "2025-4-1x", "12345", "31/03/2025/1", "Mayday 2025", "2025-04-01X10:00"] {
            #expect(CalendarDate.read(text) == .notADate, "\(text)")
        }
        // Forms a reader does not accept are not dates to it.
        #expect(day("01/04/2025", forms: .iso) == nil)
        #expect(day("1 April 2025", forms: [.iso, .numeric]) == nil)
    }

    @Test func aDateThatDoesNotExistSaysWhy() {
        #expect(CalendarDate.message("2026-02-30", CalendarDate.read("2026-02-30"), expected: "YYYY-MM-DD")
                == "2026-02-30 is not a date: February 2026 has 28 days")
        #expect(CalendarDate.message("2026-13-45", CalendarDate.read("2026-13-45"), expected: "YYYY-MM-DD")
                == "2026-13-45 is not a date: there is no month 13")
        #expect(CalendarDate.read("31/02/2025") == .impossible("February 2025 has 28 days"))
        #expect(CalendarDate.read("02/31/2025", order: .mdy) == .impossible("February 2025 has 28 days"))
        #expect(CalendarDate.read("31 April 2025") == .impossible("April 2025 has 30 days"))
        #expect(CalendarDate.read("2025-00") == .impossible("there is no month 0"))
        #expect(CalendarDate.read("2025-04-00") == .impossible("there is no day 0"))
        #expect(CalendarDate.read("2025-04-01T25:00") == .impossible("25:00 is not a time of day"))
        #expect(CalendarDate.message("soon", .notADate, expected: "YYYY-MM-DD") == "soon is not a date written YYYY-MM-DD")
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        #expect(day("2024-02-29") == "2024-02-29")
        #expect(day("29/02/2024") == "2024-02-29")
        #expect(day("2000-02-29") == "2000-02-29")
        #expect(CalendarDate.read("2025-02-29") == .impossible("February 2025 has 28 days"))
        #expect(CalendarDate.read("1900-02-29") == .impossible("February 1900 has 28 days"))
        #expect(CalendarDate(year: 2024, month: 2, day: 29)?.adding(months: -12).description == "2023-02-28")
        #expect(CalendarDate(year: 2024, month: 1, day: 31)?.adding(months: 1).description == "2024-02-29")
        #expect(CalendarDate(year: 1, month: 1, day: 1)?.adding(months: -100_000).description == "0001-01-01")
    }

    @Test func periodsAndFinancialYears() {
        #expect(CalendarDate.endOfPeriod("2025-26")?.description == "2026-03-31")
        #expect(CalendarDate.endOfPeriod("2025/2026")?.description == "2026-03-31")
        #expect(CalendarDate.endOfPeriod("2024-02")?.description == "2024-02-29")
        #expect(CalendarDate.endOfPeriod("2025")?.description == "2025-12-31")
        #expect(CalendarDate.endOfPeriod("2025-02-30") == nil)
        #expect(CalendarMonth(year: 2025, month: 4).description == "2025-04")
        #expect(CalendarDate.Written(CalendarDate(year: 2025, month: 4, day: 1)!, .month).description == "2025-04")
    }

    // MARK: - Each reader

    /// The evidence loader's `date:`.
    func loaderErrors(_ date: String) -> [String] {
        let text = "organisation: {name: X}\nfacts:\n  a: {value: 3, date: \(date)}\n"
        do {
            _ = try EvidenceLoader().decode(YAMLParser.parse(text, file: "e.yaml"))
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }

    @Test func theEvidenceDateIsARealDate() {
        #expect(loaderErrors("2024-02-29").isEmpty)
        #expect(loaderErrors("2024-02").isEmpty)
        #expect(loaderErrors("2025-02-29") == ["3:23: 2025-02-29 is not a date: February 2025 has 28 days"])
        #expect(loaderErrors("2026-13-45") == ["3:23: 2026-13-45 is not a date: there is no month 13"])
    }

    @Test func anEvidencePeriodWrittenAsADateIsARealOne() throws {
        func errors(_ period: String) -> [String] {
            do {
                _ = try EvidenceLoader().decode(YAMLParser.parse("organisation: {name: X, period: \(period)}\n", file: "e.yaml"))
                return []
            } catch {
                return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
            }
        }
        #expect(errors("2025-26").isEmpty)
        #expect(errors("2025/2026").isEmpty)
        #expect(errors("2024-02-29").isEmpty)
        #expect(errors("April 2025 to March 2026").isEmpty)
        #expect(errors("2025-02-29") == ["1:33: 2025-02-29 is not a date: February 2025 has 28 days"])
        #expect(errors("2025-13") == ["1:33: 2025-13 is not a date: there is no month 13"])
    }

    func run(_ id: String, _ parameters: String, _ evidence: String, files: [String: String]) throws -> ExampleRunner.Outcome {
        let factory = try #require(AssessKit.registry.factory(id))
        return ExampleRunner.run(factory, AssessorExample(parameters: parameters, evidence: evidence, files: files, expect: .notAssessed))
    }

    func message(_ outcome: ExampleRunner.Outcome) -> String {
        outcome.diagnostics.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.location.line):\($0.location.column): \($0.message)" }
            .joined(separator: "\n")
    }

    @Test func contactExportMonths() throws {
        func contacts(_ month: String) throws -> ExampleRunner.Outcome {
            try run("channel-shift.channel-mix", "thresholds: [10, 25, 45, 65, 80]", "volumes: {file: contacts.csv}",
                    files: ["contacts.csv": "month,channel,contacts\n2024-01,Phone,100\n\(month),Web,50\n"])
        }
        #expect(try contacts("29/02/2024").result?.status == .assessed)
        #expect(try contacts("2024-02-29").result?.status == .assessed)
        let got1 = message(try contacts("29/02/2025"))
        #expect(got1 == "contacts.csv:3:1: criterion example: '29/02/2025' in column 'month' is not a date: February 2025 has 28 days", "\(got1)")
        let got2 = message(try contacts("2026-13"))
        #expect(got2 == "contacts.csv:3:1: criterion example: '2026-13' in column 'month' is not a date: there is no month 13", "\(got2)")
    }

    @Test func socialExportPeriods() throws {
        func social(_ period: String) throws -> ExampleRunner.Outcome {
            try run("digital-engagement.reach", "thresholds: [50, 125, 250, 400, 550]", "followers: {file: social.csv}",
                    files: ["social.csv": "platform,period,followers\nFacebook,2024-01-31,18400\nFacebook,\(period),18900\n"])
        }
        #expect(try social("29 Feb 2024").result?.status == .assessed)
        let got3 = message(try social("29 Feb 2025"))
        #expect(got3 == "social.csv:3:2: criterion example: '29 Feb 2025' in column 'period' is not a date: February 2025 has 28 days", "\(got3)")
        let got4 = message(try social("31/02/2025"))
        #expect(got4 == "social.csv:3:2: criterion example: '31/02/2025' in column 'period' is not a date: February 2025 has 28 days", "\(got4)")
    }

    @Test func analyticsExportDates() throws {
        func devices(_ date: String) throws -> ExampleRunner.Outcome {
            try run("mobile.device-share", "thresholds: [20, 35, 50, 65, 80]", "visits: {file: devices.csv}",
                    files: ["devices.csv": "date,device,visits\n2024-02-28,desktop,100\n\(date),mobile,80\n"])
        }
        #expect(try devices("2024-02-29").result?.status == .assessed)
        let got = message(try devices("2025-02-29"))
        #expect(got == "devices.csv:3:1: criterion example: '2025-02-29' in column 'date' is not a date: February 2025 has 28 days", "\(got)")
    }

    @Test func sitemapLastmod() throws {
        func sitemap(_ lastmod: String) throws -> ExampleRunner.Outcome {
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>https://www.example.gov.uk/</loc><lastmod>2025-06-01</lastmod></url>
                  <url><loc>https://www.example.gov.uk/a</loc><lastmod>\(lastmod)</lastmod></url>
                </urlset>
                """
            // A sitemap's lastmod is when a page was updated, not reviewed (issue 8).
            return try run("content.pages", "{measure: updated, thresholds: [20, 40, 60, 80, 95]}",
                           "pages: {file: sitemap.xml, date: 2026-02-28}", files: ["sitemap.xml": xml])
        }
        #expect(try sitemap("2024-02-29T10:00:00+00:00").result?.status == .assessed)
        let refused = message(try sitemap("2025-02-29"))
        #expect(refused.hasPrefix("sitemap.xml:4:"), "\(refused)")
        #expect(refused.hasSuffix("<lastmod> '2025-02-29' is not a date: February 2025 has 28 days"), "\(refused)")
    }

    @Test func contentInventoryDates() throws {
        func inventory(_ date: String) throws -> ExampleRunner.Outcome {
            try run("content.pages", "{measure: reviewed, as-of: 2026-03-31, thresholds: [20, 40, 60, 80, 95]}", "pages: {file: inventory.csv}",
                    files: ["inventory.csv": "URL,Owner,Last reviewed\nhttps://x.gov.uk/,Ann,01/03/2026\nhttps://x.gov.uk/a,Bob,\(date)\n"])
        }
        #expect(try inventory("29/02/2024").result?.status == .assessed)
        let got5 = message(try inventory("29/02/2025"))
        #expect(got5 == "inventory.csv:3:3: criterion example: '29/02/2025' is not a date (column 'Last reviewed'): February 2025 has 28 days", "\(got5)")
    }

    @Test func theAsOfParameterIsARealDate() throws {
        let outcome = try run("content.pages", "{measure: reviewed, as-of: 2025-02-29, thresholds: [20, 40, 60, 80, 95]}",
                              "pages: 3\ntotal: 4", files: [:])
        #expect(outcome.result == nil)
        #expect(message(outcome).hasSuffix("as-of: 2025-02-29 is not a date: February 2025 has 28 days"), "\(message(outcome))")
        let freshness = try run("open-data.freshness", "{as-of: 2026-02-30, thresholds: [20, 40, 60, 80, 95]}", "datasets: 3\ntotal: 4", files: [:])
        #expect(message(freshness).hasSuffix("as-of: 2026-02-30 is not a date: February 2026 has 28 days"), "\(message(freshness))")
    }

    @Test func catalogueModifiedDates() throws {
        func dcat(_ modified: String) throws -> ExampleRunner.Outcome {
            let json = """
                {"dataset": [
                  {"title": "Parking", "modified": "\(modified)", "license": "http://creativecommons.org/publicdomain/zero/1.0/"}
                ]}
                """
            return try run("open-data.freshness", "{as-of: 2026-01-01, thresholds: [20, 40, 60, 80, 95]}", "datasets: {file: data.json}",
                           files: ["data.json": json])
        }
        #expect(try dcat("2025-02-28").result?.status == .assessed)
        #expect(try dcat("29/02/2024").result?.status == .assessed)
        let refused = message(try dcat("2025-02-29T00:00:00Z"))
        #expect(refused.contains("data.json:2:"), "\(refused)")
        #expect(refused.contains("'2025-02-29T00:00:00Z' in"), "\(refused)")
        #expect(refused.hasSuffix("is not a date: February 2025 has 28 days"), "\(refused)")
    }
}
