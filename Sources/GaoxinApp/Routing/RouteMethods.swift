import Vapor

/// The methods the app's routes take at a request's path, for a 405 with `Allow` instead of a
/// 404 when the path exists but the method does not.
enum RouteMethods {
    static func allowed(for req: Request) -> [String] {
        // A path written out in full (`/api/v1/projects/pipeline`) has its own methods, not those of `/:id` beside it.
        let fixed = allowedByFixedRoutes(for: req)
        if !fixed.isEmpty { return fixed }
        let segments = req.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in req.application.routes.all where route.method != req.method && matches(route.path, segments) {
            methods.insert(route.method.rawValue)
        }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    /// Methods of routes written out in full for this path (`GET /api/v1/projects/pipeline`): a
    /// PATCH there reaches `PATCH /api/v1/projects/:id` with id "pipeline", which is a method the
    /// path does not have (405), not a missing record (404).
    static func allowedByFixedRoutes(for req: Request) -> [String] {
        let segments = req.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in req.application.routes.all where route.method != req.method && route.path.count == segments.count
            && zip(route.path, segments).allSatisfy({ if case .constant(let text) = $0.0 { return text == $0.1 }; return false }) {
            methods.insert(route.method.rawValue)
        }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    /// The closest ancestor path with a GET route: `/account/tokens` → `/account`,
    /// `/enterprises/5/qualifications` → `/enterprises/5`.
    static func nearestPage(above path: String, app: Application) -> String? {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let pages = app.routes.all.filter { $0.method == .GET }
        while !segments.isEmpty {
            segments.removeLast()
            if pages.contains(where: { matches($0.path, segments) }) { return "/" + segments.joined(separator: "/") }
        }
        return nil
    }

    private static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return true
            case .anything, .parameter: if index >= segments.count { return false }
            case .constant(let text): if index >= segments.count || segments[index] != text { return false }
            }
        }
        return pattern.count == segments.count
    }
}
