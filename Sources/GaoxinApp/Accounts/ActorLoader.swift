import Fluent
import GaoxinDomain
import Vapor

/// Builds an `Actor` from a user row: one query for the unit's path and name.
enum ActorLoader {
    static func actor(for user: User, tokenReadOnly: Bool?, on db: Database) async throws -> Actor? {
        guard user.active, let userID = user.id,
              let unit = try await OrgUnit.find(user.unitID, on: db),
              let path = unit.unitPath else { return nil }
        return Actor(userID: userID, username: user.username, displayName: user.displayName,
                     roles: user.roleSet, unitID: user.unitID, unitPath: path, unitName: unit.name,
                     tokenReadOnly: tokenReadOnly)
    }
}
