import AssessCore
import Foundation
import ZIPFoundation

/// Reads a pack distributed as one `.zip` into memory. An archive is untrusted input: an entry whose path
/// leads outside the pack (`..`, an absolute path, a drive letter), a symbolic link, too many entries, or more
/// uncompressed bytes than the cap (a zip bomb) is refused with a clear error before anything is used, and
/// nothing is ever written to disk.
public enum PackArchive {
    /// Caps on what an archive may hold.
    public struct Limits: Sendable, Hashable {
        /// The largest archive file read, in bytes.
        public var maxArchiveBytes: Int
        /// The most uncompressed bytes, over all entries (counted as they are inflated, not as declared).
        public var maxTotalBytes: Int
        /// The most entries.
        public var maxEntries: Int

        /// Creates limits; the defaults are far above any real pack (the largest rubric file is about 100 KB).
        public init(maxArchiveBytes: Int = 32 << 20, maxTotalBytes: Int = 64 << 20, maxEntries: Int = 10_000) {
            self.maxArchiveBytes = maxArchiveBytes
            self.maxTotalBytes = maxTotalBytes
            self.maxEntries = maxEntries
        }
    }

    /// Reads the archive at `path` as a pack. The pack's files are either at the top of the archive or in one
    /// folder at its top (the usual result of zipping a pack folder).
    public static func read(_ path: String, limits: Limits = Limits()) throws(LoadError) -> Pack {
        try pack(entries(path, limits: limits), path: path)
    }

    /// The pack in an archive's checked entries.
    private static func pack(_ files: [String: [UInt8]], path: String) throws(LoadError) -> Pack {
        guard let prefix = packFolder(in: files.keys) else {
            throw refusal(path, "the archive has no pack.yaml at its top or in a single folder at its top",
                          hint: "zip the pack's folder (the one holding pack.yaml), such as: zip -r my-pack.zip my-pack")
        }
        var texts: [String: String] = [:]
        for (name, bytes) in files where name.hasPrefix(prefix) {
            // Only text is kept: a pack's YAML and notes. Other files (a PDF of the method) are not read.
            guard let text = String(bytes: bytes, encoding: .utf8) else { continue }
            texts[path + "/" + name.dropFirst(prefix.count)] = text
        }
        let metadataFile = path + "/pack.yaml"
        guard let metadataText = texts[metadataFile] else {
            throw refusal(metadataFile, "pack.yaml is not UTF-8 text", hint: "save pack.yaml as UTF-8")
        }
        let document: YAMLDocument
        do throws(DiagnosticError) {
            document = try YAMLParser.parse(metadataText, file: metadataFile)
        } catch {
            throw .invalid(error)
        }
        let metadata = try PackMetadata.decode(document)
        return Pack(metadata: metadata, origin: .archive(path), root: path, files: texts)
    }

    /// The file entries of an archive by path, after every check.
    ///
    /// The archive is read from its file, never from bytes in memory: ZIPFoundation 0.9.20's in-memory archive
    /// traps on an entry whose offset lies past the end of the data (a range with its bounds reversed), which a
    /// crafted archive can reach; reading the file gives a thrown error instead (the fuzz target checks this).
    static func entries(_ path: String, limits: Limits) throws(LoadError) -> [String: [UInt8]] {
        // Only a regular file of bounded size is opened: a folder, pipe or device is refused before it is read.
        do throws(FileRefusal) {
            _ = try FileReader.readRegular(path, limit: limits.maxArchiveBytes)
        } catch {
            if case .tooLarge(let size, let limit) = error {
                throw refusal(path, "the archive is \(size) bytes, over the limit of \(limit) bytes", hint: "a pack archive holds YAML files; remove anything else")
            }
            throw FileReader.loadError(error, path: path)
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw refusal(path, "this is not a zip archive (\(error))", hint: "name a pack folder, or a .zip made from one")
        }
        let name = path
        var count = 0
        var declared: UInt64 = 0
        var checked: [Entry] = []
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw refusal(name, "the archive has more than \(limits.maxEntries) entries", hint: "a pack needs a framework, its rubrics and examples; remove the rest")
            }
            let entryPath = entry.path
            if entry.type == .symlink {
                throw refusal(name, "the entry '\(entryPath)' is a symbolic link, which a pack archive may not hold",
                              hint: "put the file itself in the pack instead of a link to it")
            }
            if let problem = PackPath.problem(entryPath) {
                throw refusal(name, "the entry '\(entryPath)' \(problem); the archive is refused", hint: "zip the pack's folder from its parent folder, with relative paths only")
            }
            guard entry.type == .file else { continue }
            declared += entry.uncompressedSize
            if declared > UInt64(limits.maxTotalBytes) {
                throw bomb(name, limits: limits)
            }
            checked.append(entry)
        }
        var files: [String: [UInt8]] = [:]
        var total = 0
        for entry in checked {
            var bytes: [UInt8] = []
            do {
                // Counted as inflated: a header that under-declares its size cannot get past the cap.
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += chunk.count
                    if total > limits.maxTotalBytes { throw CapExceeded() }
                    bytes.append(contentsOf: chunk)
                }
            } catch is CapExceeded {
                throw bomb(name, limits: limits)
            } catch {
                throw refusal(name, "the entry '\(entry.path)' cannot be read (\(error))", hint: "make the archive again")
            }
            if files[entry.path] != nil {
                throw refusal(name, "the entry '\(entry.path)' appears twice", hint: "make the archive again from the pack's folder")
            }
            files[entry.path] = bytes
        }
        return files
    }

    private struct CapExceeded: Error {}

    private static func bomb(_ name: String, limits: Limits) -> LoadError {
        refusal(name, "the archive holds more than \(limits.maxTotalBytes) bytes once uncompressed, over the limit for a pack",
                hint: "a pack holds YAML files and notes; an archive that inflates this far is refused as a possible zip bomb")
    }

    /// The folder prefix (`""` or `NAME/`) holding `pack.yaml`: the archive's top, else its only top-level folder.
    static func packFolder(in names: Dictionary<String, [UInt8]>.Keys) -> String? {
        if names.contains("pack.yaml") { return "" }
        // macOS Finder adds a `__MACOSX/` folder of resource forks beside the zipped folder; it is not the pack.
        let tops = Set(names.compactMap { name in name.firstIndex(of: "/").map { String(name[..<$0]) + "/" } }).subtracting(["__MACOSX/"])
        guard tops.count == 1, let top = tops.first, names.contains(top + "pack.yaml") else { return nil }
        return top
    }

    static func refusal(_ file: String, _ message: String, hint: String) -> LoadError {
        .invalid(DiagnosticError([Diagnostic(file: file, location: .unknown, message: message, hint: hint)]))
    }
}
