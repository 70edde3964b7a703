import Vapor

/// The methods the app's routes take at a request's path, for a 405 with `Allow` instead of a
/// 404 when the path exists but the method does not.
enum RouteMethods {
    static func allowed(for req: Request) -> [String] {
        let segments = req.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in req.application.routes.all where route.method != req.method && matches(route.path, segments) {
            methods.insert(route.method.rawValue)
        }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
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
