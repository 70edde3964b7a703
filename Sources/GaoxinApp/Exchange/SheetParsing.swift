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
        let header = Header(number: headerRow.offset + 1, cells: headerRow.element, register: register)
        var rows: [ImportRow] = []
        rows.reserveCapacity(nonEmpty.count - 1)
        for (offset, cells) in nonEmpty.dropFirst() { rows.append(header.row(number: offset + 1, cells: cells)) }
        var errors = header.errors
        if rows.isEmpty && errors.isEmpty { errors.append(header.noDataError) }
        errors += exampleRows(rows, register: register)
        return Parsed(rows: rows, errors: errors)
    }

    /// A file's heading row mapped to the register's columns: unknown and missing columns are its
    /// errors; every row of the file is read through it.
    struct Header {
        let number: Int
        let errors: [ImportRowError]
        /// Every column of the file is in every row (empty where a row is short), so a register
        /// can tell "left empty" from "not in this file".
        let columns: ImportColumns
        /// Each file column's place in a row's cells, worked out once for the whole file.
        private let positionByIndex: [Int: Int]

        init(number: Int, cells: [SheetCell], register: any ImportRegister) {
            var errors: [ImportRowError] = []
            var keyByIndex: [Int: String] = [:]
            for (index, cell) in cells.enumerated() {
                let heading = cell.text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
                if heading.isEmpty { continue }
                if let column = register.columns.first(where: { $0.zh == heading || $0.en.lowercased() == heading.lowercased() || $0.key == heading || $0.aliases.contains(heading) }) {
                    keyByIndex[index] = column.key
                } else if register.exportOnlyHeadings.contains(heading) {
                    continue  // a column the register's own export adds (e.g. 状态): shown, not imported
                } else {
                    errors.append(ImportRowError(row: number, column: heading, value: heading, reason: "无法识别的列，请使用模板中的列名"))
                }
            }
            for column in register.columns where column.required && !keyByIndex.values.contains(column.key) {
                errors.append(ImportRowError(row: number, column: column.zh, value: "", reason: "缺少必填列“\(column.zh)”"))
            }
            self.number = number
            self.errors = errors
            columns = ImportColumns(Array(Set(keyByIndex.values)).sorted())
            positionByIndex = keyByIndex.compactMapValues { [columns] in columns.position[$0] }
        }

        func row(number: Int, cells: [SheetCell]) -> ImportRow {
            var values = [String](repeating: "", count: columns.keys.count)
            // Our exports guard text that looks like a formula (or starts with an apostrophe); take it off.
            for (index, cell) in cells.enumerated() {
                if let position = positionByIndex[index] { values[position] = SpreadsheetTextGuard.unguarded(cell.text) }
            }
            return ImportRow(number: number, columns: columns, cells: values)
        }

        var noDataError: ImportRowError { ImportRowError(row: number + 1, column: "", value: "", reason: "文件中只有标题行，没有数据") }
    }

    /// The template's example row is valid data on purpose; imported unchanged it would create
    /// 张三 with a published password or overwrite a real record named like the example.
    /// One filled column (a register whose example names only a unit) would take every real
    /// row of that unit for the example: it takes two to recognise it.
    static func exampleRows(_ rows: [ImportRow], register: any ImportRegister) -> [ImportRowError] {
        let example = register.columns.filter { !$0.example.isEmpty }
        guard example.count >= 2 else { return [] }
        return rows.filter { row in example.allSatisfy({ row.has($0.key) && row.value($0.key) == $0.example }) }.map { row in
            ImportRowError(row: row.number, column: "", value: "", reason: "这一行是模板中的示例行，请删除或改成真实数据后再导入")
        }
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
