import AssessCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML  // XMLParser lives here on Linux; in Foundation on Apple platforms
#endif

/// A sitemap (the sitemaps.org protocol 0.9): a `<urlset>` of `<url>` entries with `<loc>` and optional
/// `<lastmod>`, or a `<sitemapindex>` of `<sitemap>` entries naming other sitemaps.
///
/// Parsed with Foundation's `XMLParser` (libxml2), which tolerates what real council sitemaps do: no XML
/// declaration, leading blank lines, extra namespaces and attributes, and character references such as
/// `&#x2B;` inside `<lastmod>`. Elements are matched by local name, so a missing or different default
/// namespace does not matter. A document that is not well-formed is an error at the line and column where
/// the parser stopped.
struct Sitemap: Sendable {
    /// What the root element is.
    enum Kind: Sendable { case urlset, index }

    /// One `<url>` or `<sitemap>` entry.
    struct Entry: Sendable {
        /// `<loc>`, trimmed.
        var loc: String
        /// `<lastmod>`, trimmed, when given.
        var lastmod: String?
        /// The line of the entry's start tag.
        var line: Int
        /// The line and column of `<lastmod>`.
        var lastmodLine: Int
        var lastmodColumn: Int
        /// The line and column of `<loc>`.
        var locLine: Int
        var locColumn: Int
    }

    let kind: Kind
    let entries: [Entry]

    /// Parses a sitemap file.
    static func parse(_ file: EvidenceFile) throws(AssessmentIssue) -> Sitemap {
        let reader = Reader()
        let parser = XMLParser(data: Data(file.bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        _ = parser.parse()
        if let problem = reader.problem {
            throw file.error(problem.message, line: problem.line, column: problem.column, hint: problem.hint)
        }
        guard let kind = reader.kind else {
            throw file.error("the file holds no XML element: it is not a sitemap", line: 1, column: 1,
                             hint: "save the sitemap.xml itself, not a web page")
        }
        return Sitemap(kind: kind, entries: reader.entries)
    }

    /// The SAX delegate. Used on one thread for one parse.
    private final class Reader: NSObject, XMLParserDelegate {
        struct Problem {
            var message: String
            var line: Int
            var column: Int
            var hint: String?
        }

        var kind: Kind?
        var entries: [Entry] = []
        var problem: Problem?
        private var stack: [String] = []
        private var rootClosed = false
        private var current: Entry?
        private var text = ""
        private var capturing = false

        private var entryName: String { kind == .index ? "sitemap" : "url" }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            guard problem == nil else { return }
            if stack.isEmpty {
                switch name {
                case "urlset": kind = .urlset
                case "sitemapindex": kind = .index
                default:
                    fail(parser, "the root element is <\(qualifiedName ?? name)>, not <urlset> or <sitemapindex>: this is not a sitemap",
                         hint: "name the site's sitemap.xml (see sitemaps.org)")
                    return
                }
            } else if stack.count == 1, name == entryName {
                current = Entry(loc: "", lastmod: nil, line: parser.lineNumber, lastmodLine: 0, lastmodColumn: 0, locLine: 0, locColumn: 0)
            } else if stack.count == 2, current != nil, name == "loc" || name == "lastmod" {
                capturing = true
                text = ""
                if name == "loc" {
                    current?.locLine = parser.lineNumber
                    current?.locColumn = parser.columnNumber
                } else {
                    current?.lastmodLine = parser.lineNumber
                    current?.lastmodColumn = parser.columnNumber
                }
            }
            stack.append(name)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if capturing { text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if capturing { text += String(decoding: block, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard problem == nil else { return }
            if stack.count == 3, capturing {
                let value = text.trimmingSpaces()
                if name == "loc" { current?.loc = value } else if name == "lastmod" { current?.lastmod = value }
                capturing = false
            } else if stack.count == 2, name == entryName, let entry = current {
                guard !entry.loc.isEmpty else {
                    fail(parser, "a <\(entryName)> entry that starts on line \(entry.line) has no <loc>", line: entry.line, column: 1,
                         hint: "every entry needs the page's address in <loc>")
                    return
                }
                entries.append(entry)
                current = nil
            }
            stack.removeLast()
            if stack.isEmpty { rootClosed = true }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
            guard problem == nil else { return }
            let code = (error as NSError).code
            var hint: String? = "fix the XML at this point; the file must be well-formed"
            let message: String
            switch code {
            case 4: message = "no XML element found: the file is empty or is not XML"
            case 5:
                if rootClosed {
                    message = "there is content after the end of the root element"
                } else {
                    message = "the file ends before " + stack.reversed().map { "<\($0)>" }.joined(separator: ", ") + " \(stack.count == 1 ? "is" : "are") closed"
                    hint = "the sitemap may have been cut off while saving; save it again"
                }
            case 9: message = "a character that XML does not allow"
            case 23: message = "an entity reference is missing its ';'"
                hint = "write '&' as &amp;"
            case 26, 27: message = "an undefined entity (XML knows only &amp; &lt; &gt; &quot; &apos; and numeric references)"
                hint = "write a non-breaking space as &#160;, and '&' as &amp;"
            case 38: message = "'<' inside an attribute value"
            case 39: message = "an attribute value is not in quotes"
            case 41: message = "an attribute has no value"
            case 68: message = "a name was expected: a bare '&' must be written &amp;"
                hint = "write '&' in URLs as &amp;"
            case 73: message = "'>' expected: a tag is not finished"
            case 76: message = "an end tag does not match the open element" + (stack.last.map { " <\($0)>" } ?? "")
            case 80: message = "'--' inside a comment"
            default: message = "the XML is not well-formed (libxml2 error \(code))"
            }
            fail(parser, message, hint: hint)
        }

        private func fail(_ parser: XMLParser, _ message: String, line: Int? = nil, column: Int? = nil, hint: String? = nil) {
            guard problem == nil else { return }
            problem = Problem(message: message, line: line ?? parser.lineNumber, column: column ?? parser.columnNumber, hint: hint)
            parser.abortParsing()
        }
    }
}
