import Foundation
import GaoxinSheets

/// Reads an uploaded matrix: either long form (年份, 地区, 产业, 数值 — or year, loc, prod, val)
/// or wide form (first column the region, one column per industry, the year given separately).
/// Every bad cell is reported; codes stay text (leading zeros kept).
enum ComplexityUpload {
    struct Observation: Equatable {
        var year: String
        var loc: String
        var prod: String
        var val: Double
        /// The file row it came from (0 when it came from the zone's own data).
        var line = 0

        static func == (a: Observation, b: Observation) -> Bool {
            a.year == b.year && a.loc == b.loc && a.prod == b.prod && a.val == b.val
        }
    }

    static let yearHeadings = ["year", "time", "年份", "年度"]
    static let locationHeadings = ["loc", "location", "region", "地区", "区域", "板块", "园区"]
    static let productHeadings = ["prod", "product", "industry", "产业", "行业", "产品", "行业代码"]
    static let valueHeadings = ["val", "value", "数值", "营业收入", "营收", "就业人数", "产值"]

    static func heading(_ cell: SheetCell) -> String {
        cell.text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func parse(_ table: SheetTable, wideYear: String?) -> (observations: [Observation], errors: [ImportRowError]) {
        let rows = table.rows.enumerated().filter { !$0.element.allSatisfy { $0.text.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = rows.first else {
            return ([], [ImportRowError(row: 1, column: "", value: "", reason: "文件是空的：没有标题行")])
        }
        let headings = header.element.map(heading)
        func index(_ names: [String]) -> Int? { headings.firstIndex { names.contains($0) } }
        if let y = index(yearHeadings), let l = index(locationHeadings), let p = index(productHeadings), let v = index(valueHeadings) {
            return long(rows.dropFirst(), y: y, l: l, p: p, v: v, headings: header.element.map(\.text))
        }
        guard locationHeadings.contains(headings.first ?? "") else {
            return ([], [ImportRowError(row: header.offset + 1, column: "", value: header.element.map(\.text).joined(separator: ","),
                                        reason: "无法识别表格格式：长表需要“年份、地区、产业、数值”四列；宽表第一列为“地区”，其余每列一个产业")])
        }
        let year = (wideYear ?? "").trimmingCharacters(in: .whitespaces)
        guard !year.isEmpty else {
            return ([], [ImportRowError(row: header.offset + 1, column: "年份", value: "", reason: "宽表（地区 × 产业）需要在表单中填写年份")])
        }
        guard year.count == 4, let number = Int(year), (1900...2100).contains(number) else {
            return ([], [ImportRowError(row: 0, column: "年份", value: year, reason: "年份应为四位数字，如 2024")])
        }
        return wide(rows.dropFirst(), year: year, products: header.element.map { $0.text.trimmingCharacters(in: .whitespaces) })
    }

    private static func long(_ rows: ArraySlice<EnumeratedSequence<[[SheetCell]]>.Element>, y: Int, l: Int, p: Int, v: Int, headings: [String])
        -> ([Observation], [ImportRowError]) {
        var observations: [Observation] = []
        var errors: [ImportRowError] = []
        var seen: [String: Int] = [:]
        for (offset, cells) in rows {
            let line = offset + 1
            func cell(_ i: Int) -> String { i < cells.count ? cells[i].text.trimmingCharacters(in: .whitespaces) : "" }
            let year = cell(y), loc = cell(l), prod = cell(p)
            var ok = true
            for (column, value) in [(y, year), (l, loc), (p, prod)] where value.isEmpty {
                errors.append(ImportRowError(row: line, column: headings[column], value: "", reason: "必填")); ok = false
            }
            guard let value = number(v < cells.count ? cells[v] : .empty, row: line, column: headings[v], errors: &errors) else { continue }
            guard ok else { continue }
            let key = "\(year)\u{1}\(loc)\u{1}\(prod)"
            if let earlier = seen[key] {
                errors.append(ImportRowError(row: line, column: headings[p], value: prod, reason: "与第 \(earlier) 行重复（同一年份、地区、产业只能有一行）"))
                continue
            }
            seen[key] = line
            observations.append(Observation(year: year, loc: loc, prod: prod, val: value, line: line))
        }
        return (observations, errors)
    }

    private static func wide(_ rows: ArraySlice<EnumeratedSequence<[[SheetCell]]>.Element>, year: String, products: [String]) -> ([Observation], [ImportRowError]) {
        var observations: [Observation] = []
        var errors: [ImportRowError] = []
        var seenProducts: [String: Int] = [:]
        for (index, name) in products.enumerated().dropFirst() {
            if name.isEmpty { errors.append(ImportRowError(row: 1, column: "第 \(index + 1) 列", value: "", reason: "产业列缺少标题")) }
            else if let earlier = seenProducts[name] { errors.append(ImportRowError(row: 1, column: name, value: name, reason: "与第 \(earlier + 1) 列的产业重复")) }
            else { seenProducts[name] = index }
        }
        var seenLocations: [String: Int] = [:]
        for (offset, cells) in rows {
            let line = offset + 1
            let loc = cells.first?.text.trimmingCharacters(in: .whitespaces) ?? ""
            if loc.isEmpty { errors.append(ImportRowError(row: line, column: products[0], value: "", reason: "必填")); continue }
            if let earlier = seenLocations[loc] { errors.append(ImportRowError(row: line, column: products[0], value: loc, reason: "与第 \(earlier) 行的地区重复")); continue }
            seenLocations[loc] = line
            for (index, prod) in products.enumerated().dropFirst() where !prod.isEmpty {
                let cell = index < cells.count ? cells[index] : .empty
                if case .empty = cell { observations.append(Observation(year: year, loc: loc, prod: prod, val: 0, line: line)); continue }
                if let value = number(cell, row: line, column: prod, errors: &errors) {
                    observations.append(Observation(year: year, loc: loc, prod: prod, val: value, line: line))
                }
            }
        }
        return (observations, errors)
    }

    /// A finite, non-negative number; anything else is reported rather than coerced to 0.
    private static func number(_ cell: SheetCell, row: Int, column: String, errors: inout [ImportRowError]) -> Double? {
        let value: Double?
        switch cell {
        case .integer(let i): value = Double(i)
        case .number(let d): value = d
        case .text(let t): value = Double(t.trimmingCharacters(in: .whitespaces).withoutThousandsCommas)
        case .empty:
            errors.append(ImportRowError(row: row, column: column, value: "", reason: "数值必填"))
            return nil
        default: value = nil
        }
        guard let value, value.isFinite else {
            errors.append(ImportRowError(row: row, column: column, value: cell.text, reason: "不是数字"))
            return nil
        }
        guard value >= 0 else {
            errors.append(ImportRowError(row: row, column: column, value: cell.text, reason: "不能为负数"))
            return nil
        }
        return value
    }
}
