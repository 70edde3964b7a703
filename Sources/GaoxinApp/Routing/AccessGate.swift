import GaoxinDomain
import Vapor

/// Enforces a route's `Access` before its handler runs.
enum AccessGate {
    static func check(_ req: Request, _ access: Access) throws {
        guard let allowed = access.allowedRoles else { return }
        guard let actor = req.actor else { throw AppError.unauthenticated }
        guard actor.hasAny(allowed) else { throw AppError.forbidden }
        if access.isWrite, actor.tokenReadOnly == true { throw AppError.readOnlyToken }
    }
}
