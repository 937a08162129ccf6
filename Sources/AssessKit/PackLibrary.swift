import AssessCore
import Foundation

/// The packs built into the binary, embedded from the repository's `packs/` by `scripts/embed-rubrics`.
public enum BuiltInPacks {
    /// The embedded files by repository path (`packs/ID/...`), for tests that check they match `packs/`.
    public static var embeddedFiles: [String: String] { files }

    /// The built-in packs, by folder name. A built-in pack that cannot be read is reported, never hidden
    /// (a test checks every built-in pack reads and validates).
    public static func packs() -> (packs: [Pack], problems: [Diagnostic]) {
        var folders: [String: [String: String]] = [:]
        for (path, text) in files {
            let parts = path.split(separator: "/", maxSplits: 2)
            guard parts.count == 3, parts[0] == "packs" else { continue }
            folders["packs/\(parts[1])", default: [:]][path] = text
        }
        var packs: [Pack] = []
        var problems: [Diagnostic] = []
        for (root, files) in folders.sorted(by: { $0.key < $1.key }) {
            let file = root + "/pack.yaml"
            guard let text = files[file] else { continue }
            do throws(LoadError) {
                let document: YAMLDocument
                do throws(DiagnosticError) { document = try YAMLParser.parse(text, file: file) } catch { throw .invalid(error) }
                packs.append(Pack(metadata: try PackMetadata.decode(document), origin: .builtIn, root: root, files: files))
            } catch {
                problems += error.diagnostics
            }
        }
        return (packs, problems)
    }
}

/// Finds packs and resolves what `--framework` names (docs/packs.md).
///
/// `--framework` takes a path (a framework folder, a `framework.yaml`, a pack folder, a pack's `.zip`) or a
/// pack id. An id is looked up in order: the `--packs` folders in the order given, then the folders of the
/// `ASSESS_PACKS` environment variable (separated by `:`), then the packs built into the binary. The first
/// pack with the id wins.
public struct PackLibrary: Sendable {
    /// Folders searched for packs, in order (`--packs`, then `ASSESS_PACKS`).
    public var folders: [String]
    /// Whether the built-in packs are searched last.
    public var includesBuiltIn: Bool
    /// Caps on pack archives.
    public var archiveLimits: PackArchive.Limits

    /// The name of the environment variable listing pack folders.
    public static let environmentVariable = "ASSESS_PACKS"

    /// A library searching `folders` (from `--packs`), then the folders in `environment["ASSESS_PACKS"]`.
    public init(folders: [String] = [], environment: [String: String] = [:], includesBuiltIn: Bool = true,
                archiveLimits: PackArchive.Limits = PackArchive.Limits()) {
        let fromEnvironment = (environment[Self.environmentVariable] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        self.folders = folders + fromEnvironment
        self.includesBuiltIn = includesBuiltIn
        self.archiveLimits = archiveLimits
    }

    /// What `--framework` names once resolved.
    public enum Resolved: Sendable {
        /// A framework folder or `framework.yaml`, loaded as before packs.
        case framework(String)
        /// A pack.
        case pack(Pack)
    }

    /// Every pack found, in lookup order, and the problems of any that could not be read. In a folder, each
    /// sub-folder holding a `pack.yaml` and each `.zip` file is a pack; other entries are ignored. A folder
    /// that does not exist is reported.
    public func available() -> (packs: [Pack], problems: [Diagnostic]) {
        var packs: [Pack] = []
        var problems: [Diagnostic] = []
        for folder in folders {
            guard FileReader.isDirectory(folder) else {
                problems.append(Diagnostic(.warning, file: folder, location: .unknown, message: "this packs folder does not exist",
                                           hint: "check --packs and \(Self.environmentVariable)"))
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let path = FileReader.resolve(name, relativeTo: folder)
                let isPack = FileReader.isDirectory(path) ? FileReader.exists(path + "/pack.yaml") : name.lowercased().hasSuffix(".zip")
                guard isPack else { continue }
                do throws(LoadError) {
                    packs.append(try read(path))
                } catch {
                    problems += error.diagnostics
                }
            }
        }
        if includesBuiltIn {
            let builtIn = BuiltInPacks.packs()
            packs += builtIn.packs
            problems += builtIn.problems
        }
        return (packs, problems)
    }

    /// Reads the pack at a path: a folder holding `pack.yaml`, that `pack.yaml` itself, or a `.zip`.
    public func read(_ path: String) throws(LoadError) -> Pack {
        if path.lowercased().hasSuffix(".zip"), !FileReader.isDirectory(path) {
            return try PackArchive.read(path, limits: archiveLimits)
        }
        let folder = FileReader.isDirectory(path) ? path : FileReader.folder(of: path)
        let file = FileReader.resolve("pack.yaml", relativeTo: folder)
        guard FileReader.exists(file) else {
            if FileReader.exists(path) {
                throw .invalid(DiagnosticError([Diagnostic(file: path, location: .unknown, message: "this is not a pack: there is no pack.yaml",
                                                           hint: "a pack is a folder holding pack.yaml and its framework; see docs/packs.md")]))
            }
            throw .notFound(path: path, hint: "name a pack folder, a pack's .zip, or a pack id")
        }
        let metadata = try PackMetadata.decode(FileReader.parse(file))
        return Pack(metadata: metadata, origin: .folder(folder), root: folder, files: nil)
    }

    /// Resolves a `--framework` value: an existing path is used as it is (a pack when it holds `pack.yaml`
    /// or is a `.zip`), anything else that reads as an id is looked up among the packs.
    public func resolve(_ reference: String) throws(LoadError) -> Resolved {
        if FileReader.isDirectory(reference) {
            return FileReader.exists(FileReader.resolve("pack.yaml", relativeTo: reference)) ? .pack(try read(reference)) : .framework(reference)
        }
        if FileReader.exists(reference) {
            if reference.lowercased().hasSuffix(".zip") || reference == "pack.yaml" || reference.hasSuffix("/pack.yaml") {
                return .pack(try read(reference))
            }
            return .framework(reference)
        }
        guard Self.looksLikeID(reference) else { return .framework(reference) }
        return .pack(try find(id: reference))
    }

    /// The first pack with an id, or a not-found error listing the packs there are, with the nearest id.
    public func find(id: String) throws(LoadError) -> Pack {
        let (packs, _) = available()
        if let pack = packs.first(where: { $0.metadata.id == id }) { return pack }
        throw .notFound(path: id, hint: "no pack has that id either; " + missing(id, among: packs))
    }

    /// The first pack with an id, or nil.
    public func pack(id: String) -> Pack? { available().0.first { $0.metadata.id == id } }

    /// What to say of an id no pack has: the nearest id and the packs there are, or where to add some.
    public func missing(_ id: String, among packs: [Pack]? = nil) -> String {
        let packs = packs ?? available().0
        var hint = Suggestion.nearest(to: id, in: packs.map(\.metadata.id)).map { "did you mean '\($0)'?; " } ?? ""
        if packs.isEmpty {
            hint += "no packs were found: add a folder of packs with --packs DIR or \(Self.environmentVariable)"
        } else {
            hint += "packs found: " + packs.map { "\($0.metadata.id) (\($0.origin.description))" }.joined(separator: ", ")
        }
        return hint
    }

    /// Whether a `--framework` value reads as a pack id rather than a path: no `/`, and no file extension
    /// that a path would have.
    public static func looksLikeID(_ text: String) -> Bool {
        guard !text.isEmpty, !text.contains("/") else { return false }
        let lower = text.lowercased()
        return ![".yaml", ".yml", ".json", ".zip"].contains { lower.hasSuffix($0) }
    }
}

extension AssessKit {
    /// Loads what `--framework` names (see ``PackLibrary/resolve(_:)``), or the built-in framework when nil.
    public static func loadFramework(
        reference: String?, packs library: PackLibrary, registry: AssessorRegistry = registry, plugins: [ExternalPlugin] = [],
        pluginTimeout: Double = 10, startPlugins: Bool = true
    ) throws(LoadError) -> Framework {
        guard let reference else {
            return try loadFramework(path: nil, registry: registry, plugins: plugins, pluginTimeout: pluginTimeout, startPlugins: startPlugins)
        }
        switch try library.resolve(reference) {
        case .framework(let path):
            return try loadFramework(path: path, registry: registry, plugins: plugins, pluginTimeout: pluginTimeout, startPlugins: startPlugins)
        case .pack(let pack):
            return try loadFramework(pack: pack, registry: registry, plugins: plugins, pluginTimeout: pluginTimeout, startPlugins: startPlugins)
        }
    }

    /// Loads a pack's framework.
    public static func loadFramework(
        pack: Pack, registry: AssessorRegistry = registry, plugins: [ExternalPlugin] = [], pluginTimeout: Double = 10,
        startPlugins: Bool = true
    ) throws(LoadError) -> Framework {
        let loader = FrameworkLoader(registry: registry, plugins: plugins, pluginTimeout: pluginTimeout, assessVersion: version,
                                     startPlugins: startPlugins)
        return try pack.loadFramework(loader)
    }
}
