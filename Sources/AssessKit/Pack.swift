import AssessCore

/// What a pack's `pack.yaml` says about it: who published the method, under which licence, and where its
/// framework and worked examples are (docs/packs.md).
public struct PackMetadata: Sendable, Hashable {
    /// The pack's id, such as `dma-government`; `--framework ID` finds the pack by it.
    public var id: String
    /// Its title.
    public var title: String
    /// The pack's own version (the framework keeps its `version:`).
    public var version: String
    /// Who published the method.
    public var publisher: String
    /// Where the published method is (a URL).
    public var source: String?
    /// The licence, as an SPDX id where one exists.
    public var licence: String
    /// Where the licence text is.
    public var licenceURL: String?
    /// The attribution statement the licence asks for.
    public var attribution: String?
    /// The framework file, relative to the pack's folder (default `framework.yaml`).
    public var framework: String
    /// Evidence files of worked examples, relative to the pack's folder.
    public var examples: [String]
    /// A file noting what the published method leaves unclear and how the pack decided.
    public var notes: String?

    /// Creates metadata.
    public init(id: String, title: String, version: String, publisher: String, source: String? = nil, licence: String,
                licenceURL: String? = nil, attribution: String? = nil, framework: String = "framework.yaml",
                examples: [String] = [], notes: String? = nil) {
        self.id = id
        self.title = title
        self.version = version
        self.publisher = publisher
        self.source = source
        self.licence = licence
        self.licenceURL = licenceURL
        self.attribution = attribution
        self.framework = framework
        self.examples = examples
        self.notes = notes
    }

    /// The keys of `pack.yaml`.
    public static let keys = ["id", "title", "version", "publisher", "source", "licence", "licence-url", "attribution",
                              "framework", "examples", "notes"]

    /// Decodes a parsed `pack.yaml`, reporting every problem with its location.
    public static func decode(_ document: YAMLDocument) throws(LoadError) -> PackMetadata {
        let context = DecodingContext(document: document)
        guard let root = context.root(what: "a pack's id, title, version, publisher and licence"),
              let map = root.mapping(keys: keys, what: "a pack's id, title, version, publisher and licence") else {
            throw .invalid(DiagnosticError(context.diagnostics))
        }
        let id = map.string("id") ?? ""
        if let reader = map["id"], !id.isEmpty, !PackLabel.isValidID(id) {
            reader.error("'\(id)' is not a valid pack id", hint: "use lower-case letters, digits, '-' and '.' only, such as 'dma-government'")
        }
        let title = map.string("title") ?? ""
        let version = map.required("version", hint: "add the pack's own version, such as version: \"2023.1\"")?.string() ?? ""
        let publisher = map.required("publisher", hint: "add who published the method, such as publisher: Central Digital and Data Office")?.string() ?? ""
        let licence = map.required("licence", hint: "add the method's licence, as an SPDX id where one exists, such as licence: OGL-UK-3.0")?.string() ?? ""
        let source = map.optionalString("source")
        let licenceURL = map.optionalString("licence-url")
        for (key, value) in [("source", source), ("licence-url", licenceURL)] {
            guard let value, let reader = map[key] else { continue }
            if !(value.hasPrefix("https://") || value.hasPrefix("http://")) {
                reader.error("\(key) must be a web address, found '\(value)'", hint: "write the full address, starting https://")
            }
        }
        let attribution = map.optionalString("attribution")
        let framework = map["framework"].flatMap { reader in reader.string().map { checkPath($0, at: reader) } } ?? "framework.yaml"
        var examples: [String] = []
        if let list = map["examples"]?.list() {
            for entry in list { if let path = entry.string() { examples.append(checkPath(path, at: entry)) } }
        }
        let notes = map["notes"].flatMap { reader in reader.string().map { checkPath($0, at: reader) } }
        guard context.diagnostics.isEmpty else { throw .invalid(DiagnosticError(context.diagnostics)) }
        return PackMetadata(id: id, title: title, version: version, publisher: publisher, source: source, licence: licence,
                            licenceURL: licenceURL, attribution: attribution, framework: framework, examples: examples, notes: notes)
    }

    /// A path inside the pack: relative, with no `..` and no backslashes, so it cannot lead out of the pack.
    private static func checkPath(_ path: String, at reader: NodeReader) -> String {
        if let problem = PackPath.problem(path) {
            reader.error("'\(path)' \(problem)", hint: "write a path relative to the folder holding pack.yaml, such as examples/worked-example.yaml")
        }
        return path
    }
}

/// Checks on paths named inside a pack (by `pack.yaml` or by an archive entry).
enum PackPath {
    /// Why a path cannot name a file inside the pack, or nil when it can.
    static func problem(_ path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path.hasPrefix("/") || path.hasPrefix("~") { return "is an absolute path, which leads outside the pack" }
        if path.contains("\\") { return "contains a backslash; write '/' between folders" }
        if path.count >= 2, path.dropFirst().first == ":" { return "starts with a drive letter, which leads outside the pack" }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return "contains '..', which leads outside the pack" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "contains a control character" }
        return nil
    }
}

/// Where a pack was found.
public enum PackOrigin: Sendable, Hashable {
    /// A folder on disk holding `pack.yaml`.
    case folder(String)
    /// A `.zip` archive of a pack folder, read into memory.
    case archive(String)
    /// Embedded in the `assess` binary from the repository's `packs/`.
    case builtIn

    /// How listings name it: the path, or `built-in`.
    public var description: String {
        switch self {
        case .folder(let path), .archive(let path): return path
        case .builtIn: return "built-in"
        }
    }

    /// The kind, for JSON listings: `folder`, `archive` or `built-in`.
    public var kind: String {
        switch self {
        case .folder: return "folder"
        case .archive: return "archive"
        case .builtIn: return "built-in"
        }
    }
}

/// A pack: its metadata and where its files are.
public struct Pack: Sendable {
    /// What `pack.yaml` says.
    public var metadata: PackMetadata
    /// Where it was found.
    public var origin: PackOrigin
    /// The display path of the pack's folder: a folder on disk, `NAME.zip`, or `packs/ID` for a built-in pack.
    public var root: String
    /// The pack's text files, keyed by display path (`root/relative`), for packs read into memory (archives and
    /// built-in packs); nil for a folder on disk.
    var files: [String: String]?

    /// The id and version, for results.
    public var label: PackLabel { PackLabel(id: metadata.id, version: metadata.version) }

    /// The display path of a file named relative to the pack's folder.
    public func path(_ relative: String) -> String { root.hasSuffix("/") ? root + relative : root + "/" + relative }

    /// The display path of its framework file.
    public var frameworkFile: String { path(metadata.framework) }

    /// Whether a file named relative to the pack's folder exists.
    public func contains(_ relative: String) -> Bool {
        if let files { return files[path(relative)] != nil }
        return FileReader.exists(path(relative))
    }

    /// The text of one of the pack's files by display path (``path(_:)``), from memory for an archive or a
    /// built-in pack, else from disk; for `assess export-table` and `assess import --base`, which read the YAML
    /// as written.
    public func text(_ displayPath: String) throws(LoadError) -> String {
        if let files {
            guard let text = files[displayPath] else { throw .notFound(path: displayPath, hint: "the pack does not hold this file") }
            return text
        }
        let bytes = try FileReader.read(displayPath)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Loads the pack's framework; a rubric may not lead outside the pack, and the result names the pack.
    public func loadFramework(_ loader: FrameworkLoader) throws(LoadError) -> Framework {
        var framework: Framework
        if let files {
            guard files[frameworkFile] != nil else {
                throw .notFound(path: frameworkFile, hint: "the pack's 'framework:' names a file the pack does not hold")
            }
            framework = try loader.load(embedded: files, frameworkFile: frameworkFile)
        } else {
            var loader = loader
            loader.fileRoots.append(root)  // rubrics may sit anywhere in the pack, never outside it
            framework = try loader.load(path: frameworkFile)
        }
        framework.pack = label
        return framework
    }

    /// Loads one of its worked examples (a path relative to the pack's folder).
    public func loadExample(_ relative: String, loader: EvidenceLoader) throws(LoadError) -> Evidence {
        let file = path(relative)
        guard let files else { return try loader.load(path: file) }
        guard let text = files[file] else { throw .notFound(path: file, hint: "pack.yaml lists an example the pack does not hold") }
        let document: YAMLDocument
        do throws(DiagnosticError) {
            document = try YAMLParser.parse(text, file: file, limits: loader.limits)
        } catch {
            throw .invalid(error)
        }
        return try loader.decode(document)
    }
}
