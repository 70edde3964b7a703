import Fluent
import GaoxinDomain
import SQLKit

/// A cross-record check (`RegisterDeclaration.batchCheck`): at most one active row per owner and
/// year — a unit's target list, a project's investment plan, a unit's goal for one metric (the
/// owner is then the unit and the metric together). The owners are reference fields; the message
/// names the row that already holds the year, or the batch item that repeats it.
struct RegisterOneRowPerYear: Sendable {
    struct Owner: Sendable {
        /// The reference field (`owningUnitId`, `projectId`) and its column.
        let field: String
        let column: String
    }

    let owners: [Owner]
    let table: String
    /// The column that names an existing row in the message.
    let nameColumn: String
    /// "该单位" / "This unit", "目标清单" / "targets".
    let ownerZh: String, ownerEn: String
    let rowZh: String, rowEn: String
    /// "同一单位同一年度" / "the same unit and year": what two items of one batch share.
    let sameZh: String, sameEn: String

    init(field: String, column: String, table: String, nameColumn: String, ownerZh: String, ownerEn: String, rowZh: String, rowEn: String) {
        self.init(owners: [Owner(field: field, column: column)], table: table, nameColumn: nameColumn, ownerZh: ownerZh, ownerEn: ownerEn,
                  rowZh: rowZh, rowEn: rowEn, sameZh: "同一\(ownerZh.dropFirst())同一年度",
                  sameEn: "the same \(ownerEn.lowercased().replacingOccurrences(of: "this ", with: "")) and year")
    }

    init(owners: [Owner], table: String, nameColumn: String, ownerZh: String, ownerEn: String, rowZh: String, rowEn: String, sameZh: String, sameEn: String) {
        self.owners = owners
        self.table = table
        self.nameColumn = nameColumn
        self.ownerZh = ownerZh
        self.ownerEn = ownerEn
        self.rowZh = rowZh
        self.rowEn = rowEn
        self.sameZh = sameZh
        self.sameEn = sameEn
    }

    @Sendable func check(_ items: [RegisterBatchItem], on db: Database) async throws -> [[FieldError]] {
        // The stored rows that could collide share the first owner; the rest narrow them in memory.
        let first = owners[0]
        let firstOwners = Set(items.compactMap { $0.values[first.field]?.integer })
        let ownerColumns = owners.enumerated().map { "\($0.element.column) AS owner\($0.offset)" }.joined(separator: ", ")
        var taken: [String: (id: Int, name: String)] = [:]
        for chunk in Array(firstOwners).chunked(500) {
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT id, \(ident: nameColumn) AS name, \(unsafeRaw: ownerColumns), year FROM \(ident: table)
                WHERE active = \(bind: true) AND \(ident: first.column) IN (\(binds: chunk))
                """).all()
            for row in rows {
                let key = try owners.indices.map { String(try row.decode(column: "owner\($0)", as: Int64.self)) }.joined(separator: "/")
                    + "/\(try row.decode(column: "year", as: Int64.self))"
                taken[key] = (try row.decode(column: "id", as: Int.self), try row.decode(column: "name", as: String.self))
            }
        }
        var seen: [String: Int] = [:]
        return items.map { item in
            let ids = owners.compactMap { item.values[$0.field]?.integer }
            guard ids.count == owners.count, let year = item.values["year"]?.integer else { return [] }
            let key = ids.map(String.init).joined(separator: "/") + "/\(year)"
            if let other = taken[key], other.id != item.existingID {
                return [FieldError(field: first.field, code: "duplicate", zh: "\(ownerZh) \(year) 年已有\(rowZh)“\(other.name)”",
                                   en: "\(ownerEn) already has \(rowEn) for \(year): \(other.name)")]
            }
            if let earlier = seen[key] {
                return [FieldError(field: first.field, code: "duplicate", zh: "与第 \(earlier) 行是\(sameZh)", en: "\(sameEn.prefix(1).uppercased() + sameEn.dropFirst()) as row \(earlier)")]
            }
            seen[key] = item.number
            return []
        }
    }
}
