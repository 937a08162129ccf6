import Foundation

/// Where results come from: a result JSON file (`assess score --format json`), a folder of them (read
/// recursively; a batch folder's `results/`), or a results store. The store is a seam: the caller supplies
/// the function that reads result documents out of it, so the engine does not depend on SQLite.
public enum ResultSource: Sendable, Hashable {
    /// One result JSON file.
    case file(String)
    /// A folder of result JSON files, read recursively in path order.
    case folder(String)
    /// A results store (`--store FILE`), optionally one period of it.
    case store(path: String, period: String?)

    /// A path as a source: a folder, or else a file.
    public static func path(_ path: String) -> ResultSource {
        FileReader.isDirectory(path) ? .folder(path) : .file(path)
    }

    /// Reads a store: result documents as (a name for messages, the JSON bytes). Supplied by whoever links the store.
    public typealias StoreReader = (_ path: String, _ period: String?) throws(LoadError) -> [(name: String, data: [UInt8])]

    /// Reads every result in the source. Every unreadable document is reported, not just the first.
    public func load(store: StoreReader? = nil) throws(LoadError) -> [AssessmentReader.Document] {
        var named: [(String, [UInt8])] = []
        switch self {
        case .file(let path):
            guard FileReader.exists(path) else { throw .notFound(path: path, hint: "give a result JSON file ('assess score --format json') or a folder of them") }
            named = [(path, try FileReader.read(path))]
        case .folder(let path):
            let files = Self.jsonFiles(in: path)
            if files.isEmpty {
                throw .invalid(DiagnosticError([Diagnostic(file: path, location: .unknown, message: "the folder holds no result JSON files",
                                                           hint: "write them with 'assess score --format json' or 'assess batch'")]))
            }
            for file in files { named.append((file, try FileReader.read(file))) }
        case .store(let path, let period):
            guard let store else {
                throw .invalid(DiagnosticError([Diagnostic(file: path, location: .unknown, message: "this build of assess cannot read a results store",
                                                           hint: "export the results as JSON files and give their folder instead")]))
            }
            named = try store(path, period)
        }
        var documents: [AssessmentReader.Document] = []
        var problems: [Diagnostic] = []
        for (name, bytes) in named {
            do throws(AssessmentReader.ReadError) {
                documents.append(try AssessmentReader.read(Data(bytes), file: name))
            } catch {
                problems.append(Diagnostic(file: name, location: .unknown, message: Self.message(error), hint: nil))
            }
        }
        if !problems.isEmpty { throw .invalid(DiagnosticError(problems)) }
        return documents
    }

    /// The reader's message without its `file: error: ` prefix (the diagnostic adds it again).
    static func message(_ error: AssessmentReader.ReadError) -> String {
        let text = error.description
        guard let range = text.range(of: ": error: ") else { return text }
        return String(text[range.upperBound...])
    }

    /// `*.json` files under a folder, recursively, in path order; a batch folder's `results/` when it has one.
    /// Hidden files and symbolic links to folders are not followed.
    public static func jsonFiles(in folder: String) -> [String] {
        let results = (folder as NSString).appendingPathComponent("results")
        let root = FileReader.isDirectory(results) ? results : folder
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "json" {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let relative = String(url.path.dropFirst(URL(fileURLWithPath: root).path.count))
                files.append((root as NSString).appendingPathComponent(relative))
            }
        }
        return files.sorted()
    }
}
