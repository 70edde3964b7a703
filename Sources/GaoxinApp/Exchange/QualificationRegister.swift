import Fluent
import Foundation
import GaoxinDomain

/// Import of enterprises' qualifications (e.g. the yearly published list of 高新技术企业). A row
/// already recorded (same enterprise, kind and grant day) is reported, not doubled.
struct QualificationRegister: ImportRegister {
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

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, on: context.db, actor: context.actor, now: context.clock.now(), context: context).errors
    }

    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, now: Date, context: ImportContext?) async throws -> (errors: [ImportRowError], items: [EnterpriseQualification]) {
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        let existing = try await EnterpriseRegister.existing(codes: rows.compactMap { try? CreditCode.parse($0.value("creditCode")).get().value }, on: db)
        var errors: [ImportRowError] = []
        var items: [EnterpriseQualification] = []
        var seen: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            if index % 500 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            let enterpriseID = EnterpriseRegister.rowEnterprise(row, in: existing, actor: actor, doing: "登记其资质", fail: fail)?.id
            var item: EnterpriseQualification?
            if let enterpriseID {
                let enterprise = Enterprise()
                enterprise.id = enterpriseID
                let input = QualificationInput(kind: row.value("kind"), grantedOn: row.value("grantedOn"), expiresOn: row.value("expiresOn"), note: row.value("note"))
                do {
                    item = try await QualificationWrites.validate(input, enterprise: enterprise, now: now, on: db)
                } catch let failed as ValidationFailed {
                    for error in failed.errors { fail(error.field, error.code == "duplicate" ? "该资质已登记" : error.messageZh) }
                }
            }
            if let item {
                let key = "\(item.enterpriseID)|\(item.kind)|\(item.grantedOn)"
                if let first = seen[key] { fail("kind", "与第 \(first) 行重复") } else { seen[key] = row.number }
                if rowErrors.isEmpty { items.append(item) }
            }
            errors += rowErrors
        }
        return (errors, items)
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let plan = try await plan(rows, on: tx, actor: context.actor, now: context.clock.now(), context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        let today = QualificationWrites.today(context.clock.now())
        for (index, row) in plan.items.enumerated() {
            try await row.create(on: tx)
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .create,
                                      entity: "enterprise_qualification", entityID: "\(row.id!)",
                                      summary: "导入资质“\(row.qualification?.nameZh ?? row.kind)”（\(row.grantedOn)）",
                                      before: NoSnapshot?.none, after: QualificationDTO(row, today: today))
            if index % 200 == 0 { await context.report("writing", index, plan.items.count) }
        }
        await context.report("writing", plan.items.count, plan.items.count)
        return plan.items.count
    }
}
