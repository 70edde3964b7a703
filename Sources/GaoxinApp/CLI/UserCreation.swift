import Fluent
import GaoxinDomain
import Vapor

/// Creating a user outside a request (CLI, demo): same validation, audited as the system.
enum UserCreation {
    static func create(app: Application, username: String, displayName: String, unit: String, roles: [String], password: String) async throws -> Result<User, ValidationFailed> {
        let db = app.db
        var unitID: Int?
        if let id = Int(unit) { unitID = id } else if !unit.isEmpty {
            unitID = try await OrgUnit.query(on: db).filter(\.$code == unit).first()?.id
        }
        let input = UserInput(username: username, displayName: displayName, unitId: unitID ?? -1, roles: roles, password: password)
        let fields: UserWrites.Fields
        do {
            fields = try await UserWrites.validate(input, existing: nil, on: db)
        } catch let failed as ValidationFailed {
            return .failure(failed)
        }
        let hash = try await app.password.async.hash(password)
        let user = try await db.transaction { tx in
            let user = try await UserWrites.insert(fields, passwordHash: hash, on: tx)
            try await AuditLog.record(on: tx, at: app.clock.now(), actor: nil, actorName: "命令行", address: nil, action: .create,
                                      entity: "user", entityID: "\(user.id!)", summary: "命令行创建用户“\(user.displayName)”",
                                      before: NoSnapshot?.none, after: UserDTO(user))
            return user
        }
        return .success(user)
    }
}
