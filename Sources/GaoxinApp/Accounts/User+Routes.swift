import Vapor

enum UserRoutes {
    static let policy = Policies.users
    static let idParam = APIParameter.path("id", "用户 ID")

    static var all: [RouteSpec] {
        [
            RouteSpec(.GET, "/users", .read(policy), UserPages.index),
            RouteSpec(.GET, "/users/export", .read(policy), UserPages.export),
            RouteSpec(.GET, "/users/new", .write(policy), UserPages.newForm),
            RouteSpec(.POST, "/users", .write(policy), UserPages.create),
            RouteSpec(.GET, "/users/:id", .read(policy)) { try await UserPages.show($0) },
            RouteSpec(.GET, "/users/:id/edit", .write(policy), UserPages.editForm),
            RouteSpec(.POST, "/users/:id", .write(policy), UserPages.update),
            RouteSpec(.POST, "/users/:id/deactivate", .write(policy), UserPages.setActive(false)),
            RouteSpec(.POST, "/users/:id/reactivate", .write(policy), UserPages.setActive(true)),
            RouteSpec(.POST, "/users/:id/unlock", .write(policy), UserPages.unlock),
            RouteSpec(.POST, "/users/:id/password", .write(policy), UserPages.resetPassword),

            RouteSpec(.GET, "/api/v1/users", .read(policy),
                      doc: APIOperation(operationID: "listUsers", summary: "列出用户", tag: "用户", parameters: APIParameter.list(UserQueries.list, search: "用户名、姓名或单位名中的子串", [
                        "active": "1 启用 / 0 停用", "under": "只列出该单位 ID 及下级单位的用户",
                      ]), response: UserListDTO.self), UsersAPI.list),
            RouteSpec(.POST, "/api/v1/users", .write(policy),
                      doc: APIOperation(operationID: "createUser", summary: "新建用户", tag: "用户", request: .json(UserInput.self), successStatus: 201, response: UserDTO.self),
                      UsersAPI.create),
            RouteSpec(.GET, "/api/v1/users/:id", .read(policy),
                      doc: APIOperation(operationID: "getUser", summary: "查看用户", tag: "用户", parameters: [idParam], response: UserDTO.self), UsersAPI.show),
            RouteSpec(.PATCH, "/api/v1/users/:id", .write(policy),
                      doc: APIOperation(operationID: "updateUser", summary: "修改用户", tag: "用户", parameters: [idParam], request: .patch(UserInput.self, without: ["password"]), response: UserDTO.self),
                      UsersAPI.update),
            RouteSpec(.POST, "/api/v1/users/:id/deactivate", .write(policy),
                      doc: APIOperation(operationID: "deactivateUser", summary: "停用用户", tag: "用户", parameters: [idParam], response: UserDTO.self,
                                        refusals: [.conflict("不能停用自己的账号")]), UsersAPI.setActive(false)),
            RouteSpec(.POST, "/api/v1/users/:id/reactivate", .write(policy),
                      doc: APIOperation(operationID: "reactivateUser", summary: "启用用户", tag: "用户", parameters: [idParam], response: UserDTO.self,
                                        refusals: [.conflict("用户所属单位已停用")]), UsersAPI.setActive(true)),
        ]
    }
}
