import Fluent
import Foundation
import GaoxinDomain

/// Import of user accounts, with the same rules as the form (password rules included).
struct UserRegister: ImportRegister {
    let key = "users"
    let titleZh = "用户"
    let titleEn = "Users"
    let policy = Policies.users
    let columns = [
        RegisterColumn(key: "username", zh: "用户名", en: "Username", required: true, example: "zhangsan", note: "3–50 位小写字母、数字或 . _ -"),
        RegisterColumn(key: "displayName", zh: "姓名", en: "Name", required: true, example: "张三", note: ""),
        RegisterColumn(key: "unit", zh: "所属单位", en: "Unit", required: true, example: "集成电路招商团队", note: "单位编码或名称"),
        RegisterColumn(key: "roles", zh: "角色", en: "Roles", required: true, example: "单位用户", note: "多个角色用、或逗号分隔：" + Role.allCases.map(\.nameZh).joined(separator: "、"),
                       noteEn: "Several roles separated by 、 or commas: " + Role.allCases.map(\.nameEn).joined(separator: ", ")),
        RegisterColumn(key: "email", zh: "邮箱", en: "E-mail", required: false, example: "zhangsan@example.cn", note: ""),
        RegisterColumn(key: "phone", zh: "电话", en: "Phone", required: false, example: "0510-12345678", note: ""),
        RegisterColumn(key: "password", zh: "初始密码", en: "Initial password", required: true, example: "Gx-示例-请修改-2025", note: "至少 10 个字符"),
    ]

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, on: context.db, context: context).errors
    }

    func plan(_ rows: [ImportRow], on db: Database, context: ImportContext?) async throws -> (errors: [ImportRowError], fields: [UserWrites.Fields]) {
        let units = try await OrgUnit.query(on: db).all()
        var errors: [ImportRowError] = []
        var fieldsList: [UserWrites.Fields] = []
        var seen: [String: Int] = [:]
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        for (index, row) in rows.enumerated() {
            if index % 50 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            let unitText = row.value("unit")
            var unitID: Int?
            if unitText.isEmpty {
                rowErrors.append(ImportRowError(row: row.number, column: "所属单位", value: "", reason: "必填"))
            } else if let unit = units.first(where: { $0.code == unitText }) {
                unitID = unit.id
            } else {
                let matches = units.filter { $0.name == unitText }
                if matches.count == 1 { unitID = matches[0].id } else {
                    rowErrors.append(ImportRowError(row: row.number, column: "所属单位", value: unitText,
                                                    reason: matches.isEmpty ? "找不到该单位" : "有 \(matches.count) 个同名单位，请改用单位编码"))
                }
            }
            let roles = row.value("roles").split(whereSeparator: { "、,，;； ".contains($0) }).map(String.init)
            let input = UserInput(username: row.value("username"), displayName: row.value("displayName"), unitId: unitID ?? -1,
                                  roles: roles, email: row.value("email"), phone: row.value("phone"), password: row.value("password"))
            do {
                let fields = try await UserWrites.validate(input, existing: nil, on: db)
                if let earlier = seen[fields.username] {
                    rowErrors.append(ImportRowError(row: row.number, column: "用户名", value: fields.username, reason: "与第 \(earlier) 行的用户名重复"))
                }
                seen[fields.username] = row.number
                if rowErrors.isEmpty { fieldsList.append(fields) }
            } catch let failed as ValidationFailed {
                for error in failed.errors where !(error.field == "unitId" && unitID == nil) {
                    let key = error.field == "unitId" ? "unit" : error.field
                    let value = error.field == "password" ? "******" : row.value(key)
                    rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: value, reason: error.messageZh))
                }
            }
            errors += rowErrors
        }
        return (errors, fieldsList)
    }

    /// The key under which `prepare` leaves each row's password hash (not a column of the file).
    static let hashKey = "_passwordHash"

    /// Hashes the passwords before the transaction: bcrypt is slow by design, and a transaction
    /// held open for it would block every other writer (on SQLite, every request).
    func prepare(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRow] {
        var prepared: [ImportRow] = []
        for (index, row) in rows.enumerated() {
            var values = row.values
            values[Self.hashKey] = try await context.passwords(row.value("password"))
            prepared.append(ImportRow(number: row.number, values: values))
            if index % 20 == 0 { await context.report("validating", index, rows.count) }
        }
        return prepared
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let (errors, fieldsList) = try await plan(rows, on: tx, context: nil)
        guard errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        // Valid rows map one to one onto `fieldsList`.
        for (index, fields) in fieldsList.enumerated() {
            guard let hash = rows[index].values[Self.hashKey] else { throw AppError.internalError }
            let user = try await UserWrites.insert(fields, passwordHash: hash, on: tx)
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .create,
                                      entity: "user", entityID: "\(user.id!)", summary: "导入用户“\(user.displayName)”（\(user.username)）",
                                      before: NoSnapshot?.none, after: UserDTO(user))
            await context.report("writing", index + 1, fieldsList.count)
        }
        return fieldsList.count
    }
}
