#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files third-party input (evidence, rubrics, brand files) may make `assess` read, and how they are read.
///
/// A path is allowed when its real path (symlinks and `..` resolved, relative paths taken from the current
/// folder) is one of the allowed folders or inside one. Only regular files are read: a folder, named pipe,
/// device or socket is refused after `stat` and before anything is opened, so a FIFO cannot hang a run and
/// `/dev/zero` cannot fill memory. A file is read up to `maxBytes`; a longer one is refused.
///
/// A refused file is never opened, so nothing it holds can reach a message or a report.
public struct FileAccess: Sendable, Hashable {
    /// The allowed folders as real paths, the first being the one the input itself sits in.
    public let roots: [String]
    /// The largest file that may be read, in bytes.
    public let maxBytes: Int

    /// The size limit for export files.
    public static let exportLimit = 64 << 20

    /// Allows the given folders. Each is resolved to its real path; a folder that does not exist allows
    /// nothing (it is kept as written, so messages can still name it).
    public init(roots: [String], maxBytes: Int = FileAccess.exportLimit) {
        self.roots = roots.map { FileAccess.realPath($0) ?? FileAccess.lexicalAbsolute($0) }
        self.maxBytes = maxBytes
    }

    /// The same rules with one more allowed folder.
    public func allowing(_ folder: String) -> FileAccess {
        FileAccess(resolvedRoots: roots + [FileAccess.realPath(folder) ?? FileAccess.lexicalAbsolute(folder)], maxBytes: maxBytes)
    }

    private init(resolvedRoots: [String], maxBytes: Int) {
        self.roots = resolvedRoots
        self.maxBytes = maxBytes
    }

    /// Where a path leads.
    public enum Place: Sendable, Hashable {
        /// The path exists and its real path is inside an allowed folder.
        case inside(realPath: String)
        /// The path (or what a symlink on it points at) is outside every allowed folder.
        case outside
        /// Nothing exists at the path, which would be inside an allowed folder.
        case missing
    }

    /// Where a path leads, without opening anything.
    public func place(of path: String) -> Place {
        if let real = Self.realPath(path) {
            return isAllowed(real) ? .inside(realPath: real) : .outside
        }
        // Nothing there (or a dangling link): judge the path as written, with its existing folders resolved,
        // so a missing file outside the allowed folders is refused rather than reported missing.
        return isAllowed(Self.resolvedAsFarAsPossible(path)) ? .missing : .outside
    }

    /// Whether a real path is one of the allowed folders or inside one.
    public func isAllowed(_ realPath: String) -> Bool {
        roots.contains { root in
            root == "/" || realPath == root || (realPath.hasPrefix(root) && realPath.utf8.dropFirst(root.utf8.count).first == UInt8(ascii: "/"))
        }
    }

    /// Checks a path without reading it: nil when it is an allowed regular file (or, when `folders` is
    /// true, an allowed folder).
    public func check(_ path: String, folders: Bool = false) -> FileRefusal? {
        switch place(of: path) {
        case .outside: return .outside
        case .missing: return .missing
        case .inside(let real):
            switch FileReader.kind(of: real) {
            case .success(.regular): return nil
            case .success(.folder) where folders: return nil
            case .success(let kind): return .notRegular(kind)
            case .failure(let refusal): return refusal
            }
        }
    }

    /// Whether a path is an allowed folder.
    public func isFolder(_ path: String) -> Bool {
        guard case .inside(let real) = place(of: path), case .success(.folder) = FileReader.kind(of: real) else { return false }
        return true
    }

    /// Reads an allowed regular file whole.
    public func read(_ path: String) throws(FileRefusal) -> [UInt8] {
        switch place(of: path) {
        case .outside: throw .outside
        case .missing: throw .missing
        case .inside(let real): return try FileReader.readRegular(real, limit: maxBytes)
        }
    }

    // MARK: - Paths

    /// The real path (symlinks and `..` resolved, absolute), or nil when nothing exists there.
    public static func realPath(_ path: String) -> String? {
        guard !path.isEmpty, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The path made absolute from the current folder, with `.` and `..` removed as text.
    static func lexicalAbsolute(_ path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            let folder = realPath(".") ?? "/"
            absolute = folder == "/" ? "/" + path : folder + "/" + path
        }
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The real path of the deepest existing folder on the path, followed by the rest of the path as text.
    static func resolvedAsFarAsPossible(_ path: String) -> String {
        var parts = lexicalAbsolute(path).split(separator: "/").map(String.init)
        var rest: [String] = []
        while !parts.isEmpty {
            if let real = realPath("/" + parts.joined(separator: "/")) {
                return lexicalAbsolute(([real] + rest).joined(separator: "/"))
            }
            rest.insert(parts.removeLast(), at: 0)
        }
        return lexicalAbsolute("/" + rest.joined(separator: "/"))
    }
}

/// Why a file was not read. Messages are phrased to follow "the file 'x' named by y".
public enum FileRefusal: Error, Sendable, Hashable {
    /// Nothing exists at the path.
    case missing
    /// The path leads outside every allowed folder.
    case outside
    /// The path is not a regular file.
    case notRegular(FileKind)
    /// The file is larger than the limit.
    case tooLarge(bytes: Int, limit: Int)
    /// The file exists but cannot be read (permissions, I/O error).
    case unreadable(String)

    /// The reason, to follow "the file 'x' …".
    public var reason: String {
        switch self {
        case .missing: return "does not exist"
        case .outside: return "is outside the folders evidence may read"
        case .notRegular(let kind): return "is \(kind.phrase), not a regular file"
        case .tooLarge(let bytes, let limit): return "is \(bytes) bytes, over the limit of \(limit) bytes"
        case .unreadable(let why): return "cannot be read (\(why))"
        }
    }

    /// The sentence for a path that leads outside the allowed folders: `'file: x' is outside the evidence
    /// folder /f; move the file beside the evidence or allow its folder with --files-root DIR`.
    public static func outsideMessage(written: String, key: String = "file", access: FileAccess, what: String = "evidence") -> (message: String, hint: String) {
        let extra = access.roots.dropFirst()
        var message = "'\(key): \(written)' is outside the \(what) folder \(access.roots.first ?? "?")"
        if !extra.isEmpty { message += " and the folders allowed with --files-root (\(extra.joined(separator: ", ")))" }
        let hint: String
        switch what {
        case "evidence": hint = "move the file beside the evidence or allow its folder with --files-root DIR"
        case "framework": hint = "move the rubric into the framework's folder (beside framework.yaml or below it)"
        default: hint = "move the \(key) into the \(what) folder"
        }
        return (message, hint)
    }
}

/// What kind of thing a path is.
public enum FileKind: Sendable, Hashable {
    /// A regular file.
    case regular
    /// A folder.
    case folder
    /// A named pipe.
    case fifo
    /// A character or block device.
    case device
    /// A socket.
    case socket
    /// Anything else.
    case other

    /// The kind in words, with its article.
    public var phrase: String {
        switch self {
        case .regular: return "a file"
        case .folder: return "a folder"
        case .fifo: return "a named pipe (FIFO)"
        case .device: return "a device"
        case .socket: return "a socket"
        case .other: return "a special file"
        }
    }
}

extension FileReader {
    /// What a path is, following symlinks, found with `stat` (nothing is opened).
    public static func kind(of path: String) -> Result<FileKind, FileRefusal> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(refusal(errno)) }
        return .success(kind(info.st_mode))
    }

    static func kind(_ mode: mode_t) -> FileKind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .folder
        case S_IFIFO: return .fifo
        case S_IFCHR, S_IFBLK: return .device
        case S_IFSOCK: return .socket
        default: return .other
        }
    }

    private static func refusal(_ code: Int32) -> FileRefusal {
        switch code {
        case ENOENT, ENOTDIR: return .missing
        case EACCES, EPERM: return .unreadable("permission denied; check its permissions")
        default: return .unreadable(String(cString: strerror(code)))
        }
    }

    /// Reads a regular file whole, refusing anything else before opening it, and refusing a file over `limit`
    /// bytes without reading past the limit. The file opened is checked to be the one examined.
    public static func readRegular(_ path: String, limit: Int) throws(FileRefusal) -> [UInt8] {
        var before = stat()
        guard stat(path, &before) == 0 else { throw refusal(errno) }
        let found = kind(before.st_mode)
        guard found == .regular else { throw .notRegular(found) }
        guard Int(before.st_size) <= limit else { throw .tooLarge(bytes: Int(before.st_size), limit: limit) }
        // O_NONBLOCK: if the path was swapped for a FIFO since `stat`, opening it must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw refusal(errno) }
        defer { close(descriptor) }
        var after = stat()
        guard fstat(descriptor, &after) == 0 else { throw refusal(errno) }
        guard after.st_dev == before.st_dev, after.st_ino == before.st_ino, kind(after.st_mode) == .regular else {
            throw .unreadable("it changed while being opened; try again")
        }
        // One read into a buffer of the expected size (plus one byte, to notice a file that grew), then
        // chunks only if it did grow; never more than `limit` + 1 bytes in all.
        let expected = min(Int(after.st_size), limit)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < buffer.count {
                let read = systemRead(descriptor, base + count, buffer.count - count)
                if read < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if read == 0 { return }
                count += read
            }
        }
        if failure != 0 { throw refusal(failure) }
        if bytes.count > expected {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while bytes.count <= limit {
                let count = chunk.withUnsafeMutableBytes { buffer in systemRead(descriptor, buffer.baseAddress, buffer.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw refusal(errno)
                }
                if count == 0 { break }
                bytes.append(contentsOf: chunk[0..<count])
            }
            if bytes.count > limit { throw .tooLarge(bytes: max(bytes.count, Int(after.st_size)), limit: limit) }
        }
        return bytes
    }
}

/// `read(2)`, named apart from `FileReader.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
