import AssessCore
import Foundation

/// SVG charts for the report: drawn from numbers only, with text alternatives, and all text escaped.
public enum Charts {
    /// XML-escapes text for SVG.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// Levels against targets: one row per area on the level scale, a filled dot for today, a hollow ring for
    /// after the plan's first year and a black bar for the target. An area with no level says so in words.
    public static func dotPlot(rows: [(title: String, today: Double?, target: Int?, projected: Double?)], top: Int, colour: String,
                               description: String) -> String {
        let labelWidth = 185.0, plotWidth = 300.0, rowHeight = 24.0, head = 20.0
        let top = max(top, 1)
        let width = labelWidth + plotWidth + 24, height = head + rowHeight * Double(rows.count) + 6
        func x(_ level: Double) -> Double { labelWidth + plotWidth * (max(0, min(level, Double(top))) - 1) / Double(max(top - 1, 1)) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-labelledby=\"levels-title levels-desc\">"
        svg += "<title id=\"levels-title\">Score by area on the level scale, against target</title><desc id=\"levels-desc\">\(escape(description))</desc>"
        for level in 1...top {
            let lx = x(Double(level))
            svg += "<line x1=\"\(number(lx))\" y1=\"\(number(head - 4))\" x2=\"\(number(lx))\" y2=\"\(number(height - 4))\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(number(lx))\" y=\"12\" font-size=\"11\" text-anchor=\"middle\" fill=\"#505a5f\">Level \(level)</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = head + rowHeight * Double(index) + rowHeight / 2
            svg += "<text x=\"0\" y=\"\(number(y + 4))\" font-size=\"12\" fill=\"#0b0c0c\">\(escape(row.title))</text>"
            if let target = row.target {
                let tx = x(Double(target))
                svg += "<rect x=\"\(number(tx - 2))\" y=\"\(number(y - 9))\" width=\"4\" height=\"18\" fill=\"#0b0c0c\"/>"
            }
            guard let today = row.today else {
                // Clear of the target bar: after it, or before it when it is near the right-hand end.
                let tx = row.target.map { x(Double($0)) } ?? labelWidth - 8
                let after = tx + 110 <= labelWidth + plotWidth + 24
                svg += "<text x=\"\(number(after ? tx + 8 : tx - 8))\" y=\"\(number(y + 4))\" font-size=\"11\" text-anchor=\"\(after ? "start" : "end")\" fill=\"#505a5f\" font-style=\"italic\">not enough evidence</text>"
                continue
            }
            if let projected = row.projected, projected > today + 0.05 {
                svg += "<line x1=\"\(number(x(today)))\" y1=\"\(number(y))\" x2=\"\(number(x(projected)))\" y2=\"\(number(y))\" stroke=\"#00703c\" stroke-width=\"2\"/>"
                svg += "<circle cx=\"\(number(x(projected)))\" cy=\"\(number(y))\" r=\"6\" fill=\"#ffffff\" stroke=\"#00703c\" stroke-width=\"2.5\"/>"
            }
            svg += "<circle cx=\"\(number(x(today)))\" cy=\"\(number(y))\" r=\"7\" fill=\"\(colour)\"/>"
        }
        return svg + "</svg>"
    }

    /// The roadmap's timeline: one row per dimension, one column per quarter, each cell showing how many of
    /// the dimension's actions are under way that quarter, coloured by horizon.
    public static func timeline(rows: [(title: String, counts: [Int])], labels: [String], colour: String) -> String {
        let quarters = labels.count
        let labelWidth = 190.0, quarterWidth = 52.0, rowHeight = 22.0, top = 32.0
        let width = labelWidth + quarterWidth * Double(quarters) + 4
        let height = top + rowHeight * Double(rows.count) + 4
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">"
        let description = rows.map { row in
            let active = row.counts.enumerated().filter { $0.element > 0 && $0.offset < labels.count }.map { "\(labels[$0.offset]): \($0.element)" }
            return "\(row.title): " + (active.isEmpty ? "no actions" : active.joined(separator: ", "))
        }.joined(separator: "; ")
        svg += "<title id=\"timeline-title\">Actions under way by area and quarter</title><desc id=\"timeline-desc\">\(escape(description))</desc>"
        // Long labels ("Q1 2026-27") go on two lines: the quarter, then the financial year.
        for (offset, label) in labels.enumerated() {
            let x = labelWidth + quarterWidth * Double(offset) + quarterWidth / 2
            let parts = label.split(separator: " ", maxSplits: 1).map(String.init)
            for (line, part) in parts.enumerated() {
                svg += "<text x=\"\(number(x))\" y=\"\(number(12 + 13 * Double(line)))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#0b0c0c\">\(escape(part))</text>"
            }
        }
        // Solid fills dark enough for white numbers (at least 4.5:1): brand colour, GOV.UK green, dark grey.
        let horizonColour = { (quarter: Int) -> String in quarter <= 1 ? colour : quarter <= 4 ? "#00703c" : "#505a5f" }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            svg += "<text x=\"0\" y=\"\(number(y + 15))\" font-size=\"12\" fill=\"#0b0c0c\">\(escape(row.title))</text>"
            svg += "<line x1=\"\(number(labelWidth))\" y1=\"\(number(y + rowHeight))\" x2=\"\(number(width - 4))\" y2=\"\(number(y + rowHeight))\" stroke=\"#b1b4b6\" stroke-width=\"0.5\"/>"
            for (offset, count) in row.counts.enumerated() where count > 0 {
                let x = labelWidth + quarterWidth * Double(offset) + 2
                svg += "<rect x=\"\(number(x))\" y=\"\(number(y + 3))\" width=\"\(number(quarterWidth - 4))\" height=\"\(number(rowHeight - 6))\" rx=\"2\" fill=\"\(horizonColour(offset + 1))\"/>"
                svg += "<text x=\"\(number(x + (quarterWidth - 4) / 2))\" y=\"\(number(y + 15))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"bold\">\(count)</text>"
            }
        }
        return svg + "</svg>"
    }
}
