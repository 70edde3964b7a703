import Fluent
import GaoxinDomain
import SQLKit

/// A cross-record check (`RegisterDeclaration.batchCheck`): at most one active row per owner and
/// year — a unit's target list, a project's investment plan. The owner is a reference field; the
/// message names the row that already holds the year, or the batch item that repeats it.
struct RegisterOneRowPerYear: Sendable {
    /// The reference field (`owningUnitId`, `projectId`) and its column.
    let field: String
    let column: String
    let table: String
    /// The column that names an existing row in the message.
    let nameColumn: String
    /// "该单位" / "This unit", "目标清单" / "targets".
    let ownerZh: String, ownerEn: String
    let rowZh: String, rowEn: String

    @Sendable func check(_ items: [RegisterBatchItem], on db: Database) async throws -> [[FieldError]] {
        let owners = Set(items.compactMap { $0.values[field]?.integer })
        var taken: [String: (id: Int, name: String)] = [:]
        for chunk in Array(owners).chunked(500) {
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT id, \(ident: nameColumn) AS name, \(ident: column) AS owner, year FROM \(ident: table)
                WHERE active = \(bind: true) AND \(ident: column) IN (\(binds: chunk))
                """).all()
            for row in rows {
                taken["\(try row.decode(column: "owner", as: Int64.self))/\(try row.decode(column: "year", as: Int64.self))"] =
                    (try row.decode(column: "id", as: Int.self), try row.decode(column: "name", as: String.self))
            }
        }
        var seen: [String: Int] = [:]
        return items.map { item in
            guard let owner = item.values[field]?.integer, let year = item.values["year"]?.integer else { return [] }
            let key = "\(owner)/\(year)"
            if let other = taken[key], other.id != item.existingID {
                return [FieldError(field: field, code: "duplicate", zh: "\(ownerZh) \(year) 年已有\(rowZh)“\(other.name)”",
                                   en: "\(ownerEn) already has \(rowEn) for \(year): \(other.name)")]
            }
            if let first = seen[key] {
                return [FieldError(field: field, code: "duplicate", zh: "与第 \(first) 条是同一\(ownerZh.dropFirst())同一年度",
                                   en: "The same \(ownerEn.lowercased().replacingOccurrences(of: "this ", with: "")) and year as item \(first)")]
            }
            seen[key] = item.number
            return []
        }
    }
}
