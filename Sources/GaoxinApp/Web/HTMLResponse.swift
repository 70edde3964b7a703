import Plot
import Vapor

extension Response {
    /// Renders a Plot document as the response, setting a new session cookie when one was made.
    static func html(_ document: HTML, status: HTTPResponseStatus = .ok, sessionCookie: String? = nil, req: Request) -> Response {
        let response = Response(status: status)
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.body = .init(string: document.render())
        if let sessionCookie {
            response.cookies[SessionMiddleware.cookieName] = SessionStore.cookie(sessionCookie, req: req)
        }
        return response
    }
}

extension Request {
    /// The one way a handler renders a page: context, layout, response.
    func renderPage(status: HTTPResponseStatus = .ok, _ build: (PageContext) -> HTML) async throws -> Response {
        let (context, cookie) = try await pageContext()
        return Response.html(build(context), status: status, sessionCookie: cookie, req: self)
    }
}
