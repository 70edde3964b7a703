import Fluent
import Vapor

enum UsersAPI: RecordAPI {
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

    typealias Writes = UserWrites
    static func present(_ user: User, _ req: Request) async throws -> UserDTO { try await UserQueries.dto(user, on: req.db, now: req.now) }

    /// A password sent here would otherwise be ignored while the answer says 200.
    static func checkPatch(_ input: UserInput, of user: User) throws {
        if input.password != nil {
            throw AppError.badRequest("这里不能修改密码：由本人在“我的账号”修改，或由管理员在用户页重置", field: "password")
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
