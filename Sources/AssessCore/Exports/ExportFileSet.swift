
import Foundation

// Helpers the domain plugins share for reading exports: one file, a folder of them, or an index listing them.

package extension AssessorInput {
    /// The export files named by the fact bound to a role, in a stable order.
    ///
    /// The fact's `file:` may name
    /// - one export file;
    /// - a folder: every file directly inside it whose name ends with one of `extensions` (hidden files are
    ///   skipped), sorted by name;
    /// - an index file (`.yaml`/`.yml` always; `.json` when it is a JSON array) listing the files, relative to
    ///   the index: a list of paths, or a mapping whose `files:` key holds that list.
    ///
    /// A missing folder, an empty folder, a missing listed file or a bad index entry is an error naming the
    /// file and line; so is a folder or index naming more than `limit` files.
    func exportFiles(_ role: String, extensions: [String], limit: Int = 1000) throws(AssessmentIssue) -> [EvidenceFile] {
        let fact = try fact(role)
        guard let written = fact.file, let path = fact.filePath else {
            return [try file(role)]  // throws the engine's "must name an export file" error
        }
        if files.isFolder(path) {
            return try folderFiles(fact: fact, written: written, path: path, extensions: extensions, limit: limit)
        }
        let file = try file(role)
        if let index = try ExportIndex.entries(of: file) {
            return try index.files(fact: fact, extensions: extensions, limit: limit, access: files)
        }
        return [file]
    }

    private func folderFiles(fact: Fact, written: String, path: String, extensions: [String], limit: Int)
        throws(AssessmentIssue) -> [EvidenceFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw invalidFact(fact, "the folder '\(written)' named by \(fact.key) cannot be read", hint: "check its permissions")
        }
        let wanted = extensions.map { "." + $0.lowercased() }
        let chosen = names.filter { name in
            !name.hasPrefix(".") && wanted.contains { name.lowercased().hasSuffix($0) }
                && FileReader.kind(of: FileReader.resolve(name, relativeTo: path)) != .success(.folder)
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !chosen.isEmpty else {
            throw invalidFact(fact, "the folder '\(written)' named by \(fact.key) holds no \(extensions.map { "." + $0 }.joined(separator: " or ")) files",
                              hint: "put the exports in the folder, or name one file")
        }
        guard chosen.count <= limit else {
            throw invalidFact(fact, "the folder '\(written)' holds \(chosen.count) files, over the limit of \(limit)",
                              hint: "keep the key pages only, or split the folder")
        }
        var files: [EvidenceFile] = []
        for name in chosen {
            let full = FileReader.resolve(name, relativeTo: path)
            do throws(FileRefusal) {
                files.append(EvidenceFile(fact: fact, path: full, bytes: try self.files.read(full)))
            } catch {
                if error == .outside {
                    let (message, hint) = FileRefusal.outsideMessage(written: FileReader.resolve(name, relativeTo: written), access: self.files)
                    throw invalidFact(fact, message, hint: hint)
                }
                throw invalidFact(fact, "the file '\(name)' in the folder '\(written)' \(error.reason)")
            }
        }
        return files
    }

    private func invalidFact(_ fact: Fact, _ message: String, hint: String? = nil) -> AssessmentIssue {
        .invalid(document.diagnostic(message, at: fact.location, hint: hint))
    }
}

/// An index file listing export files.
package struct ExportIndex {
    /// The index file.
    package let file: EvidenceFile
    /// The listed paths and the nodes that name them.
    package let entries: [(path: String, node: YAMLNode)]

    /// The entries of an index file, or nil when the file is not an index.
    package static func entries(of file: EvidenceFile) throws(AssessmentIssue) -> ExportIndex? {
        let lower = file.path.lowercased()
        let isYAML = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
        if !isYAML {
            guard lower.hasSuffix(".json"), file.bytes.first(where: { ![9, 10, 13, 32, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "[")
            else { return nil }
        }
        let root = try file.parsedJSON()
        var list = root
        if let files = root["files"] {
            list = files
        }
        guard let items = list.items else {
            throw file.error("an index of export files must be a list of paths, or a mapping with a 'files:' list, found \(root.kindDescription)",
                             line: root.location.line, column: root.location.column,
                             hint: "write one '- path/to/file' line per file, relative to the index file")
        }
        guard !items.isEmpty else {
            throw file.error("the index lists no files", line: list.location.line, column: list.location.column,
                             hint: "list one path per line")
        }
        var entries: [(String, YAMLNode)] = []
        for item in items {
            guard let text = item.scalar?.text, !(item.scalar?.isNull ?? true) else {
                throw file.error("each entry of the index must be a path, found \(item.kindDescription)",
                                 line: item.location.line, column: item.location.column)
            }
            entries.append((text, item))
        }
        return ExportIndex(file: file, entries: entries)
    }

    /// Reads the listed files, relative to the index's folder.
    package func files(fact: Fact, extensions: [String], limit: Int, access: FileAccess) throws(AssessmentIssue) -> [EvidenceFile] {
        guard entries.count <= limit else {
            throw file.error("the index lists \(entries.count) files, over the limit of \(limit)", line: 1, column: 1)
        }
        let folder = FileReader.folder(of: file.path)
        var files: [EvidenceFile] = []
        var seen: Set<String> = []
        for (written, node) in entries {
            let path = FileReader.resolve(written, relativeTo: folder)
            guard seen.insert(path).inserted else {
                throw file.error("'\(written)' is listed twice", line: node.location.line, column: node.location.column,
                                 hint: "list each file once")
            }
            do throws(FileRefusal) {
                files.append(EvidenceFile(fact: fact, path: path, bytes: try access.read(path)))
            } catch {
                if error == .outside {
                    let (message, hint) = FileRefusal.outsideMessage(written: written, key: "entry", access: access)
                    throw file.error(message, line: node.location.line, column: node.location.column, hint: hint)
                }
                throw file.error("the file '\(written)' listed in the index \(error.reason) (looked for \(path))",
                                 line: node.location.line, column: node.location.column,
                                 hint: "paths in an index are relative to the index file's folder")
            }
        }
        return files
    }
}

/// Small statistics shared by the assessors.
package enum Stats {
    /// The median of values (the mean of the middle two for an even count); nil when empty.
    package static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The arithmetic mean; nil when empty.
    package static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

package extension EvidenceFile {
    /// The file parsed as JSON, with a syntax error worded for JSON (the engine's parser also reads YAML) and
    /// located at its line and column.
    func parsedJSON() throws(AssessmentIssue) -> YAMLNode {
        do {
            return try json()
        } catch {
            guard case .invalid(var diagnostic) = error else { throw error }
            if diagnostic.message.hasPrefix("YAML syntax error: ") {
                diagnostic.message = "the file is not valid JSON: " + diagnostic.message.dropFirst("YAML syntax error: ".count)
            }
            throw .invalid(diagnostic)
        }
    }

    /// The file's name without its folder, for findings.
    var name: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The file as text: UTF-8 (a byte-order mark is dropped), or UTF-16 when it starts with a UTF-16
    /// byte-order mark (Matomo's CSV exports are UTF-16LE by default).
    var decodedText: String {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return Self.utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return Self.utf16(bytes.dropFirst(2), littleEndian: false) }
        return text
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | (b << 8) : (a << 8) | b)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
