import Foundation
@testable import GaoxinSheets

/// Cells as another program reports them in JSON: `["s", text]`, `["i", int]`,
/// `["f", double]`, `["d", "YYYY-MM-DD"]`, `["b", bool]` or null — so that tables read by
/// openpyxl can be compared with ours exactly, types included.
enum InteropCells {
    /// Python that prints the workbook at argv[1] in that form, one object per sheet.
    static let dumpScript = """
    import datetime, json, sys
    from openpyxl import load_workbook
    def cell(v):
        if v is None: return None
        if isinstance(v, bool): return ["b", v]
        if isinstance(v, int): return ["i", v]
        if isinstance(v, float): return ["f", v]
        if isinstance(v, (datetime.datetime, datetime.date)): return ["d", v.strftime("%Y-%m-%d")]
        return ["s", str(v)]
    wb = load_workbook(sys.argv[1])
    print(json.dumps([{"name": ws.title, "rows": [[cell(v) for v in row] for row in ws.iter_rows(values_only=True)]}
                      for ws in wb.worksheets], ensure_ascii=False))
    """

    struct DecodingFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func tables(fromJSON text: String) throws -> [SheetTable] {
        guard let sheets = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw DecodingFailure(description: "not a list of sheets: \(text)")
        }
        return try sheets.map { sheet in
            let rows = (sheet["rows"] as? [[Any]]) ?? []
            return SheetTable(name: sheet["name"] as? String ?? "", rows: try rows.map { try $0.map(cell) })
        }
    }

    private static func cell(_ value: Any) throws -> SheetCell {
        if value is NSNull { return .empty }
        guard let pair = value as? [Any], pair.count == 2, let tag = pair[0] as? String else {
            throw DecodingFailure(description: "bad cell \(value)")
        }
        switch tag {
        case "s": return .text(pair[1] as? String ?? "")
        case "i": return .integer((pair[1] as? NSNumber)?.int64Value ?? 0)
        case "f": return .number((pair[1] as? NSNumber)?.doubleValue ?? .nan)
        case "b": return .bool((pair[1] as? Bool) ?? false)
        case "d":
            guard let date = CellValueDecoder.isoDate(pair[1] as? String ?? "") else {
                throw DecodingFailure(description: "bad date \(pair[1])")
            }
            return date
        default: throw DecodingFailure(description: "unknown tag \(tag)")
        }
    }
}
