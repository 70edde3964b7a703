import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Import of enterprises' qualifications (e.g. the yearly published list of 高新技术企业). A row
/// already recorded (same enterprise, kind and grant day) is reported, not doubled. A CSV file is
/// streamed a slice at a time in one transaction; a slice's recorded qualifications are read in
/// one query per 500 enterprises and its new ones written (and audited, a row each: a
/// recognition is a programme fact the audit names) in multi-row statements.
struct QualificationRegister: SlicedImportRegister {
    let key = "qualifications"
    let titleZh = "企业资质"
    let titleEn = "Enterprise qualifications"
    let policy = Policies.enterprises
    let columns = [
        RegisterColumn(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", required: true, example: "91320214MA1XYU0003", note: "须为已登记企业"),
        RegisterColumn(key: "name", zh: "企业名称", en: "Name", required: false, example: "无锡芯测半导体有限公司", note: "仅供核对，不导入"),
        RegisterColumn(key: "kind", zh: "资质类型", en: "Kind", required: true, example: "高新技术企业", note: Qualification.allCases.map(\.nameZh).joined(separator: "/"),
                       noteEn: Qualification.allCases.map(\.nameEn).joined(separator: " / ")),
        RegisterColumn(key: "grantedOn", zh: "认定日期", en: "Granted on", required: true, example: "2024-12-01", note: "YYYY-MM-DD"),
        RegisterColumn(key: "expiresOn", zh: "有效期至", en: "Expires on", required: false, example: "2027-11-30", note: "YYYY-MM-DD；长期有效留空"),
        RegisterColumn(key: "note", zh: "备注", en: "Note", required: false, example: "", note: ""),
    ]

    /// A qualification's identity: an enterprise holds a kind granted on a day once.
    struct Key: Hashable {
        let enterpriseID: Int
        let kind: String
        let grantedOn: String

        init(_ row: EnterpriseQualification) {
            enterpriseID = row.enterpriseID
            kind = row.kind
            grantedOn = row.grantedOn
        }

        /// A stored row's, from its `enterprise_id`, `kind` and `granted_on`.
        init(stored row: any SQLRow) throws {
            enterpriseID = try row.decode(column: "enterprise_id", as: Int.self)
            kind = try row.decode(column: "kind", as: String.self)
            grantedOn = try row.decode(column: "granted_on", as: String.self)
        }
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        var seen: [Key: Int] = [:]
        return try await plan(rows, on: context.db, actor: context.actor, now: context.clock.now(), seen: &seen, context: context).errors
    }

    func slices(context: ImportContext) -> any ImportSlices {
        PlannedSlices(seen: [Key: Int](), plan: { rows, tx, seen in
            try await plan(rows, on: tx, actor: context.actor, now: context.clock.now(), seen: &seen, context: nil)
        }, write: { items, tx in
            // A streamed import's progress is the bytes read (`SlicedImportRun`), not a slice's rows.
            try await insert(items, context: context.withoutProgress, on: tx)
        })
    }

    /// `seen`: each qualification's first row in this slice and the file's slices before it.
    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, now: Date, seen: inout [Key: Int],
              context: ImportContext?) async throws -> (errors: [ImportRowError], items: [EnterpriseQualification]) {
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        let existing = try await EnterpriseRegister.existing(codes: rows.compactMap { try? CreditCode.parse($0.value("creditCode")).get().value }, on: db)
        var errors: [ImportRowError] = []
        var checked: [(row: ImportRow, item: EnterpriseQualification)] = []
        for (index, row) in rows.enumerated() {
            if index % 500 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            if let enterpriseID = EnterpriseRegister.rowEnterprise(row, in: existing, actor: actor, doing: "登记其资质", fail: fail)?.id {
                let input = QualificationInput(kind: row.value("kind"), grantedOn: row.value("grantedOn"), expiresOn: row.value("expiresOn"), note: row.value("note"))
                do {
                    let item = try QualificationWrites.checked(input, enterpriseID: enterpriseID, now: now)
                    if let first = seen[Key(item)] { fail("kind", "与第 \(first) 行重复") } else { seen[Key(item)] = row.number }
                    if rowErrors.isEmpty { checked.append((row, item)) }
                } catch let failed as ValidationFailed {
                    for error in failed.errors { fail(error.field, error.messageZh) }
                }
            }
            errors += rowErrors
        }
        let recorded = try await Self.recorded(among: checked.map(\.item), on: db as! any SQLDatabase)
        var items: [EnterpriseQualification] = []
        for (row, item) in checked {
            if recorded.contains(Key(item)) {
                errors.append(ImportRowError(row: row.number, column: labels["kind"] ?? "kind", value: row.value("kind"), reason: "该资质已登记"))
            } else {
                items.append(item)
            }
        }
        return (errors, items)
    }

    /// Which of `items` are recorded already: one query per 500 enterprises.
    static func recorded(among items: [EnterpriseQualification], on sql: any SQLDatabase) async throws -> Set<Key> {
        var recorded = Set<Key>()
        for ids in Array(Set(items.map(\.enterpriseID))).sorted().chunked(500) {
            for row in try await sql.raw("SELECT enterprise_id, kind, granted_on FROM enterprise_qualifications WHERE enterprise_id IN (\(binds: ids))").all() {
                recorded.insert(try Key(stored: row))
            }
        }
        return recorded
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        var seen: [Key: Int] = [:]
        let plan = try await plan(rows, on: tx, actor: context.actor, now: context.clock.now(), seen: &seen, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        return try await insert(plan.items, context: context, on: tx)
    }

    /// New qualifications in multi-row `INSERT … RETURNING` statements (ids found again by their
    /// key, unique in a checked slice: neither engine promises `RETURNING`'s order), each audited.
    func insert(_ items: [EnterpriseQualification], context: ImportContext, on tx: any Database) async throws -> Int {
        let sql = tx as! any SQLDatabase
        let now = context.clock.now(), today = QualificationWrites.today(now)
        var done = 0
        for chunk in items.chunked(500) {
            let insert = sql.insert(into: EnterpriseQualification.schema).columns("enterprise_id", "kind", "granted_on", "expires_on", "note", "created_at")
            for item in chunk {
                insert.values(SQLBind(item.enterpriseID), SQLBind(item.kind), SQLBind(item.grantedOn), SQLBind(item.expiresOn), SQLBind(item.note), SQLBind(now))
            }
            var ids: [Key: Int] = [:]
            for row in try await insert.returning("id", "enterprise_id", "kind", "granted_on").all() {
                ids[try Key(stored: row)] = try row.decode(column: "id", as: Int.self)
            }
            try await AuditLog.insert(try chunk.map { item in
                guard let id = ids[Key(item)] else { throw AppError.conflict("资质写入后未能读回，请重新导入") }
                item.id = id
                item.createdAt = now
                return AuditLog.entry(at: now, actor: context.actor, address: context.address, action: .create,
                                      entity: "enterprise_qualification", entityID: "\(id)",
                                      summary: "导入资质“\(item.qualification?.nameZh ?? item.kind)”（\(item.grantedOn)）",
                                      before: NoSnapshot?.none, after: QualificationDTO(item, today: today))
            }, on: tx)
            done += chunk.count
            await context.report("writing", done, items.count)
        }
        return items.count
    }
}
