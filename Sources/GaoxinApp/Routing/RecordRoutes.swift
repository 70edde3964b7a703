import Vapor

/// The routes every register has — list, export, new form, create, page, edit form, update,
/// deactivate and reactivate as HTML, and list, create, show, update, deactivate and reactivate as
/// API operations with their OpenAPI description — built once, for every declared register
/// (`RegisterRoutes`). A register adds only the routes of what it alone does (moving a unit, a
/// chain map, an enterprise's months).
struct RecordRoutes {
    typealias Handler = @Sendable (Request) async throws -> Response

    /// The HTML handlers.
    struct Pages {
        var index, export, newForm, create, show, editForm, update: Handler
        var setActive: @Sendable (Bool) -> Handler
    }

    /// The JSON handlers.
    struct API {
        var list, create, show, update: Handler
        var setActive: @Sendable (Bool) -> Handler
    }

    init(path: String, policy: ResourcePolicy, pages: Pages, api: API, docs: Docs) {
        self.path = path
        self.policy = policy
        self.pages = pages
        self.api = api
        self.docs = docs
    }

    /// A schema given by a type (`UserDTO`) or built at run time from a declaration.
    enum Schema {
        case type(any APISchema.Type)
        case value(APISchemaValue)
    }

    /// What the OpenAPI document says of the register's operations.
    struct Docs {
        /// `Cluster`: operation ids `listClusters`, `createCluster`, `getCluster`…
        var schemaName: String
        /// The group the operations are listed under, and the noun of their summaries (`产业集群`).
        var tag: String
        var idDescription = "ID"
        var listParameters: [APIParameter]
        var list: Schema
        var record: Schema
        var create: APIOperation.RequestBody
        var patch: APIOperation.RequestBody
        /// Summaries that say more than "新建…", "修改…" (`create`, `update`, `deactivate`).
        var summaries: [String: String] = [:]
        var deactivateRefusals: [APIRefusal] = []
        var reactivateRefusals: [APIRefusal] = []
    }

    /// `/units`; the API lives at `/api/v1/units`.
    let path: String
    let policy: ResourcePolicy
    let pages: Pages
    let api: API
    let docs: Docs

    var apiPath: String { "/api/v1" + path }

    /// The standard routes, then the register's own HTML and API routes after each group.
    func routes(morePages: [RouteSpec] = [], moreAPI: [RouteSpec] = []) -> [RouteSpec] {
        let html = [
            RouteSpec(.GET, path, .read(policy), pages.index),
            RouteSpec(.GET, path + "/export", .read(policy), pages.export),
            RouteSpec(.GET, path + "/new", .write(policy), pages.newForm),
            RouteSpec(.POST, path, .write(policy), pages.create),
            RouteSpec(.GET, path + "/:id", .read(policy), pages.show),
            RouteSpec(.GET, path + "/:id/edit", .write(policy), pages.editForm),
            RouteSpec(.POST, path + "/:id", .write(policy), pages.update),
            RouteSpec(.POST, path + "/:id/deactivate", .write(policy), pages.setActive(false)),
            RouteSpec(.POST, path + "/:id/reactivate", .write(policy), pages.setActive(true)),
        ]
        let name = docs.schemaName, tag = docs.tag
        let id = APIParameter.path("id", docs.idDescription)
        let json = [
            RouteSpec(.GET, apiPath, .read(policy), doc: operation("list\(name)s", "list", "列出\(tag)", parameters: docs.listParameters, response: docs.list), api.list),
            RouteSpec(.POST, apiPath, .write(policy), doc: operation("create\(name)", "create", "新建\(tag)", request: docs.create, status: 201), api.create),
            RouteSpec(.GET, apiPath + "/:id", .read(policy), doc: operation("get\(name)", "show", "查看\(tag)", parameters: [id]), api.show),
            RouteSpec(.PATCH, apiPath + "/:id", .write(policy), doc: operation("update\(name)", "update", "修改\(tag)（只改提交的字段）", parameters: [id], request: docs.patch), api.update),
            RouteSpec(.POST, apiPath + "/:id/deactivate", .write(policy),
                      doc: operation("deactivate\(name)", "deactivate", "停用\(tag)", parameters: [id], refusals: docs.deactivateRefusals), api.setActive(false)),
            RouteSpec(.POST, apiPath + "/:id/reactivate", .write(policy),
                      doc: operation("reactivate\(name)", "reactivate", "启用\(tag)", parameters: [id], refusals: docs.reactivateRefusals), api.setActive(true)),
        ]
        return html + morePages + json + moreAPI
    }

    private func operation(_ operationID: String, _ verb: String, _ summary: String, parameters: [APIParameter] = [],
                           request: APIOperation.RequestBody = .none, status: Int = 200, response: Schema? = nil,
                           refusals: [APIRefusal] = []) -> APIOperation {
        var operation = APIOperation(operationID: operationID, summary: docs.summaries[verb] ?? summary, tag: docs.tag, parameters: parameters,
                                     request: request, successStatus: status, response: nil, refusals: refusals)
        switch response ?? docs.record {
        case .type(let type): operation.response = type
        case .value(let value): operation.responseValue = value
        }
        return operation
    }
}
