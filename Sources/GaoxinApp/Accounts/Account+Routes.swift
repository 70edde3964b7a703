import Vapor

enum AccountRoutes {
    static let own = Policies.ownAccount

    static var all: [RouteSpec] {
        [
            RouteSpec(.GET, "/sign-in", .publicRoute, AccountPages.signInForm),
            RouteSpec(.POST, "/sign-in", .publicRoute, AccountPages.signIn),
            RouteSpec(.POST, "/sign-out", .write(own), AccountPages.signOut),
            RouteSpec(.GET, "/account", .read(own)) { try await AccountPages.show($0) },
            RouteSpec(.POST, "/account/password", .write(own), AccountPages.changePassword),
            RouteSpec(.POST, "/account/tokens", .write(own), AccountPages.createToken),
            RouteSpec(.POST, "/account/tokens/:id/revoke", .write(own), AccountPages.revokeToken),

            RouteSpec(.GET, "/api/v1/me", .read(own),
                      doc: APIOperation(operationID: "getMe", summary: "当前用户", tag: "账号", response: nil,
                                        responseValue: APISchemaValue(name: RegisterDeclaration.users.schemaName, schema: RegisterDTO.schema(.users))),
                      UserPages.me),
            RouteSpec(.GET, "/api/v1/tokens", .read(own),
                      doc: APIOperation(operationID: "listTokens", summary: "我的 API 令牌", tag: "账号", response: TokenListDTO.self), TokensAPI.list),
            RouteSpec(.POST, "/api/v1/tokens", .write(own),
                      doc: APIOperation(operationID: "createToken", summary: "创建 API 令牌（密钥只返回一次）", tag: "账号", request: .json(TokenInput.self),
                                        successStatus: 201, response: NewTokenDTO.self,
                                        refusals: [.conflict("已有 20 个有效令牌（每个用户的上限）")]), TokensAPI.create),
            RouteSpec(.DELETE, "/api/v1/tokens/:id", .write(own),
                      doc: APIOperation(operationID: "revokeToken", summary: "吊销 API 令牌", tag: "账号", parameters: [.path("id", "令牌 ID")], response: TokenDTO.self),
                      TokensAPI.revoke),
        ]
    }
}
