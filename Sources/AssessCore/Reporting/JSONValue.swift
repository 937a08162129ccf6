/// A JSON value with ordered keys, written deterministically: the same value always gives the same bytes.
public indirect enum JSONValue: Sendable, Hashable {
    /// null
    case null
    /// true or false
    case bool(Bool)
    /// A number, written with at most `JSONValue.decimals` decimals and no exponent.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their order.
    case object([(String, JSONValue)])

    /// Decimals kept for numbers.
    public static let decimals = 3

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// A number or null.
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    /// A string or null.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, indent: 0)
        output.append(10)
        return String(decoding: output, as: UTF8.self)
    }

    private static func indentation(_ level: Int, into output: inout [UInt8]) {
        for _ in 0..<(level * 2) { output.append(32) }
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): output.append(contentsOf: Self.format(value).utf8)
        case .string(let value): Self.escape(value, into: &output)
        case .array(let items):
            if items.isEmpty { output.append(contentsOf: "[]".utf8); return }
            output.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                Self.indentation(indent + 1, into: &output)
                item.write(to: &output, indent: indent + 1)
                if index < items.count - 1 { output.append(UInt8(ascii: ",")) }
                output.append(10)
            }
            Self.indentation(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { output.append(contentsOf: "{}".utf8); return }
            output.append(contentsOf: "{\n".utf8)
            for (index, pair) in pairs.enumerated() {
                Self.indentation(indent + 1, into: &output)
                Self.escape(pair.0, into: &output)
                output.append(contentsOf: ": ".utf8)
                pair.1.write(to: &output, indent: indent + 1)
                if index < pairs.count - 1 { output.append(UInt8(ascii: ",")) }
                output.append(10)
            }
            Self.indentation(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Formats a number without exponent, trailing zeros or negative zero.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == 0 { return "0" }
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return Format.number(rounded, decimals: decimals).replacingCommas()
    }

    static func escape(_ text: String, into output: inout String) {
        var bytes: [UInt8] = []
        escape(text, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a JSON string, escaping quotes, backslashes, control characters, the HTML-sensitive `<`, `>` and
    /// `&` (so the JSON can be embedded in a page), and U+2028/U+2029.
    static func escape(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var iterator = text.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = iterator.next() {
            if !pending.isEmpty {
                pending.append(byte)
                if pending.count == 3 {
                    if pending == [0xE2, 0x80, 0xA8] || pending == [0xE2, 0x80, 0xA9] {
                        output.append(contentsOf: (pending[2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    } else {
                        output.append(contentsOf: pending)
                    }
                    pending.removeAll(keepingCapacity: true)
                } else if pending.count == 2, byte != 0x80 {
                    output.append(contentsOf: pending)
                    pending.removeAll(keepingCapacity: true)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 10: output.append(contentsOf: "\\n".utf8)
            case 13: output.append(contentsOf: "\\r".utf8)
            case 9: output.append(contentsOf: "\\t".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): output.append(contentsOf: "\\u0026".utf8)
            case 0xE2: pending.append(byte)
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 15)])
            default: output.append(byte)
            }
        }
        output.append(contentsOf: pending)
        output.append(UInt8(ascii: "\""))
    }
}

extension String {
    fileprivate func replacingCommas() -> String { filter { $0 != "," } }
}
