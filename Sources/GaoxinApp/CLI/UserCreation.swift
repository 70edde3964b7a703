import Fluent
import GaoxinDomain
import Vapor

/// Creating a user outside a request (`gaoxin create-user`): the register's checks, the password
/// hashed before the transaction, audited as the command line.
enum UserCreation {
    static func create(app: Application, username: String, displayName: String, unit: String, roles: [String], password: String) async throws -> Result<User, ValidationFailed> {
        let row = ["username": username, "displayName": displayName, "unitId": unit, "roles": roles.joined(separator: "、"), "password": password]
        var values: RegisterValues
        switch try await RegisterSystemWrite.check(.users, [row], on: app.db) {
        case .failure(let failed): return .failure(failed)
        case .success(let checked): values = checked[0]
        }
        let hasher = app.password.async
        try await RegisterSecrets.hash(&values, .users) { try await hasher.hash($0) }
        let record = try await app.db.transaction { [values] tx in
            try await RegisterSystemWrite.insert(.users, values, by: "命令行", summaryZh: "命令行创建", now: app.clock.now(), on: tx)
        }
        guard let user = try await User.find(record.id, on: app.db) else { throw AppError.internalError }
        return .success(user)
    }
}

/// Users written outside a request with a password already hashed (the demo's accounts, test
/// fixtures): through the register's store, so their pinyin keys and search postings are what a
/// checked write gives.
enum UserSeed {
    struct Fields {
        var username: String
        var displayName: String
        var unitID: Int
        var roles: Set<Role>
    }

    static func insert(_ fields: Fields, passwordHash: String, on db: Database) async throws -> User {
        let values: RegisterValues = ["username": .text(fields.username), "displayName": .text(fields.displayName), "unitId": .integer(Int64(fields.unitID)),
                                      "roles": .text(RoleSet.encode(fields.roles)), "password": .text(passwordHash)]
        let id = try await RegisterStore.insert(.users, values, now: Date(), on: db)
        guard let user = try await User.find(id, on: db) else { throw AppError.internalError }
        return user
    }
}
