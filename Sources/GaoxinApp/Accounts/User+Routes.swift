import Vapor

enum UserRoutes {
    static let policy = Policies.users

    static var all: [RouteSpec] {
        RecordRoutes(
            path: "/users", policy: policy,
            pages: UserPages.self, api: UsersAPI.self,
            docs: .init(schemaName: "User", tag: "用户", idDescription: "用户 ID",
                        listParameters: APIParameter.list(UserQueries.list, search: "用户名、姓名或单位名中的子串", [
                            "active": "1 启用 / 0 停用", "under": "只列出该单位 ID 及下级单位的用户",
                        ]),
                        list: .type(UserListDTO.self), record: .type(UserDTO.self),
                        create: .json(UserInput.self), patch: .patch(UserInput.self, without: ["password"]),
                        deactivateRefusals: [.conflict("不能停用自己的账号")],
                        reactivateRefusals: [.conflict("用户所属单位已停用")])
        ).routes(morePages: [
            RouteSpec(.POST, "/users/:id/unlock", .write(policy), UserPages.unlock),
            RouteSpec(.POST, "/users/:id/password", .write(policy), UserPages.resetPassword),
        ])
    }
}
