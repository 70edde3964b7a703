import Foundation
import GaoxinSheets
import Vapor

/// Export of the current filtered list, as xlsx or CSV, with the column headings of the screen.
enum ListExport {
    enum Format: String { case xlsx, csv }

    static func format(_ req: Request) throws -> Format {
        let raw = req.query[String.self, at: "format"] ?? "xlsx"
        guard let format = Format(rawValue: raw) else { throw AppError.badRequest("导出格式应为 xlsx 或 csv", field: "format") }
        return format
    }

    /// One export holds at most this many rows; a longer list says so in its last row and a header.
    static let maxRows = 200_000

    static func response<Row>(_ rows: [Row], columns: [ListColumn<Row>], sheetName: String, fileName: String,
                              format: Format, lang: UILanguage) throws -> Response {
        let truncated = rows.count >= maxRows
        let response = try file(table(rows, columns: columns, sheetName: sheetName, lang: lang, cap: maxRows), fileName: fileName, format: format)
        if truncated { response.headers.replaceOrAdd(name: "X-Gaoxin-Export-Truncated", value: "\(maxRows)") }
        return response
    }

    /// The sheet of a list: the screen's headings, one row per record, and a last line saying
    /// so when the list reached `cap` rows.
    static func table<Row>(_ rows: [Row], columns allColumns: [ListColumn<Row>], sheetName: String, lang: UILanguage, cap: Int) -> SheetTable {
        let columns = allColumns.filter { !$0.isAction }
        let header = columns.map { SheetCell.text(lang.t($0.zh, $0.en)) }
        var body = rows.map { row in columns.map { $0.export(row, lang) } }
        if rows.count >= cap {
            body.append([.text(lang.t("（仅导出前 \(cap) 行，请缩小筛选范围后分批导出）", "(only the first \(cap) rows; narrow the filter and export in parts)"))])
        }
        return SheetTable(name: sheetName, rows: [header] + body)
    }

    static func file(_ table: SheetTable, fileName: String, format: Format) throws -> Response {
        switch format {
        case .xlsx: return download(try XLSXWriter.write([table]), fileName: fileName, format: .xlsx)
        case .csv: return download(CSVFormat.write(table, bom: true), fileName: fileName, format: .csv)
        }
    }

    /// A finished file as a download, with its Chinese name kept (RFC 5987 `filename*`).
    static func download(_ data: Data, fileName: String, format: Format) -> Response {
        switch format {
        case .xlsx: return attachment(data, fileName: fileName, ext: "xlsx", type: xlsxType)
        case .csv: return attachment(data, fileName: fileName, ext: "csv", type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]))
        }
    }

    static let xlsxType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    /// Any finished file (`fileName` without its extension) as an attachment; the plain
    /// `filename` is ASCII (`export.<ext>`) for clients that do not read `filename*`.
    static func attachment(_ data: Data, fileName: String, ext: String, type: HTTPMediaType) -> Response {
        let response = Response(status: .ok)
        response.headers.contentType = type
        let encoded = "\(fileName).\(ext)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export.\(ext)"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"export.\(ext)\"; filename*=UTF-8''\(encoded)")
        response.body = .init(data: data)
        return response
    }
}
