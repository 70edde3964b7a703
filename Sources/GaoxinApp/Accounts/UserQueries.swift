import Fluent
import GaoxinDomain
import SQLKit
import Vapor

enum UserQueries {
    struct Row: Decodable, Sendable {
        var id: Int
        var username: String
        var displayName: String
        var unitId: Int
        var unitName: String
        var unitCode: String?
        var roles: String
        var active: Bool
        var email: String?
        var phone: String?
        var lastLoginAt: Date?
        var lockedUntil: Date?

        var roleSet: Set<Role> { RoleSet.decode(roles) }
    }

    static let list = ListDefinition(
        from: "users u JOIN units n ON n.id = u.unit_id",
        select: ["u.id AS id", "u.username AS username", "u.display_name AS display_name", "u.unit_id AS unit_id",
                 "n.name AS unit_name", "n.code AS unit_code", "u.roles AS roles", "u.active AS active", "u.email AS email", "u.phone AS phone",
                 "u.last_login_at AS last_login_at", "u.locked_until AS locked_until"],
        searchColumns: ["u.username", "u.display_name", "n.name"],
        filters: [
            ListFilter(key: "role", zh: "角色", en: "Role", kind: .role(column: "u.roles")),
            ListFilter(key: "active", zh: "状态", en: "Status", kind: .flag(column: "u.active")),
            ListFilter(key: "under", zh: "所属单位", en: "Unit", kind: .unitSubtree(unitIDColumn: "u.unit_id")),
        ],
        sorts: ["username": "u.username", "name": "u.name_sort", "unit": "n.name", "lastLogin": "u.last_login_at", "id": "u.id"],
        defaultSort: "username", defaultDescending: false, tieBreaker: "u.id"
    )

    static func find(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("id", as: Int.self), let user = try await User.find(id, on: req.db) else {
            throw AppError.notFound("该用户")
        }
        return user
    }

    static func dto(_ user: User, on db: Database, now: Date) async throws -> UserDTO {
        UserDTO(user, unitName: try await OrgUnit.find(user.unitID, on: db)?.name, now: now)
    }
}
