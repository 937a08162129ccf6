import Foundation

/// Why an input could not be loaded.
public enum LoadError: Error, Sendable {
    /// The file or folder does not exist (exit code 66).
    case notFound(path: String, hint: String?)
    /// The input exists but has problems (exit code 65); every problem is listed.
    case invalid(DiagnosticError)

    /// The diagnostics, or a single one for a missing file.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .notFound(let path, let hint):
            return [Diagnostic(file: path, location: .unknown, message: "no such file or folder", hint: hint)]
        case .invalid(let error):
            return error.diagnostics
        }
    }
}

/// Reads input files, refusing ones that are missing, unreadable or too large.
public enum FileReader {
    /// Whether a path is an existing folder.
    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether a path exists.
    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// The bytes of a regular file (see ``readRegular(_:limit:)``): a folder, pipe or device is refused before
    /// it is opened, and a file over `limit` bytes without reading past the limit.
    public static func read(_ path: String, limit: Int = YAMLLimits().maxBytes) throws(LoadError) -> [UInt8] {
        do throws(FileRefusal) {
            return try readRegular(path, limit: limit)
        } catch {
            throw loadError(error, path: path)
        }
    }

    /// A refusal to read a file named on the command line or by a framework, as a load error.
    public static func loadError(_ refusal: FileRefusal, path: String) -> LoadError {
        let problem: (message: String, hint: String)
        switch refusal {
        case .missing:
            return .notFound(path: path, hint: "check the path; it is read relative to the current folder")
        case .notRegular(.folder):
            problem = ("this is a folder, not a file", "name a .yaml or .json file inside it")
        case .notRegular(let kind):
            problem = ("this is \(kind.phrase), not a regular file", "name a .yaml or .json file")
        case .tooLarge(let bytes, let limit):
            problem = ("the file is \(bytes) bytes, over the limit of \(limit) bytes", "split it into smaller files")
        case .unreadable(let why):
            problem = ("the file cannot be read (\(why))", "check its permissions")
        case .outside:
            problem = ("the file is outside the folders it may be read from", "move it into the folder of the file that names it")
        }
        return .invalid(DiagnosticError([Diagnostic(file: path, location: .unknown, message: problem.message, hint: problem.hint)]))
    }

    /// Parses a file as YAML (or JSON).
    public static func parse(_ path: String, limits: YAMLLimits = YAMLLimits()) throws(LoadError) -> YAMLDocument {
        let bytes = try read(path, limit: limits.maxBytes)
        do {
            return try YAMLParser.parse(bytes, file: path, limits: limits)
        } catch {
            throw .invalid(error)
        }
    }

    /// Joins a path relative to a folder, leaving absolute paths alone.
    public static func resolve(_ path: String, relativeTo folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }

    /// The folder part of a path ("." when there is none).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
