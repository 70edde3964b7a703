import SQLKit
import Vapor

/// A year in a path or `?year=` (2000–2100), refused with a Chinese message at its field, and the
/// year a yearly page opens on: the one asked for, else the latest year of its register's rows,
/// else this year (the assessment, the zone indicators).
enum YearParameter {
    static let pattern = "^(20[0-9]{2}|2100)$"

    static func parse(_ raw: String?, field: String) throws -> Int {
        guard let text = raw, let year = Int(text), (2000...2100).contains(year) else {
            throw AppError.badRequest("年度“\(raw ?? "")”应为 2000–2100 的四位数字", field: field)
        }
        return year
    }

    /// `?year=`, else the latest `year` among the active rows of `table` (a literal), else this year.
    static func chosen(_ req: Request, latestIn table: String) async throws -> Int {
        if let raw = req.query[String.self, at: "year"], !raw.isEmpty { return try parse(raw, field: "year") }
        let latest = try await (req.db as! any SQLDatabase).raw("SELECT MAX(year) AS y FROM \(ident: table) WHERE active = \(bind: true)")
            .first(decodingColumn: "y", as: Int?.self) ?? nil
        return latest ?? IndicatorWrites.currentPeriod(req.now).year
    }
}
