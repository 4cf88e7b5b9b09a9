/// Inline SVG charts: no JavaScript, print cleanly, readable without colour (values are
/// written on or beside the marks, each chart has a text title for screen readers). Every
/// chart is drawn for a `Size`: the wide drawing for desktops and paper, a narrow one with
/// larger text for phones (a 720-unit drawing shrunk to a phone's 330 px made 4.6 px text).
enum Charts {
    static let palette = ["#0b5cad", "#d4761c", "#1a7f37", "#8250df", "#cf222e", "#57606a"]

    struct Size {
        var width: Int
        /// Axis labels, values and legends.
        var font: Int
        /// How many slot labels fit along the x axis.
        var labels: Int
        static let wide = Size(width: 720, font: 11, labels: 16)
        /// Shown at phone widths (~330 px): 13 units there are at least 11 px.
        static let narrow = Size(width: 360, font: 13, labels: 6)
    }

    /// Columns per slot, stacked by series (e.g. tickets per day by type), each with its total
    /// written on top when there is room.
    static func stackedColumns(title: String, slots: [String], series: [(name: String, values: [Int])], size: Size) -> String {
        let left = size.font * 3, bottom = size.font * 2 + 6, top = size.font + 8, legendRows = legendHeight(series.map(\.name), size)
        let height = size.width / 3 + top + bottom
        let totals = slots.indices.map { index in series.reduce(0) { $0 + $1.values[index] } }
        let maximum = niceMaximum(totals.max() ?? 0)
        let plotWidth = size.width - left - 8, plotHeight = height - bottom - top
        let step = Double(plotWidth) / Double(max(slots.count, 1))
        let showTotals = step >= Double(size.font) * 1.9
        var svg = open(title, width: size.width, height: height + legendRows)
        svg += axis(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight, maximum: maximum, font: size.font)
        let labelEvery = every(slots.map(short), step: step, size: size)
        for (index, slot) in slots.enumerated() {
            var y = Double(top + plotHeight)
            let x = Double(left) + Double(index) * step + step * 0.15
            for (seriesIndex, entry) in series.enumerated() where entry.values[index] > 0 {
                let h = Double(entry.values[index]) / Double(maximum) * Double(plotHeight)
                y -= h
                svg +=
                    "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(step * 0.7))\" height=\"\(f(h))\" "
                    + "fill=\"\(palette[seriesIndex % palette.count])\">"
                    + "<title>\(HTML.escape(slot)) \(HTML.escape(entry.name)): \(entry.values[index])</title></rect>"
            }
            if showTotals, totals[index] > 0 {
                svg += text(x + step * 0.35, y - 3, "\(totals[index])", size: size.font, anchor: "middle")
            }
            if index % labelEvery == 0 {
                // A label near the right edge ends there instead of running out of the drawing.
                let width = Double(short(slot).count) * Double(size.font) * 0.6
                let centre = x + step * 0.35, edge = Double(size.width - 2)
                svg += text(
                    centre + width / 2 > edge ? edge : centre, Double(top + plotHeight + size.font + 4), short(slot), size: size.font,
                    anchor: centre + width / 2 > edge ? "end" : "middle", color: "#59636e")
            }
        }
        svg += legend(series.map(\.name), y: height, left: left, size: size)
        return svg + "</svg>"
    }

    /// Horizontal bars with their values written at the end.
    static func bars(title: String, rows: [(label: String, value: Int)], color: String = palette[0], size: Size) -> String {
        let rowHeight = size.font * 2, labelWidth = size.width / 4 + size.font * 2, labelCharacters = size.width >= 720 ? 16 : 8
        let height = max(rows.count, 1) * rowHeight + 8
        let maximum = max(rows.map(\.value).max() ?? 0, 1)
        let room = Double(size.width - labelWidth - size.font * 4)
        var svg = open(title, width: size.width, height: height)
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 4
            let w = Double(row.value) / Double(maximum) * room
            let label = row.label.count > labelCharacters ? String(row.label.prefix(labelCharacters - 1)) + "…" : row.label
            svg += text(Double(labelWidth - 6), Double(y + size.font), label, size: size.font, anchor: "end")
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(f(max(w, 1)))\" height=\"\(size.font + 2)\" fill=\"\(color)\"/>"
            svg += text(Double(labelWidth) + w + 6, Double(y + size.font), "\(row.value)", size: size.font)
        }
        return svg + "</svg>"
    }

    /// A rate line (0…1) over a sequence of periods, per series, with its target.
    struct RateSeries {
        var name: String
        var values: [Double?]
        var target: Double?
    }

    /// Rates over periods: the axis spans the data and targets (not 0–100 %), each series'
    /// target is a labelled dashed line in its colour, each point carries its value.
    static func lines(title: String, slots: [String], series: [RateSeries], targetLabel: String, size: Size) -> String {
        let left = size.font * 3 + 6, right = size.font * 6 + 8, top = size.font + 8, bottom = size.font + 10
        let legendRows = legendHeight(series.map(\.name), size)
        let height = size.width / (size.width >= 720 ? 3 : 2) + top + bottom
        let plotWidth = size.width - left - right, plotHeight = height - bottom - top
        let (low, high) = range(series.flatMap { $0.values.compactMap { $0 } + [$0.target].compactMap { $0 } })
        let step = Double(plotWidth) / Double(max(slots.count - 1, 1))
        let y = { (value: Double) in Double(top) + (high - value) / (high - low) * Double(plotHeight) }
        var svg = open(title, width: size.width, height: height + legendRows)
        for tick in [low, (low + high) / 2, high] {
            svg += "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#d8dee4\"/>"
            svg += text(Double(left - 6), y(tick) + Double(size.font) / 3, percent(tick), size: size.font, anchor: "end", color: "#59636e")
        }
        let labelEvery = every(slots, step: step, size: size)
        for (index, slot) in slots.enumerated() where index % labelEvery == 0 {
            // The first and last labels are anchored inside the drawing, never cut.
            let anchor = index == 0 ? "start" : index == slots.count - 1 ? "end" : "middle"
            svg += text(Double(left) + Double(index) * step, Double(top + plotHeight + size.font + 6), slot, size: size.font,
                        anchor: slots.count == 1 ? "middle" : anchor, color: "#59636e")
        }
        for (seriesIndex, entry) in series.enumerated() {
            let color = palette[seriesIndex % palette.count]
            if let target = entry.target {
                svg +=
                    "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(f(y(target)))\" y2=\"\(f(y(target)))\" "
                    + "stroke=\"\(color)\" stroke-dasharray=\"5 4\"/>"
                svg += text(
                    Double(left + plotWidth + 4), y(target) + Double(size.font) / 3, "\(targetLabel) \(percent(target))", size: size.font,
                    color: color)
            }
            var path = ""
            for (index, value) in entry.values.enumerated() {
                guard let value else { continue }
                let x = Double(left) + Double(index) * step
                path += (path.isEmpty ? "M" : " L") + "\(f(x)) \(f(y(value)))"
                svg +=
                    "<circle cx=\"\(f(x))\" cy=\"\(f(y(value)))\" r=\"3\" fill=\"\(color)\">"
                    + "<title>\(HTML.escape(slots[index])) \(HTML.escape(entry.name)): \(percent(value))</title></circle>"
                // Values of the first series above its points, of the others below.
                let offset = seriesIndex == 0 ? -6.0 : Double(size.font) + 4
                let anchor = index == 0 ? "start" : index == entry.values.count - 1 ? "end" : "middle"
                svg += text(x, y(value) + offset, percent(value), size: size.font, anchor: anchor, color: color)
            }
            if !path.isEmpty { svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>" }
        }
        svg += legend(series.map(\.name), y: height, left: left, size: size)
        return svg + "</svg>"
    }

    /// The top of a count axis, so that its half-way line is a whole number too (3 → 4: the
    /// middle line would otherwise read "2" at 1.5).
    static func niceMaximum(_ value: Int) -> Int {
        if value <= 1 { return 2 }
        if value < 20 { return value + value % 2 }
        return (value + 9) / 10 * 10
    }

    /// Every how many slots a label fits: labels (digits and dashes, about 0.6 em wide) never
    /// overlap, and there are at most `size.labels` of them.
    private static func every(_ slots: [String], step: Double, size: Size) -> Int {
        let widest = Double(slots.map(\.count).max() ?? 1) * Double(size.font) * 0.6 + Double(size.font)
        return max(1, Int((widest / max(step, 1)).rounded(.up)), Int((Double(slots.count) / Double(size.labels)).rounded(.up)))
    }

    /// An axis from a little below the lowest value to a little above the highest, in
    /// steps of 5 % (at least 5 % tall), within 0–100 %.
    static func range(_ values: [Double]) -> (low: Double, high: Double) {
        guard let lowest = values.min(), let highest = values.max() else { return (0, 1) }
        var low = max(0, ((lowest - 0.01) * 20).rounded(.down) / 20), high = min(1, ((highest + 0.01) * 20).rounded(.up) / 20)
        if high - low < 0.05 { low = max(0, high - 0.05) }
        if high <= low { high = min(1, low + 0.05) }
        return (low, high)
    }

    private static func open(_ title: String, width: Int, height: Int) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\"><title>\(HTML.escape(title))</title>"
    }

    private static func axis(left: Int, top: Int, plotWidth: Int, plotHeight: Int, maximum: Int, font: Int) -> String {
        var svg = ""
        for fraction in [0.0, 0.5, 1.0] {
            let y = Double(top) + (1 - fraction) * Double(plotHeight)
            svg += "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#d8dee4\"/>"
            svg += text(
                Double(left - 6), y + Double(font) / 3, "\(Int((Double(maximum) * fraction).rounded()))", size: font, anchor: "end",
                color: "#59636e")
        }
        return svg
    }

    /// Legend entries, wrapped onto as many rows as the width needs.
    private static func legend(_ names: [String], y: Int, left: Int, size: Size) -> String {
        var svg = "", x = left, row = y + 6
        for (index, name) in names.enumerated() {
            let width = size.font + 8 + name.count * size.font + 10
            if x + width > size.width, x > left { x = left; row += size.font + 8 }
            svg +=
                "<rect x=\"\(x)\" y=\"\(row)\" width=\"\(size.font - 2)\" height=\"\(size.font - 2)\" "
                + "fill=\"\(palette[index % palette.count])\"/>"
            svg += text(Double(x + size.font + 2), Double(row + size.font - 3), name, size: size.font)
            x += width
        }
        return svg
    }

    private static func legendHeight(_ names: [String], _ size: Size) -> Int {
        var rows = 1, x = 0
        for name in names {
            let width = size.font + 8 + name.count * size.font + 10
            if x + width > size.width - size.font * 3, x > 0 { rows += 1; x = 0 }
            x += width
        }
        return rows * (size.font + 8) + 8
    }

    private static func text(_ x: Double, _ y: Double, _ content: String, size: Int, anchor: String = "start", color: String = "#1f2328")
        -> String
    {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" fill=\"\(color)\">\(HTML.escape(content))</text>"
    }

    private static func percent(_ rate: Double) -> String { JSONValue.format(rate * 100, places: 1) + "%" }

    /// `2026-10-15` → `10-15`, `2026-10` → `10月`-style short labels stay readable on the axis.
    private static func short(_ slot: String) -> String { slot.count == 10 ? String(slot.dropFirst(5)) : slot }

    private static func f(_ value: Double) -> String { JSONValue.format(value, places: 1) }
}
