import Fluent
import GaoxinDomain
import SQLKit

/// Money is typed in 万元 (亿元 on forms); a figure typed in 元 comes out 10,000 times too large.
/// A new or changed money value at least `factor` times the median of its field's active records
/// (given `minimumRecords` of them) is held back until confirmed — a form's "金额已核对" box, the
/// API's `confirmLargeAmounts: true` — with a message naming the typical amount. An import row is
/// refused with the same reason (a file has no box to tick); a genuinely large figure is entered
/// once through the form or the API.
enum RegisterAmountScale {
    static let factor: Int64 = 10_000
    static let minimumRecords = 5
    static let confirmKey = "confirmLargeAmounts"

    static func hasMoney(_ declaration: RegisterDeclaration) -> Bool {
        declaration.inputFields.contains { if case .money = $0.kind { return true }; return false }
    }

    static func check(_ declaration: RegisterDeclaration, _ items: [(input: RegisterInput, existing: RegisterRecord?)],
                      outcomes: inout [RegisterChecker.Outcome], medians: Medians? = nil, on db: Database) async throws {
        for field in declaration.inputFields {
            guard case .money = field.kind else { continue }
            let candidates = outcomes.indices.filter { index in
                guard outcomes[index].errors.isEmpty, !items[index].input.confirmedAmounts, items[index].input.has(field.key),
                      let value = outcomes[index].values[field.key]?.integer, value > 0 else { return false }
                return items[index].existing?.values[field.key]?.integer != value
            }
            guard !candidates.isEmpty else { continue }
            let typical: Int64?
            if let medians { typical = try await medians.median(declaration, field, on: db) } else { typical = try await median(declaration, field, on: db) }
            guard let typical, typical > 0 else { continue }
            for index in candidates {
                guard let value = outcomes[index].values[field.key]?.integer, value / typical >= factor else { continue }
                let file = items[index].input.source == .file
                let zh = "\(field.zh) \(Wan(value).yiText) 亿元是同类记录常见金额（约 \(Wan(typical).yiText) 亿元）的一万倍以上，可能误按“元”填写（金额单位为万元）"
                    + (file ? "；请核对，确为此数请在表单或接口中录入并确认" : "；核对无误请勾选“金额已核对”（接口传 confirmLargeAmounts: true）后重新提交")
                let en = "\(field.en) \(Wan(value).yiText) (100m yuan) is over 10,000 times the usual \(Wan(typical).yiText): typed in yuan rather than 10k yuan?"
                    + (file ? " Check it; a figure this large is entered through the form or the API with confirmation." : " If it is right, confirm (confirmLargeAmounts: true) and submit again.")
                outcomes[index].errors.append(FieldError(field: field.key, code: "confirm", zh: zh, en: en))
            }
        }
    }

    /// The medians an import compares its rows with, each worked out when first needed — before
    /// the import has written a record with that amount — and kept for the whole file: a streamed
    /// file's later slices are compared with the records before the import, not with what its
    /// earlier slices wrote (which would let amounts creep upwards slice by slice).
    final class Medians: @unchecked Sendable {
        private var known: [String: Int64?] = [:]

        func median(_ declaration: RegisterDeclaration, _ field: RegisterField, on db: Database) async throws -> Int64? {
            if let known = known[field.key] { return known }
            let value = try await RegisterAmountScale.median(declaration, field, on: db)
            known[field.key] = .some(value)
            return value
        }
    }

    /// The median of the field over active records with a positive value; nil below `minimumRecords`.
    static func median(_ declaration: RegisterDeclaration, _ field: RegisterField, on db: Database) async throws -> Int64? {
        let sql = db as! any SQLDatabase
        let filled: SQLQueryString = "FROM \(ident: declaration.table) WHERE active = \(bind: true) AND \(ident: field.column) > 0"
        let count = try await sql.raw("SELECT COUNT(*) AS n " + filled).first(decodingColumn: "n", as: Int.self) ?? 0
        guard count >= minimumRecords else { return nil }
        return try await sql.raw("SELECT \(ident: field.column) AS v " + filled + " ORDER BY \(ident: field.column) LIMIT 1 OFFSET \(unsafeRaw: String(count / 2))")
            .first(decodingColumn: "v", as: Int64.self)
    }
}
