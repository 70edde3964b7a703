import Fluent
import Foundation
import GaoxinDomain

/// Import of user accounts, with the same rules as the form (password rules included).
///
/// A row whose username is registered updates that account (name, unit, roles, e-mail, phone; a
/// column the file lacks keeps the stored value; an unchanged row writes nothing), so the user
/// list's export imports back unchanged. An import never sets an existing account's password: the
/// user page's reset does, revoking the user's tokens.
struct UserRegister: ImportRegister {
    let key = "users"
    let titleZh = "用户"
    let titleEn = "Users"
    let policy = Policies.users
    let columns = [
        RegisterColumn(key: "username", zh: "用户名", en: "Username", required: true, example: "zhangsan", note: "3–50 位小写字母、数字或 . _ -；已有用户名将更新该用户",
                       noteEn: "3–50 lower-case letters, digits or . _ -; a registered username updates that user"),
        RegisterColumn(key: "displayName", zh: "姓名", en: "Name", required: true, example: "张三", note: ""),
        RegisterColumn(key: "unit", zh: "所属单位", en: "Unit", required: true, example: "集成电路招商团队", note: "单位编码或名称"),
        RegisterColumn(key: "roles", zh: "角色", en: "Roles", required: true, example: "单位用户", note: "多个角色用、或逗号分隔：" + Role.allCases.map(\.nameZh).joined(separator: "、"),
                       noteEn: "Several roles separated by 、 or commas: " + Role.allCases.map(\.nameEn).joined(separator: ", ")),
        RegisterColumn(key: "email", zh: "邮箱", en: "E-mail", required: false, example: "zhangsan@example.cn", note: ""),
        RegisterColumn(key: "phone", zh: "电话", en: "Phone", required: false, example: "0510-12345678", note: ""),
        RegisterColumn(key: "password", zh: "初始密码", en: "Initial password", required: false, example: "Gx-示例-请修改-2025",
                       note: "新用户必填，至少 10 个字符；已有用户留空（导入不改密码）",
                       noteEn: "Required for a new user, at least 10 characters; empty for a registered user (an import never changes a password)"),
    ]

    /// The list export's shown-only columns: the import skips them.
    var exportOnlyHeadings: Set<String> { ["状态", "Status", "最近登录", "Last sign-in"] }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, on: context.db, actor: context.actor, context: context).errors
    }

    enum Item {
        case create(UserWrites.Fields)
        case update(User, UserWrites.Fields)
    }

    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, context: ImportContext?) async throws -> (errors: [ImportRowError], items: [(row: Int, item: Item)]) {
        let units = try await OrgUnit.query(on: db).all()
        let users = Dictionary(try await User.query(on: db).all().map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
        var errors: [ImportRowError] = []
        var items: [(row: Int, item: Item)] = []
        var seen: [String: Int] = [:]
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        for (index, row) in rows.enumerated() {
            if index % 50 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            let existing = users[row.value("username").lowercased()]
            let unitText = row.value("unit")
            var unitID: Int?
            if unitText.isEmpty {
                if existing == nil || row.has("unit") { rowErrors.append(ImportRowError(row: row.number, column: "所属单位", value: "", reason: "必填")) }
            } else if let unit = units.first(where: { $0.code == unitText }) {
                unitID = unit.id
            } else {
                let matches = units.filter { $0.name == unitText }
                if matches.count == 1 { unitID = matches[0].id } else {
                    rowErrors.append(ImportRowError(row: row.number, column: "所属单位", value: unitText,
                                                    reason: matches.isEmpty ? "找不到该单位" : "有 \(matches.count) 个同名单位，请改用单位编码"))
                }
            }
            if existing != nil, !row.value("password").isEmpty {
                rowErrors.append(ImportRowError(row: row.number, column: "初始密码", value: "******", reason: "导入不修改已有用户的密码，请留空；重置密码请在用户页面操作"))
            }
            func present(_ key: String) -> String? { existing != nil && !row.has(key) ? nil : row.value(key) }
            let roles = present("roles").map { $0.split(whereSeparator: { "、,，;； ".contains($0) }).map(String.init) }
            let input = UserInput(username: row.value("username"), displayName: present("displayName"), unitId: unitID ?? (existing == nil ? -1 : nil),
                                  roles: roles, email: present("email"), phone: present("phone"), password: existing == nil ? row.value("password") : nil)
            do {
                let fields = try await UserWrites.validate(input, existing: existing, on: db)
                if let earlier = seen[fields.username] {
                    rowErrors.append(ImportRowError(row: row.number, column: "用户名", value: fields.username, reason: "与第 \(earlier) 行的用户名重复"))
                }
                seen[fields.username] = row.number
                if let existing, existing.id == actor.userID, existing.roleSet.contains(.admin), !fields.roles.contains(.admin) {
                    rowErrors.append(ImportRowError(row: row.number, column: "角色", value: row.value("roles"), reason: "不能取消自己的系统管理员角色"))
                }
                if rowErrors.isEmpty {
                    if let existing {
                        if !UserWrites.unchanged(existing, by: fields) { items.append((row.number, .update(existing, fields))) }
                    } else {
                        items.append((row.number, .create(fields)))
                    }
                }
            } catch let failed as ValidationFailed {
                for error in failed.errors where !(error.field == "unitId" && unitID == nil) {
                    let key = error.field == "unitId" ? "unit" : error.field
                    let value = error.field == "password" ? "******" : row.value(key)
                    rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: value, reason: error.messageZh))
                }
            }
            errors += rowErrors
        }
        return (errors, items)
    }

    /// The key under which `prepare` leaves each row's password hash (not a column of the file).
    static let hashKey = "_passwordHash"

    /// Hashes the passwords before the transaction: bcrypt is slow by design, and a transaction
    /// held open for it would block every other writer (on SQLite, every request).
    func prepare(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRow] {
        var prepared: [ImportRow] = []
        for (index, row) in rows.enumerated() {
            var values = row.values
            // A registered user's row carries no password (refused if it does): nothing to hash.
            if !row.value("password").isEmpty { values[Self.hashKey] = try await context.passwords(row.value("password")) }
            prepared.append(ImportRow(number: row.number, values: values))
            if index % 20 == 0 { await context.report("validating", index, rows.count) }
        }
        return prepared
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let (errors, items) = try await plan(rows, on: tx, actor: context.actor, context: nil)
        guard errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        let byNumber = Dictionary(rows.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, entry) in items.enumerated() {
            switch entry.item {
            case .create(let fields):
                guard let hash = byNumber[entry.row]?.values[Self.hashKey] else { throw AppError.internalError }
                let user = try await UserWrites.insert(fields, passwordHash: hash, on: tx)
                try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .create,
                                          entity: "user", entityID: "\(user.id!)", summary: "导入用户“\(user.displayName)”（\(user.username)）",
                                          before: NoSnapshot?.none, after: UserDTO(user))
            case .update(let user, let fields):
                let before = UserDTO(user)
                try await UserWrites.store(fields, into: user, on: tx)
                try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .update,
                                          entity: "user", entityID: "\(user.id!)", summary: "导入更新用户“\(user.displayName)”（\(user.username)）",
                                          before: before, after: UserDTO(user))
            }
            await context.report("writing", index + 1, items.count)
        }
        return items.count
    }
}
