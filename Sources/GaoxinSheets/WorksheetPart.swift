import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one `xl/worksheets/sheetN.xml` into rectangular rows.
///
/// Rows and cells may be sparse (only cells with content are stored) and their `r`
/// references may be missing (then a row follows the previous row and a cell the previous
/// cell); gaps become `.empty`. Only cells with a value count toward the size, so styled
/// empty cells far to the right or bottom neither widen the table nor trip the limits.
enum WorksheetPart {
    static func parse(_ data: Data, part: String, sheetName: String, decoder: CellValueDecoder, limits: SheetLimits) throws -> [[SheetCell]] {
        let delegate = Delegate(decoder: decoder, limits: limits, sheetName: sheetName)
        try XMLPartParser.parse(data, part: part, delegate: delegate)
        return delegate.finishedRows()
    }

    private final class Delegate: XMLPartDelegate {
        let decoder: CellValueDecoder
        let limits: SheetLimits
        let sheetName: String
        private var rows: [[SheetCell]] = []
        private var width = 0

        private var row = -1
        private var nextColumn = 0
        private var inCell = false
        private var column = 0
        private var type: String?
        private var style = 0
        private var inValue = false
        private var value = ""
        private var inline = RichTextCollector()
        private var inlineText: String?
        private var hasFormula = false

        init(decoder: CellValueDecoder, limits: SheetLimits, sheetName: String) {
            self.decoder = decoder
            self.limits = limits
            self.sheetName = sheetName
        }

        func finishedRows() -> [[SheetCell]] {
            rows.map { $0.count < width ? $0 + Array(repeating: .empty, count: width - $0.count) : $0 }
        }

        override func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes: [String: String] = [:]
        ) {
            switch elementName {
            case "row":
                if let number = attributes["r"].flatMap({ Int($0) }), number >= 1, number <= CellReference.maxExcelRows {
                    row = number - 1
                } else {
                    row += 1
                }
                nextColumn = 0
            case "c":
                guard row >= 0 else { return }
                inCell = true
                column = attributes["r"].flatMap(CellReference.column(of:)) ?? nextColumn
                type = attributes["t"]
                style = attributes["s"].flatMap { Int($0) } ?? 0
                value = ""
                inlineText = nil
                hasFormula = false
            case "f" where inCell:
                hasFormula = true
            case "v" where inCell:
                inValue = true
            case "is" where inCell:
                inline.begin()
            default:
                inline.enter(elementName)
            }
        }

        override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            switch elementName {
            case "v":
                inValue = false
            case "is" where inCell:
                inlineText = inline.finish()
            case "c" where inCell:
                inCell = false
                nextColumn = column + 1
                // A formula without its result (openpyxl and other writers that do not
                // calculate): reading it as empty or 0 would import a number nobody entered.
                // An empty text result (t="str") is a real result.
                if hasFormula && value.isEmpty && inlineText == nil && type != "str" {
                    fail(.formulaWithoutValue(sheet: sheetName, row: row + 1, column: column + 1), parser)
                    return
                }
                do {
                    let cell = try decoder.decode(type: type, style: style, value: value, inline: inlineText)
                    if cell != .empty { try place(cell) }
                } catch let error as SheetError {
                    fail(error, parser)
                } catch {
                    fail(.malformed("\(error)"), parser)
                }
            default:
                inline.leave(elementName)
            }
        }

        override func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { value += string } else { inline.append(string) }
        }

        override func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
        }

        private func place(_ cell: SheetCell) throws {
            guard row < limits.maxRows else { throw SheetError.tooManyRows(limit: limits.maxRows) }
            guard column < limits.maxColumns else { throw SheetError.tooManyColumns(limit: limits.maxColumns) }
            if rows.count <= row {
                rows.append(contentsOf: Array(repeating: [], count: row + 1 - rows.count))
            }
            if rows[row].count <= column {
                rows[row].append(contentsOf: Array(repeating: .empty, count: column + 1 - rows[row].count))
            }
            rows[row][column] = cell
            width = max(width, column + 1)
        }
    }
}
