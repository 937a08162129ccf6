#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an output file the way a careful Unix tool does.
///
/// - Whole or not at all: the bytes go to a new temporary file beside the target (created with `O_EXCL`),
///   are flushed to disk, and the temporary file is renamed over the target. On any failure it is removed.
/// - An existing file keeps its permissions (a 0600 report stays 0600) and, where allowed, its owner and group.
///   Like any atomic rewrite it gets a new inode, so other hard links to it keep the old content.
/// - A symlink is written through: its target is replaced, the link stays.
/// - A read-only file, a folder, or a file that is also an input of the run is refused, and nothing is written.
/// - An existing device or pipe (`/dev/stdout`, `/dev/null`) is written to directly, as `cat > x` would.
public enum OutputFile {
    /// Why an output file was not written.
    public enum Failure: Error, Sendable, Hashable {
        /// The path is a folder.
        case folder
        /// The file exists and may not be written.
        case readOnly
        /// The path is the same file as an input of the run (named as the user wrote the input).
        case isInput(String)
        /// The file cannot be created or written, with the system's reason.
        case cannotWrite(String)

        /// The problem in words, to follow the path: `out.json: error: <message>`.
        public var message: String {
            switch self {
            case .folder: return "the output is a folder; name a file to write (a new file inside that folder, for example)"
            case .readOnly: return "the output file is read-only, so it was left as it is; make it writable (chmod u+w) or name another file"
            case .isInput(let input): return "the output file is also an input of this run (\(input)); name another file so the input is not overwritten"
            case .cannotWrite(let reason): return "cannot write the output file (\(reason)); check the folder exists and is writable"
            }
        }
    }

    /// The refusal for writing `path` in a run that reads `inputs`, found without writing anything; nil when
    /// it may be written. Files are compared by device and inode, so `./x`, `x`, a symlink to x and a hard
    /// link to x are all the same file.
    public static func check(_ path: String, inputs: [String] = []) -> Failure? {
        let target = finalTarget(of: path)
        var info = stat()
        guard stat(target, &info) == 0 else {
            return errno == ENOENT ? nil : .cannotWrite(String(cString: strerror(errno)))
        }
        if info.st_mode & S_IFMT == S_IFDIR { return .folder }
        for input in inputs {
            var other = stat()
            if stat(input, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino { return .isInput(input) }
        }
        // No write permission bit at all counts as read-only even for root, who may write anything.
        if info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o222 == 0 { return .readOnly }
        // No write permission bit at all counts as read-only even for root, who may write anything.
        if info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o222 == 0 { return .readOnly }
        if access(target, W_OK) != 0 { return errno == EACCES || errno == EROFS || errno == EPERM ? .readOnly : .cannotWrite(String(cString: strerror(errno))) }
        return nil
    }

    /// Writes bytes to `path` whole or not at all (see the type's rules), after ``check(_:inputs:)``.
    ///
    /// `durable: false` skips the two `fsync`s (of the file and of its folder): the file is still whole or
    /// absent if the process stops, but a power cut may lose it. A batch writing thousands of results uses
    /// it.
    public static func write(_ bytes: [UInt8], to path: String, inputs: [String] = [], durable: Bool = true) throws(Failure) {
        if let refusal = check(path, inputs: inputs) { throw refusal }
        let target = finalTarget(of: path)
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists, info.st_mode & S_IFMT != S_IFREG {
            try writeInPlace(bytes, to: target)
            return
        }
        let folder = FileReader.folder(of: target)
        let name = target.split(separator: "/").last.map(String.init) ?? "output"
        // A new file gets what `open` gives (0666 less the umask); an existing one keeps its mode exactly.
        let mode: mode_t = exists ? info.st_mode & 0o7777 : 0o666
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<100 {
            temporary = FileReader.resolve(".\(name).assess-\(getpid())-\(attempt)-\(UInt32.random(in: 0...UInt32.max))", relativeTo: folder)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, exists ? mode & 0o700 : mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw .cannotWrite(String(cString: strerror(errno))) }
        var failure: Failure?
        if exists {
            // Keep the owner and group where allowed (only root may give a file away; otherwise it is ours).
            _ = fchown(descriptor, info.st_uid, info.st_gid)
            if fchmod(descriptor, mode) != 0 { failure = .cannotWrite(String(cString: strerror(errno))) }
        }
        if failure == nil { failure = writeAll(bytes, to: descriptor) }
        if failure == nil, durable, fsync(descriptor) != 0 { failure = .cannotWrite(String(cString: strerror(errno))) }
        if close(descriptor) != 0, failure == nil { failure = .cannotWrite(String(cString: strerror(errno))) }
        if failure == nil, rename(temporary, target) != 0 { failure = .cannotWrite(String(cString: strerror(errno))) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // Make the rename itself durable; a folder that cannot be synced is not a failure of the write.
        guard durable else { return }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// The path a write to `path` lands on: symlinks followed to their final target, even a dangling one
    /// (which the write then creates), up to 40 links.
    public static func finalTarget(of path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : FileReader.resolve(link, relativeTo: FileReader.folder(of: current))
        }
        return current
    }

    private static func writeInPlace(_ bytes: [UInt8], to target: String) throws(Failure) {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw .cannotWrite(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        if let failure = writeAll(bytes, to: descriptor) { throw failure }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Failure? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return .cannotWrite(String(cString: strerror(errno)))
            }
            offset += written
        }
        return nil
    }
}

/// `write(2)`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
