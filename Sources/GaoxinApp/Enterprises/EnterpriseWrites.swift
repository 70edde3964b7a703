import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Every change to the enterprise register: validated first, written with its audit record in one
/// transaction. The unit role writes only enterprises kept by its unit or subtree.
enum EnterpriseWrites: FieldRecordWrites {
    typealias Record = Enterprise
    typealias Input = EnterpriseInput

    static func record(_ req: Request) async throws -> Enterprise { try await EnterpriseQueries.find(req) }

    struct Fields: Equatable, Sendable {
        var creditCode: String
        var name: String
        var industryCode: String
        var unitID: Int
        var aboveScale: Bool
        var tier: EnterpriseTier?
        var address: String?
        var note: String?
    }

    /// The rules of one enterprise that need no database; shared by forms, the API and imports.
    static func check(_ input: EnterpriseInput, existing: Enterprise?, into v: inout FieldValidator) -> Fields {
        let codeText = (input.creditCode ?? existing?.creditCode ?? "")
        var creditCode = ""
        if codeText.trimmingCharacters(in: .whitespaces).isEmpty {
            v.add(.required("creditCode", label: "统一社会信用代码", labelEn: "Credit code"))
        } else {
            switch CreditCode.parse(codeText) {
            case .success(let code): creditCode = code.value
            case .failure(let problem): v.add(.invalid("creditCode", zh: problem.messageZh, en: problem.messageEn))
            }
        }
        let name = v.requiredText("name", input.name ?? existing?.name, label: "企业名称", labelEn: "Name", max: 200)
        let industryText = input.industryCode ?? existing?.industryCode ?? ""
        var industryCode = ""
        if industryText.trimmingCharacters(in: .whitespaces).isEmpty {
            v.add(.required("industryCode", label: "行业代码", labelEn: "Industry code"))
        } else {
            // A code the standard lists, or an industry named as the standard names it.
            switch IndustryCatalogue.standard.resolve(industryText) {
            case .success(let code): industryCode = code.digits
            case .failure(let problem): v.add(.invalid("industryCode", zh: problem.messageZh, en: problem.messageEn))
            }
        }
        let unitID = input.unitId ?? existing?.unitID
        if unitID == nil { v.add(.choiceRequired("unitId", label: "所属单位", labelEn: "Unit")) }
        var tier = existing?.enterpriseTier
        if let tierText = input.tier {
            let trimmed = tierText.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { tier = nil } else if let parsed = EnterpriseTier(codeOrName: trimmed) { tier = parsed } else {
                v.add(.invalid("tier", zh: "企业层级“\(trimmed)”不存在，可选：" + EnterpriseTier.allCases.map(\.nameZh).joined(separator: "、"),
                               en: "Unknown tier \(trimmed)"))
            }
        }
        let address = v.optionalText("address", input.address ?? existing?.address, label: "地址", labelEn: "Address", max: 200)
        let note = v.optionalText("note", input.note ?? existing?.note, label: "备注", labelEn: "Note", max: 2000)
        return Fields(creditCode: creditCode, name: name, industryCode: industryCode, unitID: unitID ?? 0,
                      aboveScale: input.aboveScale ?? existing?.aboveScale ?? false, tier: tier, address: address, note: note)
    }

    /// All rules, including those against the database; `existing` is the enterprise being edited.
    static func validate(_ input: EnterpriseInput, existing: Enterprise?, actor: Actor, on db: Database) async throws -> Fields {
        var v = FieldValidator()
        let fields = check(input, existing: existing, into: &v)
        if fields.unitID != 0 {
            if let unit = try await OrgUnit.find(fields.unitID, on: db) {
                if !unit.active, unit.id != existing?.unitID {
                    v.add(.invalid("unitId", zh: "单位“\(unit.name)”已停用", en: "The unit is deactivated"))
                } else if let path = unit.unitPath, !actor.owns(path) {
                    v.add(.invalid("unitId", zh: "只能选择本单位或下级单位", en: "Choose your own unit or one below it"))
                }
            } else {
                v.add(.invalid("unitId", zh: "所属单位不存在", en: "Unit not found"))
            }
        }
        if !fields.creditCode.isEmpty {
            var query = Enterprise.query(on: db).filter(\.$creditCode == fields.creditCode)
            if let id = existing?.id { query = query.filter(\.$id != id) }
            if let other = try await query.first() {
                v.add(FieldError(field: "creditCode", code: "duplicate", zh: "该统一社会信用代码已登记为“\(other.name)”",
                                 en: "This credit code is already registered"))
            }
        }
        try v.throwIfInvalid()
        return fields
    }

    /// The unit role may change only what its unit or subtree keeps (SPEC §5).
    static func requireOwnership(_ enterprise: Enterprise, actor: Actor, on db: Database) async throws {
        guard let unit = try await OrgUnit.find(enterprise.unitID, on: db), let path = unit.unitPath, actor.owns(path) else {
            throw AppError.forbidden
        }
    }

    static func apply(_ fields: Fields, to enterprise: Enterprise) {
        enterprise.creditCode = fields.creditCode
        enterprise.name = fields.name
        enterprise.industryCode = fields.industryCode
        enterprise.unitID = fields.unitID
        enterprise.aboveScale = fields.aboveScale
        enterprise.tier = fields.tier?.rawValue
        enterprise.address = fields.address
        enterprise.note = fields.note
    }
}

extension Enterprise: AuditedRecord {
    static let auditEntity = "enterprise"
    static let auditNounZh = "企业"
    var auditName: String { name }
    var auditSnapshot: EnterpriseDTO { EnterpriseDTO(self) }
}
