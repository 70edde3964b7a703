import Foundation
import GaoxinDomain
import Vapor

/// Who is making the request: a signed-in user (by session or API token) with their roles and the
/// path of their unit, which bounds what the `unit` role may write.
struct Actor: Sendable {
    let userID: Int
    let username: String
    let displayName: String
    let roles: Set<Role>
    let unitID: Int
    let unitPath: UnitPath
    let unitName: String
    /// Set when the request is authenticated by an API token; a read-only token cannot write.
    let tokenReadOnly: Bool?

    func has(_ role: Role) -> Bool { roles.contains(role) }

    func hasAny(_ allowed: Set<Role>) -> Bool { !roles.isDisjoint(with: allowed) }

    /// The `unit` role writes only what its unit or subtree owns; other writing roles are not
    /// bounded by unit (the route's role list has already decided whether they may write at all).
    /// Whether what this actor writes is bounded by its unit's subtree: the `unit` role and the
    /// `park` role (a park operator writes its own parks and spaces), unless it also administers.
    var isOwnershipBound: Bool { hasAny([.unit, .park]) && !hasAny([.admin, .office]) }

    func owns(_ ownerPath: UnitPath) -> Bool {
        if hasAny([.admin, .office]) { return true }
        return unitPath.contains(ownerPath)
    }
}

extension Request {
    private struct ActorKey: StorageKey { typealias Value = Actor }
    private struct SessionKey: StorageKey { typealias Value = Session }

    var actor: Actor? {
        get { storage[ActorKey.self] }
        set { storage[ActorKey.self] = newValue }
    }

    /// The browser session of this request, when it has one (anonymous or signed in).
    var browserSession: Session? {
        get { storage[SessionKey.self] }
        set { storage[SessionKey.self] = newValue }
    }

    func requireActor() throws -> Actor {
        guard let actor else { throw AppError.unauthenticated }
        return actor
    }

    /// The client address for rate limits and the audit log.
    var clientAddress: String {
        if application.gaoxinConfig.trustProxy,
           let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
