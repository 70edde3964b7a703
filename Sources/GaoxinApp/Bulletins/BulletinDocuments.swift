import Foundation
import GaoxinSheets

/// A bulletin as files: a workbook with the text and one sheet per annex table, and a Word
/// document set as a 通报 (红头, number and date, text, annex tables each from a new page).
/// Both are drawn from the stored content alone and zipped with fixed timestamps: a stored
/// bulletin downloads as the same bytes every time.
enum BulletinDocuments {
    static let red = "C00000"

    /// The downloads' name, without its extension.
    static func fileName(_ content: BulletinContent) -> String {
        "通报-\(content.header.month)\(content.header.final ? "" : "-预览")"
    }

    static func workbook(_ content: BulletinContent) throws -> Data {
        let head = content.header
        var text: [[SheetCell]] = [
            [.text(head.issuer)], [.text(content.title)], [.text("\(content.numberText)　\(head.issuedOn)")],
            [.text(head.final ? "据已关账数据（截至 \(head.asOf)）" : "预览稿：\(head.month) 尚未关账，数据可能变动")], [.empty],
        ]
        text += content.summary.map { [SheetCell.text($0)] }
        var sheets = [SheetTable(name: "通报正文", rows: text)]
        for table in BulletinTables.all(content) {
            var rows = [table.header.map { SheetCell.text($0) }]
            rows += table.rows.map { row in row.map { cell in cell.number.map { SheetCell.number($0) } ?? .text(cell.text) } }
            if let note = table.note { rows += [[.empty], [.text(note)]] }
            sheets.append(SheetTable(name: table.sheet, rows: rows))
        }
        return try XLSXWriter.write(sheets)
    }

    static func word(_ content: BulletinContent) throws -> Data {
        let head = content.header
        var blocks: [WordDocument.Block] = [
            .paragraph(.init([.init(head.issuer, bold: true, size: 44, color: red)], alignment: .center)),
            .paragraph(.init([.init(content.title, bold: true, size: 36)], alignment: .center)),
            .paragraph(.init([.init(content.numberText + "　　　　" + head.issuedOn)], alignment: .center, bottomRule: red)),
        ]
        if !head.final {
            blocks.append(.paragraph(.init([.init("（预览稿：\(head.month) 尚未关账，数据可能变动）", color: red)], alignment: .center)))
        }
        blocks += content.summary.map { .paragraph(.init([.init($0)], firstLineIndent: true)) }
        for table in BulletinTables.all(content) {
            blocks.append(.pageBreak)
            blocks.append(.paragraph(.init([.init(table.title, bold: true, size: 28)], alignment: .left)))
            if let note = table.note { blocks.append(.paragraph(.init([.init(note, size: 18)]))) }
            blocks.append(.table(.init(header: table.header, rows: table.rows.map { row in
                row.map { WordDocument.Cell($0.text, bold: $0.strong, fill: fill($0.light)) }
            })))
        }
        return try WordDocument(blocks).data()
    }

    static func fill(_ light: String?) -> String? {
        switch light {
        case "red": return "FDE2E1"
        case "yellow": return "FFF3C4"
        case "green": return "DFF3E4"
        default: return nil
        }
    }
}
