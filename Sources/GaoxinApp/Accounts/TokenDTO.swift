import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

struct TokenDTO: Content, APISchema {
    var id: Int
    var name: String
    var prefix: String
    var readOnly: Bool
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?

    init(_ token: APIToken) {
        id = token.id ?? 0
        name = token.name
        prefix = token.prefix
        readOnly = token.readOnly
        createdAt = token.createdAt
        lastUsedAt = token.lastUsedAt
        revokedAt = token.revokedAt
    }

    static let schemaName = "Token"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "name": .string, "prefix": .string, "readOnly": .boolean, "createdAt": .string(format: .dateTime),
            "lastUsedAt": .string(format: .dateTime, required: false, nullable: true), "revokedAt": .string(format: .dateTime, required: false, nullable: true),
        ])
    }
}

/// Returned once, at creation: the only time the secret is shown.
struct NewTokenDTO: Content, APISchema {
    var token: TokenDTO
    var secret: String

    static let schemaName = "NewToken"
    static var openAPISchema: JSONSchema {
        .object(properties: ["token": .reference(.component(named: TokenDTO.schemaName)), "secret": .string])
    }
}

struct TokenInput: Content, APISchema {
    var name: String?
    var readOnly: Bool?

    static let schemaName = "TokenInput"
    static var openAPISchema: JSONSchema {
        .object(properties: ["name": .string(required: true, maxLength: 100, pattern: JSONSchema.nonBlank), "readOnly": .boolean(required: false)])
    }
}

struct TokenListDTO: Content, APISchema {
    var items: [TokenDTO]

    static let schemaName = "TokenList"
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .reference(.component(named: TokenDTO.schemaName)))])
    }
}

enum TokenQueries {
    static func tokens(of userID: Int, on db: Database) async throws -> [TokenDTO] {
        try await APIToken.query(on: db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all().map(TokenDTO.init)
    }
}

/// Creating and revoking one's API tokens. A token acts with its owner's roles (never more), and
/// may be narrowed to read-only.
enum TokenWrites {
    static let prefix = "gx_"

    static func create(_ input: TokenInput, _ req: Request) async throws -> (APIToken, String) {
        let actor = try req.requireActor()
        var v = FieldValidator()
        let name = v.requiredText("name", input.name, label: "令牌名称", labelEn: "Token name", max: 100)
        try v.throwIfInvalid()
        let active = try await APIToken.query(on: req.db).filter(\.$userID == actor.userID).filter(\.$revokedAt == nil).count()
        if active >= 20 { throw AppError.conflict("每个用户最多 20 个有效令牌，请先吊销不用的令牌") }
        let secret = SecretToken.generate(prefix: prefix)
        let token = APIToken()
        token.userID = actor.userID
        token.name = name
        token.tokenHash = SecretToken.hash(secret)
        token.prefix = String(secret.prefix(prefix.count + 6))
        token.readOnly = input.readOnly ?? false
        token.createdAt = req.now
        try await req.db.transaction { tx in
            try await token.create(on: tx)
            try await AuditLog.record(req, on: tx, action: .tokenCreate, entity: "api_token", entityID: "\(token.id!)",
                                      summary: "创建 API 令牌“\(name)”", before: NoSnapshot?.none, after: TokenDTO(token))
        }
        return (token, secret)
    }

    /// Revokes a token of the actor's own, or any token when the actor administers users.
    static func revoke(_ id: Int, _ req: Request) async throws -> APIToken {
        let actor = try req.requireActor()
        guard let token = try await APIToken.find(id, on: req.db),
              token.userID == actor.userID || actor.hasAny(Policies.users.write) else { throw AppError.notFound("该令牌") }
        if token.revokedAt != nil { return token }
        let before = TokenDTO(token)
        try await req.db.transaction { tx in
            token.revokedAt = req.now
            try await token.save(on: tx)
            try await AuditLog.record(req, on: tx, action: .tokenRevoke, entity: "api_token", entityID: "\(id)",
                                      summary: "吊销 API 令牌“\(token.name)”", before: before, after: TokenDTO(token))
        }
        return token
    }
}
