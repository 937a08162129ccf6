import Foundation

/// A parsed document's arena in a compact, embeddable form: the built-in framework ships its trees already
/// parsed, so a run rebuilds them from a few arrays instead of parsing its YAML again.
///
/// The archive is base64 text holding, little-endian: a magic number, a fingerprint of the source bytes (an
/// archive is only used with the bytes it was made from), a flags byte, the root's slot (-1 for none), the
/// three array lengths, then the nodes (kind, line, column, start, count), the children and the scalar text.
extension YAMLDocument {
    private static let archiveMagic: UInt32 = 0x3141_5941  // "AYA1"
    private static let headerSize = 4 + 8 + 1 + 4 + 4 + 4 + 4
    private static let nodeSize = 1 + 4 * 4

    /// The document's parsed tree as archive text for ``init(file:bytes:archive:)``; nil when the document
    /// cannot be rebuilt from one: it has problems (duplicate keys), or a root built by hand.
    public var archive: String? {
        guard problems.isEmpty else { return nil }
        var out: [UInt8] = []
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func put(_ value: Int32) { put(UInt32(bitPattern: value)) }
        put(Self.archiveMagic)
        withUnsafeBytes(of: Self.fingerprint(bytes).littleEndian) { out.append(contentsOf: $0) }
        guard let root else {
            out.append(0)
            put(Int32(-1))
            put(UInt32(0)); put(UInt32(0)); put(UInt32(0))
            return Data(out).base64EncodedString()
        }
        guard let (tree, index) = root.arena else { return nil }
        out.append(tree.holdsUnusableNumber ? 1 : 0)
        put(index)
        put(UInt32(tree.nodes.count)); put(UInt32(tree.children.count)); put(UInt32(tree.text.count))
        for node in tree.nodes {
            out.append(node.kind.rawValue)
            put(node.line); put(node.column); put(node.start); put(node.count)
        }
        for child in tree.children { put(child) }
        out.append(contentsOf: tree.text)
        return Data(out).base64EncodedString()
    }

    /// Rebuilds a parsed document from ``archive`` text made from the same `bytes`, which are kept for quoting
    /// lines in diagnostics. Nil when the archive is malformed, or was made from other bytes (a stale archive):
    /// the caller then parses the bytes.
    public init?(file: String, bytes: [UInt8], archive: String) {
        guard let data = Data(base64Encoded: archive), data.count >= Self.headerSize else { return nil }
        let parts: (tree: YAMLTree?, root: Int32)? = data.withUnsafeBytes { raw -> (YAMLTree?, Int32)? in
            func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
            func i32(_ offset: Int) -> Int32 { Int32(bitPattern: u32(offset)) }
            guard u32(0) == Self.archiveMagic,
                  UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self)) == Self.fingerprint(bytes)
            else { return nil }
            let flags = raw[12]
            let root = i32(13)
            let nodeCount = Int(u32(17)), childCount = Int(u32(21)), textCount = Int(u32(25))
            let nodesStart = Self.headerSize
            let childrenStart = nodesStart + nodeCount * Self.nodeSize
            let textStart = childrenStart + childCount * 4
            guard textStart + textCount == raw.count, root >= -1, Int(root) < nodeCount else { return nil }
            if root == -1 { return (nil, -1) }
            var nodes: [YAMLTree.Node] = []
            nodes.reserveCapacity(nodeCount)
            for slot in 0..<nodeCount {
                let offset = nodesStart + slot * Self.nodeSize
                guard let kind = YAMLTree.Node.Kind(rawValue: raw[offset]) else { return nil }
                let node = YAMLTree.Node(kind: kind, line: i32(offset + 1), column: i32(offset + 5), start: i32(offset + 9),
                                         count: i32(offset + 13))
                // Every slot a node names must exist, so reading the tree can never go out of bounds.
                let limit = kind == .plain || kind == .quoted ? textCount : childCount
                guard node.start >= 0, node.count >= 0, Int(node.start) + Int(node.count) <= limit else { return nil }
                nodes.append(node)
            }
            var children: [Int32] = []
            children.reserveCapacity(childCount)
            for slot in 0..<childCount {
                let child = i32(childrenStart + slot * 4)
                guard child >= 0, Int(child) < nodeCount else { return nil }
                children.append(child)
            }
            let text = [UInt8](UnsafeRawBufferPointer(rebasing: raw[textStart..<(textStart + textCount)]))
            return (YAMLTree(nodes: nodes, children: children, text: text, holdsUnusableNumber: flags & 1 != 0), root)
        }
        guard let parts else { return nil }
        self.init(file: file, root: parts.tree.map { YAMLNode(tree: $0, index: parts.root) }, bytes: bytes)
    }

    /// A 64-bit FNV-1a hash of the source bytes, tying an archive to the text it was made from.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
