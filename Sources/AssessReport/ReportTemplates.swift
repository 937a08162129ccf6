import AssessCore
import Foundation
import Mustache

/// The default report templates, embedded from `templates/` by `scripts/embed-rubrics`.
public enum DefaultTemplates {
    /// The embedded files by repository path, for the test that checks they match `templates/`.
    public static var embeddedFiles: [String: String] { files }
}

/// A consultant's branding: name, logo and colours, from `brand.yaml` in a template folder.
public struct Brand: Sendable, Hashable {
    /// Shown in the masthead when there is no logo, and as the logo's text alternative.
    public var name: String
    /// The logo as a `data:` URI, so the report stays one self-contained file.
    public var logo: String?
    /// Main colour (links, masthead border, chart).
    public var primary: String
    /// Masthead background.
    public var primaryDark: String

    /// The default: GOV.UK blue.
    public static let standard = Brand(name: "", logo: nil, primary: "#1d70b8", primaryDark: "#0b0c0c")
}

/// Markdown escaping for Mustache's `{{ }}` in Markdown templates (`{{% CONTENT_TYPE: MARKDOWN}}`).
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownReporter.escape(text) }
}

/// The templates a report is rendered with: the defaults, overridden file by file by a template folder.
public struct ReportTemplates: Sendable {
    let library: MustacheLibrary
    /// The branding.
    public let brand: Brand

    /// The names of the templates a folder may replace.
    public static let names = ["report.html", "report.md", "styles", "comparisons-html", "comparisons-md"]

    /// The default templates and brand.
    public static func standard() throws(LoadError) -> ReportTemplates {
        try load(directory: nil)
    }

    /// Loads the defaults, then any `*.mustache` files and `brand.yaml` in a folder.
    public static func load(directory: String?) throws(LoadError) -> ReportTemplates {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        var sources: [String: (file: String, text: String)] = [:]
        for (path, text) in DefaultTemplates.files {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            sources[name] = (path, text)
        }
        var brand = Brand.standard
        if let directory {
            guard FileReader.isDirectory(directory) else {
                throw .notFound(path: directory, hint: "--template names a folder holding .mustache files and brand.yaml")
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let path = FileReader.resolve(name, relativeTo: directory)
                let bytes = try FileReader.read(path)
                sources[String(name.dropLast(".mustache".count))] = (path, String(decoding: bytes, as: UTF8.self))
            }
            let brandPath = FileReader.resolve("brand.yaml", relativeTo: directory)
            if FileReader.exists(brandPath) { brand = try loadBrand(brandPath, folder: directory) }
        }
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(Diagnostic(file: source.file,
                                           location: SourceLocation(line: error.context.lineNumber, column: error.context.columnNumber),
                                           message: "template error: \(error.error)", hint: "check the Mustache tags on this line",
                                           sourceLine: error.context.line))
            } catch {
                problems.append(Diagnostic(file: source.file, location: .unknown, message: "template error: \(error)"))
            }
        }
        if !problems.isEmpty { throw .invalid(DiagnosticError(problems)) }
        return ReportTemplates(library: library, brand: brand)
    }

    static func loadBrand(_ path: String, folder: String) throws(LoadError) -> Brand {
        let document = try FileReader.parse(path)
        let context = DecodingContext(document: document)
        var brand = Brand.standard
        if let root = context.root(what: "name, logo and colours"), let map = root.mapping(keys: ["name", "logo", "colours"]) {
            if let name = map.optionalString("name") { brand.name = name }
            if let logo = map["logo"], let file = logo.string() {
                let logoPath = FileReader.resolve(file, relativeTo: folder)
                let type = file.lowercased().hasSuffix(".svg") ? "image/svg+xml"
                    : file.lowercased().hasSuffix(".png") ? "image/png"
                    : file.lowercased().hasSuffix(".jpg") || file.lowercased().hasSuffix(".jpeg") ? "image/jpeg" : nil
                // The logo must sit in the template folder (symlinks resolved), like a rubric in its framework's.
                let access = FileAccess(roots: [folder], maxBytes: 8 << 20)
                if type == nil {
                    logo.error("the logo must be an .svg, .png or .jpg file")
                } else if let type {
                    do throws(FileRefusal) {
                        brand.logo = "data:\(type);base64," + Data(try access.read(logoPath)).base64EncodedString()
                    } catch {
                        if error == .outside {
                            let (message, hint) = FileRefusal.outsideMessage(written: file, key: "logo", access: access, what: "template")
                            logo.error(message, hint: hint)
                        } else {
                            logo.error("the logo file '\(file)' \(error.reason) (looked for \(logoPath))")
                        }
                    }
                }
            }
            if let colours = map["colours"]?.mapping(keys: ["primary", "primary-dark"]) {
                for (key, keyPath) in [("primary", \Brand.primary), ("primary-dark", \Brand.primaryDark)] {
                    guard let reader = colours[key], let value = reader.string() else { continue }
                    // Only #rgb or #rrggbb: a colour goes into the stylesheet, so nothing else may get there.
                    let hex = value.dropFirst()
                    if value.hasPrefix("#"), [3, 6].contains(hex.count), hex.allSatisfy(\.isHexDigit) {
                        brand[keyPath: keyPath] = value
                    } else {
                        reader.error("\(key) must be a colour written #rrggbb, found \"\(value)\"")
                    }
                }
            }
        }
        if !context.diagnostics.isEmpty { throw .invalid(DiagnosticError(context.diagnostics)) }
        return brand
    }

    /// Renders a template with a view model.
    func render(_ model: [String: Any], template name: String) -> String {
        library.render(model, withTemplate: name) ?? ""
    }
}
