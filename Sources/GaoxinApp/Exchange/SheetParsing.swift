import Foundation
import GaoxinSheets

/// Turns an uploaded file into register rows: detects xlsx or CSV, maps the header row to the
/// register's columns (Chinese or English headings, a trailing * allowed), and reports unknown
/// or missing columns like any bad row.
enum SheetParsing {
    struct Parsed {
        var rows: [ImportRow]
        var errors: [ImportRowError]
    }

    static func isXLSX(_ data: Data, name: String?) -> Bool {
        if let name, name.lowercased().hasSuffix(".xlsx") { return true }
        return data.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    static func parse(_ data: Data, name: String?, register: any ImportRegister, limits: SheetLimits) throws -> Parsed {
        let table: SheetTable
        do {
            if isXLSX(data, name: name) {
                guard let first = try XLSXReader.read(data, limits: limits).first else { throw AppError.badRequest("文件中没有工作表") }
                table = first
            } else {
                table = try CSVFormat.read(data, limits: limits)
            }
        } catch let error as SheetError {
            throw AppError.badRequest(error.messageZh, field: "file")
        }
        let nonEmpty = table.rows.enumerated().filter { !$0.element.allSatisfy { $0.text.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let headerRow = nonEmpty.first else { throw AppError.badRequest("文件是空的：没有标题行", field: "file") }
        var errors: [ImportRowError] = []
        var keyByIndex: [Int: String] = [:]
        for (index, cell) in headerRow.element.enumerated() {
            let heading = cell.text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
            if heading.isEmpty { continue }
            if let column = register.columns.first(where: { $0.zh == heading || $0.en.lowercased() == heading.lowercased() || $0.key == heading }) {
                keyByIndex[index] = column.key
            } else if register.exportOnlyHeadings.contains(heading) {
                continue  // a column the register's own export adds (e.g. 状态): shown, not imported
            } else {
                errors.append(ImportRowError(row: headerRow.offset + 1, column: heading, value: heading, reason: "无法识别的列，请使用模板中的列名"))
            }
        }
        for column in register.columns where column.required && !keyByIndex.values.contains(column.key) {
            errors.append(ImportRowError(row: headerRow.offset + 1, column: column.zh, value: "", reason: "缺少必填列“\(column.zh)”"))
        }
        var rows: [ImportRow] = []
        // Every column of the file is in every row (empty where a row is short), so a register
        // can tell "left empty" from "not in this file".
        let columns = ImportColumns(Array(Set(keyByIndex.values)).sorted())
        // Each file column's place in a row's cells, worked out once for the whole file.
        let positionByIndex = keyByIndex.compactMapValues { columns.position[$0] }
        rows.reserveCapacity(nonEmpty.count - 1)
        for (offset, cells) in nonEmpty.dropFirst() {
            var values = [String](repeating: "", count: columns.keys.count)
            // Our exports guard text that looks like a formula (or starts with an apostrophe); take it off.
            for (index, cell) in cells.enumerated() {
                if let position = positionByIndex[index] { values[position] = SpreadsheetTextGuard.unguarded(cell.text) }
            }
            rows.append(ImportRow(number: offset + 1, columns: columns, cells: values))
        }
        if rows.isEmpty && errors.isEmpty {
            errors.append(ImportRowError(row: headerRow.offset + 2, column: "", value: "", reason: "文件中只有标题行，没有数据"))
        }
        // The template's example row is valid data on purpose; imported unchanged it would create
        // 张三 with a published password or overwrite a real record named like the example.
        // One filled column (a register whose example names only a unit) would take every real
        // row of that unit for the example: it takes two to recognise it.
        let example = register.columns.filter { !$0.example.isEmpty }
        for row in rows where example.count >= 2 && example.allSatisfy({ row.has($0.key) && row.value($0.key) == $0.example }) {
            errors.append(ImportRowError(row: row.number, column: "", value: "",
                                         reason: "这一行是模板中的示例行，请删除或改成真实数据后再导入"))
        }
        return Parsed(rows: rows, errors: errors)
    }

    /// Template columns left as numbers; every other column (codes, names, months, dates) is
    /// formatted as Text so Excel keeps 0112 and 2025-03 as typed.
    static let numericColumnKeys: Set<String> = ["revenue", "outputValue", "tax", "rdExpense", "employees", "inventionPatents",
                                                  "sortOrder", "annualTarget", "aboveScale"]

    /// The downloadable template: headings (required ones marked *), an example row.
    static func template(_ register: any ImportRegister) -> SheetTable {
        SheetTable(name: register.titleZh, rows: [
            register.columns.map { .text($0.zh + ($0.required ? "*" : "")) },
            register.columns.map { $0.example.isEmpty ? .empty : .text($0.example) },
        ], textColumns: Set(register.columns.indices.filter { !numericColumnKeys.contains(register.columns[$0].key) }))
    }
}
