import Foundation
import ZIPFoundation

/// Zip archives made at test time: a pack folder zipped as a user would, and hostile archives (path traversal,
/// symbolic links, bombs) that no honest tool makes.
public enum ZipFixtures {
    /// One entry to write.
    public struct Entry: Sendable {
        /// The path stored in the archive, as it is (it may be hostile).
        public var path: String
        /// The bytes of a file, or the target of a symbolic link.
        public var bytes: [UInt8]
        /// Whether it is a symbolic link.
        public var symlink: Bool

        /// A file entry.
        public init(_ path: String, _ text: String) {
            self.path = path
            self.bytes = Array(text.utf8)
            self.symlink = false
        }

        /// An entry with given bytes, or a symbolic link to `bytes` as a path.
        public init(_ path: String, bytes: [UInt8], symlink: Bool = false) {
            self.path = path
            self.bytes = bytes
            self.symlink = symlink
        }
    }

    /// Writes entries, deflated, to a new archive at `url`.
    public static func write(_ entries: [Entry], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(with: entry.path, type: entry.symlink ? .symlink : .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: entry.symlink ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
    }

    /// Zips a folder's files as `zip -r NAME.zip FOLDER` would: every path starts with the folder's name,
    /// unless `top` is false (then the files are at the archive's top).
    public static func zip(folder: URL, to url: URL, top: Bool = true) throws {
        var entries: [Entry] = []
        let base = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let relative = enumerator?.nextObject() as? String {
            let path = base + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            entries.append(Entry((top ? folder.lastPathComponent + "/" : "") + relative, bytes: bytes))
        }
        try write(entries.sorted { $0.path < $1.path }, to: url)
    }
}
