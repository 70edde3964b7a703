import Vapor

/// Registers every `RouteSpec` with Vapor, wrapping each handler in its access check.
enum RouteRegistrar {
    static func register(_ routes: [RouteSpec], on app: Application) {
        let uploadLimit = ByteCount(value: app.gaoxinConfig.importMaxBytes + 1024 * 1024)
        for spec in routes {
            let bodyStrategy: HTTPBodyStreamStrategy
            switch spec.body {
            case .collect: bodyStrategy = .collect(maxSize: ByteCount(value: RouteSpec.bodyLimit))
            case .upload: bodyStrategy = .collect(maxSize: uploadLimit)
            }
            let route = app.on(spec.method, spec.components, body: bodyStrategy) { req async throws -> Response in
                // Here the body is collected: guard the multipart parser, then check CSRF and access.
                try MultipartGuard.check(req)
                if !spec.checksOwnForm { try SessionMiddleware.checkCSRF(req) }
                try AccessGate.check(req, spec.access)
                return try await spec.handler(req)
            }
            // A body over the limit fails before the handler runs: the error mapper reads which limit it was.
            route.userInfo[RouteSpec.bodyKey] = spec.body
        }
    }
}
