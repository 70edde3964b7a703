import Fluent
import Vapor

enum UsersAPI {
    static func list(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, UserQueries.list)
        let page = try await ListRunner.page(UserQueries.list, query, on: req.sql, as: UserQueries.Row.self)
        let now = req.now
        let items = page.items.map { row in
            UserDTO(id: row.id, username: row.username, displayName: row.displayName, unitId: row.unitId, unitName: row.unitName,
                    roles: row.roleSet.sorted().map(\.rawValue), active: row.active, email: row.email, phone: nil,
                    locked: (row.lockedUntil ?? .distantPast) > now, lastLoginAt: row.lastLoginAt)
        }
        return try .json(UserListDTO(items: items, total: page.total, page: page.page, per: page.per))
    }

    static func show(_ req: Request) async throws -> Response {
        try .json(try await UserQueries.dto(try await UserQueries.find(req), on: req.db, now: req.now))
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try await UserWrites.create(try APIBody.decode(UserInput.self, req), req)
        return try .json(try await UserQueries.dto(user, on: req.db, now: req.now), status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try await UserQueries.find(req)
        let input = try APIBody.decodePatch(UserInput.self, req)
        // A password sent here would otherwise be ignored while the answer says 200.
        if input.password != nil {
            throw AppError.badRequest("这里不能修改密码：由本人在“我的账号”修改，或由管理员在用户页重置", field: "password")
        }
        let updated = try await UserWrites.update(user, input, req)
        return try .json(try await UserQueries.dto(updated, on: req.db, now: req.now))
    }

    static func setActive(_ active: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let user = try await UserWrites.setActive(try await UserQueries.find(req), active, req)
            return try .json(try await UserQueries.dto(user, on: req.db, now: req.now))
        }
    }

    static func me(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard let user = try await User.find(actor.userID, on: req.db) else { throw AppError.unauthenticated }
        return try .json(try await UserQueries.dto(user, on: req.db, now: req.now))
    }
}

extension UserDTO {
    init(id: Int, username: String, displayName: String, unitId: Int, unitName: String?, roles: [String], active: Bool,
         email: String?, phone: String?, locked: Bool, lastLoginAt: Date?) {
        self.id = id; self.username = username; self.displayName = displayName; self.unitId = unitId; self.unitName = unitName
        self.roles = roles; self.active = active; self.email = email; self.phone = phone; self.locked = locked; self.lastLoginAt = lastLoginAt
    }
}
