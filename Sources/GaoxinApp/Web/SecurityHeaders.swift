import Vapor

/// Headers every response carries: the pages load nothing from elsewhere and are never framed
/// (no clickjacking), browsers do not guess content types, and links do not leak query strings
/// (which may hold search terms) to other sites. Inline `style` attributes are allowed for the
/// tree indentation; scripts come only from this server.
struct SecurityHeaders: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // The id every log line of this request carries (Vapor's `request-id` metadata: the
        // proxy's X-Request-Id when it sent one), so a user's report finds its log lines.
        response.headers.replaceOrAdd(name: .xRequestId, value: req.id)
        return response
    }
}
