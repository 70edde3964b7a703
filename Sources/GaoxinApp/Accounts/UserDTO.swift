import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// A user as the API and the audit log see it; never the password hash.
struct UserDTO: Content, Equatable, APISchema {
    var id: Int
    var username: String
    var displayName: String
    var unitId: Int
    var unitName: String?
    var roles: [String]
    var active: Bool
    var email: String?
    var phone: String?
    var locked: Bool
    var lastLoginAt: Date?

    init(_ user: User, unitName: String? = nil, now: Date = Date()) {
        id = user.id ?? 0
        username = user.username
        displayName = user.displayName
        unitId = user.unitID
        self.unitName = unitName
        roles = user.roleSet.sorted().map(\.rawValue)
        active = user.active
        email = user.email
        phone = user.phone
        locked = (user.lockedUntil ?? .distantPast) > now
        lastLoginAt = user.lastLoginAt
    }

    static let schemaName = "User"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "username": .string, "displayName": .string, "unitId": .integer,
            "unitName": .string(required: false, nullable: true),
            "roles": .array(items: .string(allowedValues: Role.allCases.map { AnyCodable($0.rawValue) })),
            "active": .boolean, "email": .string(required: false, nullable: true), "phone": .string(required: false, nullable: true),
            "locked": .boolean, "lastLoginAt": .string(format: .dateTime, required: false, nullable: true),
        ])
    }
}

/// Create or change a user. `password` is required on create and ignored on update (use the
/// password endpoint); on PATCH absent fields keep their value.
struct UserInput: Content, APISchema {
    var username: String?
    var displayName: String?
    var unitId: Int?
    var roles: [String]?
    var email: String?
    var phone: String?
    var password: String?

    static let schemaName = "UserInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "username": .string(required: true, maxLength: 50, pattern: JSONSchema.nonBlank), "displayName": .string(required: true, maxLength: 50, pattern: JSONSchema.nonBlank),
            "unitId": .integer(required: true),
            "roles": .array(required: true, minItems: 1, items: .string(allowedValues: Role.allCases.map { AnyCodable($0.rawValue) })),
            "email": .string(required: false, nullable: true, maxLength: 200), "phone": .string(required: false, nullable: true, maxLength: 50),
            "password": .string(required: true, maxLength: 200),
        ])
    }
}

typealias UserListDTO = PagedDTO<UserDTO>
