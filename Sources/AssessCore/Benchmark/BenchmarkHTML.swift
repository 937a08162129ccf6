extension BenchmarkReporter {
    /// Escapes text for HTML element content and attribute values.
    static func html(_ text: String) -> String { HTMLText.escape(text) }

    /// A score for people: one decimal.
    static func oneDecimal(_ value: Double?) -> String {
        value.map(PeerStatistics.oneDecimal) ?? "—"
    }

    /// A self-contained, accessible HTML page: a strip plot per measure (SVG with a text alternative) and a
    /// sortable table per grouping (buttons in the headers with `aria-sort`; a plain table without script).
    public static func html(_ result: PeerBenchmark.Result, context: ReportContext) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Peer benchmark: \(html(result.framework))</title>
            <style>\(styles)</style>
            </head>
            <body>
            <a class="skip-link" href="#main">Skip to main content</a>
            <header class="masthead"><div class="width-container"><p class="masthead__title">assess · peer benchmark</p></div></header>
            <div class="width-container">
            <main id="main">
            <h1>Compared with similar councils</h1>
            <p class="lead">\(result.members.count) organisations assessed against \(html(result.framework))\(context.date.map { ", \(html($0))" } ?? "").</p>

            """
        out += "<h2>How this is worked out</h2>\n<ul>\n"
        for grouping in result.groupings { out += "<li>Peer groups: \(html(grouping.label)).</li>\n" }
        out += "<li>Only organisations whose score is claimed are ranked; those without enough evidence are listed apart.</li>\n"
        out += "<li>A group with fewer than \(result.config.minimumGroup) ranked organisations publishes no statistic.</li>\n"
        out += "<li>Quartiles: \(html(quartileMethod)). Percentile: \(html(percentileMethod)).</li>\n</ul>\n"

        if let first = result.groupings.first {
            out += "<h2>Scores by peer group (\(html(first.label)))</h2>\n"
            for (k, measure) in result.measures.enumerated() {
                out += strip(result, grouping: 0, measure: k, title: measure.title)
            }
        }

        let subjects = subjectGroups(result)
        for (g, grouping) in result.groupings.enumerated() {
            out += "<h2 id=\"table-\(g)\">Percentiles: \(html(grouping.label))</h2>\n"
            out += "<p>Percentile within the peer group, and score (one decimal). Select a column heading to sort.</p>\n"
            out += "<div class=\"table-wrap\"><table class=\"sortable\">\n<caption class=\"visually-hidden\">Percentile within the peer group: \(html(grouping.label))</caption>\n<thead><tr>"
            out += "<th scope=\"col\">Organisation</th><th scope=\"col\">Peer group</th>"
            for measure in result.measures { out += "<th scope=\"col\" class=\"num\">\(html(measure.title))</th>" }
            out += "</tr></thead>\n<tbody>\n"
            for (m, member) in result.members.enumerated() {
                guard let groupIndex = subjects[g][m] else { continue }
                let group = result.groups[groupIndex]
                out += "<tr><th scope=\"row\" data-sort=\"\(html(member.name))\">\(html(member.name)) <span class=\"code\">\(html(member.code))</span></th>"
                out += "<td data-sort=\"\(html(group.label))\">\(html(group.label))</td>"
                for (k, _) in result.measures.enumerated() {
                    let value = result.values[m][k], stats = group.statistics[k]
                    if let percentile = stats.percentiles[m] {
                        out += "<td class=\"num\" data-sort=\"\(JSONValue.format(percentile))\">\(Format.number(percentile, decimals: 0))<span class=\"score\"> (\(oneDecimal(value.score)))</span></td>"
                    } else {
                        let why = !value.ranked ? "not ranked" : (stats.withheld ?? "—")
                        out += "<td class=\"num muted\" data-sort=\"-1\">\(html(why))</td>"
                    }
                }
                out += "</tr>\n"
            }
            out += "</tbody></table></div>\n"
            if !grouping.unplaced.isEmpty {
                out += "<p>Not placed in this grouping: " + grouping.unplaced.map { "\(html(result.members[$0.member].name)) (\(html($0.reason)))" }.joined(separator: "; ") + ".</p>\n"
            }
        }

        out += "<h2>Listed apart: not ranked</h2>\n"
        let apart = result.members.indices.filter { !result.values[$0][0].ranked }
        if apart.isEmpty {
            out += "<p>Every organisation has an overall score.</p>\n"
        } else {
            out += "<p>\(apart.count) of \(result.members.count) organisations have no claimed overall score and are not ranked overall.</p>\n<ul class=\"apart\">\n"
            for m in apart {
                out += "<li>\(html(result.members[m].name)) <span class=\"code\">\(html(result.members[m].code))</span>: \(html(note(result.values[m][0])))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "</main>\n</div>\n<script>\(script)</script>\n</body>\n</html>\n"
        return out
    }

    /// A strip plot: one row per peer group, a dot per ranked organisation, the quartile box and median.
    static func strip(_ result: PeerBenchmark.Result, grouping: Int, measure k: Int, title: String) -> String {
        let groups = result.groups.filter { $0.grouping == grouping }
        let width = 760.0, left = 300.0, row = 26.0
        let plot = width - left - 20
        let height = Double(groups.count) * row + 30
        func x(_ score: Double) -> String { JSONValue.format(left + plot * min(max(score / result.maxScore, 0), 1)) }
        var summary: [String] = []
        var svg = "<svg role=\"img\" aria-labelledby=\"strip-\(k)-title strip-\(k)-desc\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" class=\"strip\">"
        svg += "<title id=\"strip-\(k)-title\">\(html(title)): scores by peer group</title>"
        for (r, group) in groups.enumerated() {
            let y = Double(r) * row + 14
            let stats = group.statistics[k]
            svg += "<text x=\"0\" y=\"\(JSONValue.format(y + 4))\" class=\"label\">\(html(group.label))</text>"
            if let q = stats.quartiles {
                svg += "<line x1=\"\(x(0))\" x2=\"\(x(result.maxScore))\" y1=\"\(JSONValue.format(y))\" y2=\"\(JSONValue.format(y))\" class=\"axis\"/>"
                svg += "<rect x=\"\(x(q.lower))\" y=\"\(JSONValue.format(y - 8))\" width=\"\(JSONValue.format(plot * (q.upper - q.lower) / result.maxScore))\" height=\"16\" class=\"iqr\"/>"
                for m in group.members where result.values[m][k].ranked {
                    if let score = result.values[m][k].score {
                        svg += "<circle cx=\"\(x(score))\" cy=\"\(JSONValue.format(y))\" r=\"3.5\" class=\"dot\"/>"
                    }
                }
                svg += "<line x1=\"\(x(q.median))\" x2=\"\(x(q.median))\" y1=\"\(JSONValue.format(y - 10))\" y2=\"\(JSONValue.format(y + 10))\" class=\"median\"/>"
                summary.append("\(group.label): median \(oneDecimal(q.median)), middle half \(oneDecimal(q.lower)) to \(oneDecimal(q.upper)), \(stats.ranked) ranked")
            } else {
                svg += "<text x=\"\(x(0))\" y=\"\(JSONValue.format(y + 4))\" class=\"withheld\" dx=\"6\">\(html(stats.withheld ?? ""))</text>"
                summary.append("\(group.label): \(stats.withheld ?? "no statistic")")
            }
        }
        let axisY = Double(groups.count) * row + 22
        for level in 0...Int(result.maxScore.rounded()) where result.maxScore <= 10 || level % 20 == 0 {
            svg += "<text x=\"\(x(Double(level)))\" y=\"\(JSONValue.format(axisY))\" class=\"tick\" text-anchor=\"middle\">\(level)</text>"
        }
        svg += "</svg>"
        return "<figure class=\"plot\"><figcaption><h3>\(html(title))</h3></figcaption>\(svg)"
            + "<p id=\"strip-\(k)-desc\" class=\"plot-text\">\(html(summary.joined(separator: "; ")))\(summary.isEmpty ? "" : ".")</p></figure>\n"
    }

    /// The page's styles: GOV.UK Design System patterns, with a system font stack instead of GDS Transport.
    static let styles = """
        :root{--text:#0b0c0c;--secondary:#505a5f;--border:#b1b4b6;--light:#f3f2f1;--blue:#1d70b8;--dark:#0b0c0c;--focus:#ffdd00}
        *,*::before,*::after{box-sizing:border-box}
        body{margin:0;color:var(--text);background:#fff;font-family:Arial,"Helvetica Neue",Helvetica,system-ui,sans-serif;font-size:1.1875rem;line-height:1.32}
        .width-container{max-width:1100px;margin:0 15px}@media(min-width:1130px){.width-container{margin:0 auto}}
        .skip-link{position:absolute;left:-9999px}.skip-link:focus{position:static;display:block;padding:10px 15px;background:var(--focus);color:var(--text)}
        .masthead{background:var(--dark);color:#fff;border-bottom:10px solid var(--blue)}.masthead__title{margin:0;padding:12px 0;font-weight:700}
        h1{font-size:2rem;margin:30px 0 20px}h2{font-size:1.5rem;margin:40px 0 15px}h3{font-size:1.1875rem;margin:0 0 5px}
        .lead{font-size:1.5rem}.code,.muted,.plot-text{color:var(--secondary)}.code{font-size:1rem}
        .plot{margin:0 0 30px}.strip{width:100%;max-width:760px;height:auto}.plot-text{font-size:1rem}
        .strip .label,.strip .tick,.strip .withheld{font-size:11px;fill:var(--text)}.strip .withheld{fill:var(--secondary)}
        .strip .axis{stroke:var(--border)}.strip .iqr{fill:#d2e2f1}.strip .dot{fill:var(--blue);fill-opacity:.7}.strip .median{stroke:var(--text);stroke-width:3}
        .table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:1rem}
        th,td{text-align:left;padding:8px 10px 8px 0;border-bottom:1px solid var(--border);vertical-align:top}
        th.num,td.num{text-align:right}thead th{font-weight:700}.score{color:var(--secondary)}
        th button{font:inherit;font-weight:700;color:var(--blue);background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
        th button:focus{outline:3px solid transparent;background:var(--focus);color:var(--text);box-shadow:0 -2px var(--focus),0 4px var(--text)}
        th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
        .visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
        """

    /// Progressive enhancement: headings become buttons that sort the table; without script the table is plain.
    static let script = """
        document.querySelectorAll("table.sortable").forEach(function(table){
          var heads=table.querySelectorAll("thead th");
          heads.forEach(function(th,index){
            var button=document.createElement("button");button.type="button";button.textContent=th.textContent;
            th.textContent="";th.appendChild(button);
            button.addEventListener("click",function(){
              var ascending=th.getAttribute("aria-sort")!=="ascending";
              heads.forEach(function(other){other.removeAttribute("aria-sort");});
              th.setAttribute("aria-sort",ascending?"ascending":"descending");
              var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
              var numeric=th.classList.contains("num");
              rows.sort(function(a,b){
                var x=a.cells[index].getAttribute("data-sort"),y=b.cells[index].getAttribute("data-sort");
                var order=numeric?(parseFloat(x)-parseFloat(y)):x.localeCompare(y,"en-GB");
                return ascending?order:-order;
              });
              rows.forEach(function(row){body.appendChild(row);});
            });
          });
        });
        """
}
