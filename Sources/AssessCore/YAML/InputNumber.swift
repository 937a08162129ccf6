/// The one place where numbers from input (evidence, rubrics, export files, plugin responses) are checked
/// before anything computes with them.
///
/// A number is usable when it is finite and its magnitude is at most 2^53 − 1 (9,007,199,254,740,991), the
/// largest whole number a `Double` holds exactly. Nothing a council measures comes near it (the UK has about
/// 70 million people), so a larger value is a typing or export error, and refusing it where it enters keeps
/// every later sum, ratio and formatted figure exact and free of traps.
public enum InputNumber {
    /// The largest magnitude accepted: 2^53 − 1.
    public static let largest: Double = 9_007_199_254_740_991

    /// Why a value that reads as a number cannot be used.
    public enum Problem: Sendable, Hashable {
        /// Infinite or not a number (`.inf`, `.nan`, `1e999`).
        case notFinite
        /// Finite but beyond ±(2^53 − 1).
        case tooLarge
    }

    /// What a text holds, read as a number.
    public enum Reading: Sendable, Hashable {
        /// Not a number at all (a word, a date, a list...).
        case notNumber
        /// A usable number.
        case value(Double)
        /// A number that cannot be used.
        case unusable(Problem)
    }

    /// The problem with a value, or nil when it is usable.
    public static func problem(_ value: Double) -> Problem? {
        guard value.isFinite else { return .notFinite }
        return abs(value) > largest ? .tooLarge : nil
    }

    /// Reads text as a decimal number (optional sign, fraction, exponent, `_` separators) or one of YAML's
    /// special floats (`.inf`, `-.inf`, `.nan`, in the case forms YAML 1.2 allows).
    public static func read(_ text: String) -> Reading {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count < 400 else { return .notNumber }
        let startsLikeNumber = (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        guard startsLikeNumber else { return .notNumber }
        if first == UInt8(ascii: ".") || utf8.count <= 5 {
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
                return .unusable(.notFinite)
            default: break
            }
        }
        // Swift's Double(_:) also reads "-inf", "+nan" and hexadecimal; only decimal digits count here.
        var digits = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "_"): break
            default: return .notNumber
            }
        }
        guard digits else { return .notNumber }
        let value = utf8.contains(UInt8(ascii: "_")) ? Double(String(text.filter { $0 != "_" })) : Double(text)
        guard let value else { return .notNumber }
        if let problem = problem(value) { return .unusable(problem) }
        return .value(value)
    }

    /// What is wrong, for a message: "rating is 1e19, outside the usable range ...".
    public static func message(_ what: String, is text: String, _ problem: Problem) -> String {
        switch problem {
        case .notFinite: return "\(what) is \(text), which is not a finite number"
        case .tooLarge: return "\(what) is \(text), outside the usable range -9,007,199,254,740,991 to 9,007,199,254,740,991"
        }
    }

    /// How to fix it, for a hint.
    public static let hint = "write the figure as measured: no count or amount comes near 9 quadrillion, so check for a typing or export error"

    /// How to fix it when the text was meant as text, not a number.
    public static let textHint = hint + ", or put the value in quotes if it is meant as text"
}
