/// The statistics a peer benchmark publishes, each by a stated method (docs/benchmark.md).
public enum PeerStatistics {
    /// The median and quartiles of a group.
    public struct Quartiles: Sendable, Hashable {
        /// The first quartile (25th percentile).
        public var lower: Double
        /// The median.
        public var median: Double
        /// The third quartile (75th percentile).
        public var upper: Double

        /// Creates quartiles.
        public init(lower: Double, median: Double, upper: Double) {
            self.lower = lower
            self.median = median
            self.upper = upper
        }
    }

    /// The `p` quantile (0 ... 1) of values by linear interpolation between order statistics: R's type 7,
    /// the default of R, NumPy and spreadsheet `PERCENTILE.INC`. With the values sorted as x[1] ≤ … ≤ x[n],
    /// h = (n − 1)·p + 1 and the quantile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Nil for no values.
    public static func quantile(_ values: [Double], _ p: Double) -> Double? {
        quantile(sorted: values.sorted(), p)
    }

    /// ``quantile(_:_:)`` for values already sorted ascending.
    public static func quantile(sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty, p >= 0, p <= 1 else { return nil }
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// The lower quartile, median and upper quartile (type 7); nil for no values.
    public static func quartiles(_ values: [Double]) -> Quartiles? {
        let sorted = values.sorted()
        guard let lower = quantile(sorted: sorted, 0.25), let median = quantile(sorted: sorted, 0.5),
              let upper = quantile(sorted: sorted, 0.75) else { return nil }
        return Quartiles(lower: lower, median: median, upper: upper)
    }

    /// The percentile rank of `value` within `group` (which includes it), 0 ... 100: the share of the group
    /// scoring below it, counting ties as half, 100 × (below + ½ × equal) / n. The lowest of five distinct
    /// values has 10, the middle 50, the highest 90; a group in which everyone scores the same puts each at 50.
    public static func percentileRank(of value: Double, in group: [Double]) -> Double? {
        guard !group.isEmpty else { return nil }
        var below = 0, equal = 0
        for other in group {
            if other < value { below += 1 } else if other == value { equal += 1 }
        }
        return 100 * (Double(below) + 0.5 * Double(equal)) / Double(group.count)
    }

    /// A number with exactly one decimal, as people read scores ("3.0", "−0.4"); never an exponent.
    public static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "−" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
