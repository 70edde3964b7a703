import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

struct QualificationDTO: Content, Equatable, APISchema {
    var id: Int
    var enterpriseId: Int
    var kind: String
    var kindName: String
    var grantedOn: String
    var expiresOn: String?
    var note: String?
    /// Held today (granted, not expired).
    var valid: Bool

    init(_ row: EnterpriseQualification, today: String) {
        id = row.id ?? 0
        enterpriseId = row.enterpriseID
        kind = row.kind
        kindName = row.qualification?.nameZh ?? row.kind
        grantedOn = row.grantedOn
        expiresOn = row.expiresOn
        note = row.note
        valid = row.isValid(on: today)
    }

    static let schemaName = "EnterpriseQualification"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "enterpriseId": .integer, "kind": .string(allowedValues: Qualification.allCases.map { AnyCodable($0.rawValue) }),
            "kindName": .string, "grantedOn": .string(format: .date), "expiresOn": .string(format: .date, required: false, nullable: true),
            "note": .string(required: false, nullable: true), "valid": .boolean,
        ])
    }
}

struct QualificationInput: Content, APISchema {
    var kind: String?
    var grantedOn: String?
    var expiresOn: String?
    var note: String?

    static let schemaName = "EnterpriseQualificationInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "kind": .string(required: true, allowedValues: Qualification.allCases.map { AnyCodable($0.rawValue) }),
            "grantedOn": .recordDay(required: true),
            // An empty expiry (what the form's blank date field sends) means "does not expire", like null.
            "expiresOn": .any(of: [.recordDay(required: true), .string(maxLength: 0)], core: .init(required: false, nullable: true)),
            "note": .string(required: false, nullable: true, maxLength: 500),
        ])
    }
}

struct QualificationListDTO: Content, APISchema {
    var items: [QualificationDTO]

    static let schemaName = "EnterpriseQualificationList"
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .reference(.component(named: QualificationDTO.schemaName)))])
    }
}

/// Adding and removing an enterprise's recognitions, under the enterprise's ownership, audited.
enum QualificationWrites {
    static func today(_ now: Date) -> String { DisplayFormat.day(now) }

    /// A qualification checked against the form's rules and the enterprise's recorded ones.
    static func validate(_ input: QualificationInput, enterprise: Enterprise, now: Date, on db: Database) async throws -> EnterpriseQualification {
        let row = try checked(input, enterpriseID: enterprise.id!, now: now)
        let same = try await EnterpriseQualification.query(on: db).filter(\.$enterpriseID == row.enterpriseID)
            .filter(\.$kind == row.kind).filter(\.$grantedOn == row.grantedOn).count()
        if same > 0 { throw ValidationFailed([duplicate(row)]) }
        return row
    }

    /// The rules that need no database (kind, days, note): the row to record, or every field's
    /// problem at once. An import checks its rows' duplicates in one query per 500 enterprises.
    static func checked(_ input: QualificationInput, enterpriseID: Int, now: Date) throws -> EnterpriseQualification {
        var v = FieldValidator()
        let kindText = (input.kind ?? "").trimming(.whitespaces)
        let kind = Qualification(codeOrName: kindText)
        if kindText.isEmpty { v.add(.choiceRequired("kind", label: "资质类型", labelEn: "Kind")) } else if kind == nil {
            v.add(.invalid("kind", zh: "资质类型“\(kindText)”不存在，可选：" + Qualification.allCases.map(\.nameZh).joined(separator: "、"), en: "Unknown kind"))
        }
        func day(_ field: String, _ text: String?, label: String, required: Bool) -> String? {
            let raw = (text ?? "").trimming(.whitespaces)
            if raw.isEmpty {
                if required { v.add(.required(field, label: label, labelEn: field)) }
                return nil
            }
            guard let parsed = CalendarDay(raw) else {
                v.add(.invalid(field, zh: "\(label)应为 YYYY-MM-DD 格式的日期，如 2024-12-01", en: "Date must be YYYY-MM-DD"))
                return nil
            }
            return parsed.description
        }
        let granted = day("grantedOn", input.grantedOn, label: "认定日期", required: true)
        let expires = day("expiresOn", input.expiresOn, label: "有效期至", required: false)
        if let granted, granted > today(now) { v.add(.invalid("grantedOn", zh: "认定日期不能晚于今天", en: "Granted date is in the future")) }
        if let granted, let expires, expires < granted { v.add(.invalid("expiresOn", zh: "有效期至不能早于认定日期", en: "Expiry before the grant")) }
        let note = v.optionalText("note", input.note, label: "备注", labelEn: "Note", max: 500)
        try v.throwIfInvalid()
        let row = EnterpriseQualification()
        row.enterpriseID = enterpriseID
        row.kind = kind!.rawValue
        row.grantedOn = granted!
        row.expiresOn = expires
        row.note = note
        return row
    }

    /// The enterprise has this kind granted that day already.
    static func duplicate(_ row: EnterpriseQualification) -> FieldError {
        FieldError(field: "kind", code: "duplicate", zh: "该企业已登记 \(row.grantedOn) 认定的\(row.qualification?.nameZh ?? row.kind)", en: "Already recorded")
    }

    static func add(_ enterprise: Enterprise, _ input: QualificationInput, _ req: Request) async throws -> EnterpriseQualification {
        try await EnterpriseQueries.requireOwnership(enterprise, actor: try req.requireActor(), on: req.db)
        let row = try await validate(input, enterprise: enterprise, now: req.now, on: req.db)
        let today = today(req.now)
        return try await req.db.transaction { tx in
            try await row.create(on: tx)
            try await AuditLog.record(req, on: tx, action: .create, entity: "enterprise_qualification", entityID: "\(row.id!)",
                                      summary: "登记“\(enterprise.name)”的\(row.qualification?.nameZh ?? row.kind)（\(row.grantedOn)）",
                                      before: NoSnapshot?.none, after: QualificationDTO(row, today: today))
            return row
        }
    }

    static func remove(_ enterprise: Enterprise, qualificationID: Int, _ req: Request) async throws {
        try await EnterpriseQueries.requireOwnership(enterprise, actor: try req.requireActor(), on: req.db)
        guard let row = try await EnterpriseQualification.find(qualificationID, on: req.db), row.enterpriseID == enterprise.id else {
            throw AppError.notFound("该资质记录")
        }
        let before = QualificationDTO(row, today: today(req.now))
        try await req.db.transaction { tx in
            try await row.delete(on: tx)
            try await AuditLog.record(req, on: tx, action: .delete, entity: "enterprise_qualification", entityID: "\(before.id)",
                                      summary: "删除“\(enterprise.name)”的\(before.kindName)（\(before.grantedOn)）", before: before, after: NoSnapshot?.none)
        }
    }
}
