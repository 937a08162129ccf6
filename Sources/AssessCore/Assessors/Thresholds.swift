/// A threshold per level, shared by every assessor that places a measure on the scale.
public struct Thresholds: Sendable, Hashable {
    /// One value per level, in the order of the levels.
    public var values: [Double]
    /// True when bigger is better.
    public var higherIsBetter: Bool
    /// Whether levels are fractional between thresholds.
    public var interpolate: Bool
    /// Unit shown after values.
    public var unit: String

    /// Creates thresholds directly.
    public init(values: [Double], higherIsBetter: Bool = true, interpolate: Bool = true, unit: String = "") {
        self.values = values
        self.higherIsBetter = higherIsBetter
        self.interpolate = interpolate
        self.unit = unit
    }

    /// The parameter descriptions every threshold-based assessor shares.
    public static let parameterDescriptions: [ParameterDescription] = [
        ParameterDescription("thresholds", type: "list of numbers, one per level",
                             "the value at which each level is reached (ascending, or descending with direction: lower)"),
        ParameterDescription("direction", type: "higher | lower", default: "higher", "which way is better"),
        ParameterDescription("interpolate", type: "boolean", default: "true", "fractional levels between thresholds"),
        ParameterDescription("unit", type: "text", default: "\"\"", "unit shown after values in the rationale"),
    ]

    /// The parameter keys they use.
    public static let parameterKeys = ["thresholds", "direction", "interpolate", "unit"]

    /// Reads thresholds from parameters, checking there is one per level and that they run the right way.
    /// When `fallback` is given, `thresholds:` may be omitted.
    public init?(parameters: MappingReader, scale: Scale, fallback: [Double]? = nil) {
        var ok = true
        let direction = parameters["direction"]?.choice(Direction.self) ?? .higher
        higherIsBetter = direction == .higher
        interpolate = parameters["interpolate"]?.bool() ?? true
        unit = parameters["unit"]?.string() ?? ""
        if let list = parameters["thresholds"] {
            guard let items = list.list() else { return nil }
            let numbers = items.compactMap { $0.number() }
            guard numbers.count == items.count else { return nil }
            if numbers.count != scale.top {
                list.error("thresholds needs \(scale.top) numbers, one per level, found \(numbers.count)",
                           hint: "list the value at which each of levels 1 to \(scale.top) is reached")
                ok = false
            } else {
                for index in 1..<max(numbers.count, 1) {
                    let rising = numbers[index] > numbers[index - 1]
                    if rising != higherIsBetter {
                        items[index].error(
                            "thresholds must \(higherIsBetter ? "rise" : "fall") from level to level (direction: \(direction.rawValue))",
                            hint: higherIsBetter ? "put them in ascending order, or set direction: lower"
                                : "put them in descending order, or set direction: higher")
                        ok = false
                        break
                    }
                }
            }
            values = numbers
        } else if let fallback {
            values = higherIsBetter ? fallback : fallback.reversed()
        } else {
            _ = parameters.required("thresholds", hint: "add 'thresholds:' with \(scale.top) numbers, one per level")
            return nil
        }
        if !ok { return nil }
    }

    /// Which way is better.
    public enum Direction: String, CaseIterable, Sendable {
        /// Bigger values are better.
        case higher
        /// Smaller values are better.
        case lower
    }

    /// The level a value reaches.
    public func level(for value: Double) -> Double {
        let sign: Double = higherIsBetter ? 1 : -1
        let v = value * sign
        let t = values.map { $0 * sign }
        guard let first = t.first, let last = t.last else { return 1 }
        if v <= first { return 1 }
        if v >= last { return Double(t.count) }
        for k in 0..<(t.count - 1) where v >= t[k] && v < t[k + 1] {
            let fraction = interpolate ? (v - t[k]) / (t[k + 1] - t[k]) : 0
            return Double(k + 1) + fraction
        }
        return 1
    }

    /// A sentence placing a value against the thresholds.
    public func explain(_ value: Double, measure: String) -> String {
        let level = level(for: value)
        let reached = Int(level.rounded(.down))
        var text = "\(measure) is \(show(value))"
        if reached >= values.count {
            text += ", at or beyond the level \(values.count) threshold of \(show(values[values.count - 1]))"
        } else if level <= 1 && value != values[0] {
            text += ", short of the level 2 threshold of \(show(values[1]))"
        } else {
            text += ", past the level \(reached) threshold of \(show(values[reached - 1]))"
            text += " and short of level \(reached + 1) at \(show(values[reached]))"
        }
        return text + ": level \(Format.oneDecimal(level))."
    }

    /// A value with its unit.
    public func show(_ value: Double) -> String { Format.quantity(value, unit: unit) }
}

/// Deterministic, locale-free number formatting for rationales and reports.
public enum Format {
    /// A number with thousands separators and at most `decimals` decimals, trailing zeros dropped.
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "n/a" }
        let decimals = min(max(decimals, 0), 6)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        // Beyond what an Int holds after scaling (bad evidence such as 1e300): Swift's own shortest form.
        guard abs(value) * scale < 1e18 else { return String(value) }
        let scaled = (abs(value) * scale).rounded()
        // Input numbers are refused beyond 2^53 (see InputNumber), but sums and products of them can pass it:
        // such a figure is shown to the nearest whole number in Swift's shortest form, never converted to Int.
        guard scaled < 9e15 else { return (value < 0 ? "-" : "") + String(abs(value).rounded()) }
        let negative = value < 0 && scaled > 0
        var whole = Int((scaled / scale).rounded(.down))
        var fraction = Int(scaled - Double(whole) * scale)
        if fraction < 0 { fraction = 0 }
        if Double(fraction) >= scale { whole += 1; fraction = 0 }
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        var text = (negative ? "-" : "") + grouped
        if decimals > 0, fraction > 0 {
            var fractionText = String(fraction)
            while fractionText.count < decimals { fractionText = "0" + fractionText }
            while fractionText.hasSuffix("0") { fractionText.removeLast() }
            text += "." + fractionText
        }
        return text
    }

    /// A number with exactly `decimals` decimals (scores in tables line up): `3.10`.
    public static func fixed(_ value: Double, decimals: Int = 2) -> String {
        let text = number(value, decimals: decimals)
        guard decimals > 0, value.isFinite else { return text }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: decimals - fraction.count)
    }

    /// A score or level to one decimal, rounded down, so that it never shows a level the score has not
    /// reached: 2.98 (level 2) is "2.9", not "3.0"; 3.02 is "3.0". Exact values stay in the JSON.
    public static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, decimals: 1) }
        return fixed((value * 10 + 1e-9).rounded(.down) / 10, decimals: 1)
    }

    /// Pounds rounded as a reader should take them: two significant figures, in millions from £1m and
    /// thousands from £10,000 (`£560k`, `£1.2m`, `£4,300`). Exact amounts stay in the findings and JSON.
    public static func roundedPounds(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "£0" }
        var step = 1.0
        while value / step >= 100 { step *= 10 }
        let rounded = (value / step).rounded() * step
        if rounded >= 1_000_000 { return "£" + number(rounded / 1_000_000, decimals: 1) + "m" }
        if rounded >= 10_000 { return "£" + number(rounded / 1_000, decimals: 0) + "k" }
        return quantity(rounded, unit: "£", decimals: 0)
    }

    /// A value with a unit: `42%`, `£1,200`, `3.5 hours`.
    public static func quantity(_ value: Double, unit: String, decimals: Int = 2) -> String {
        let number = number(value, decimals: decimals)
        if unit.isEmpty { return number }
        if unit == "£" { return value < 0 ? "-£" + number.dropFirst() : "£" + number }
        if unit == "%" { return number + "%" }
        return unit.hasPrefix(" ") ? number + unit : number + " " + unit
    }
}
