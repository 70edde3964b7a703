import Foundation
import GaoxinDomain
import OpenAPIKit30
import Plot
import SQLKit
import Vapor

/// The project page's 落地企业 section — the enterprise the project became, whether it counts in
/// the cluster of the project's chain node, or the form that registers or links it once the
/// project has registered its company — and the routes behind the form (a page post, its API twin).
enum ProjectEnterprisePages {
    static let sectionName = "project-enterprise"

    static var routes: [RouteSpec] {
        let declaration = RegisterDeclaration.projects
        return [
            RouteSpec(.POST, declaration.path + "/:id/enterprise", .write(declaration.policy), post),
            RouteSpec(.POST, declaration.apiPath + "/:id/enterprise", .write(declaration.policy),
                      doc: APIOperation(operationID: "establishProjectEnterprise",
                                        summary: "项目注册落地后登记其落地企业：信用代码已登记的直接关联，否则新建企业（归项目责任单位）；项目所属环节的产业链可写时一并关联到该环节",
                                        tag: declaration.titleZh, parameters: [APIParameter.path("id", "项目 ID")], request: .json(ProjectEnterpriseInput.self),
                                        response: ProjectEnterpriseOutcome.self,
                                        refusals: [.conflict("项目已停用、已关联落地企业，或尚未注册落地")]),
                      api),
        ]
    }

    struct Linked: Sendable {
        var id: Int
        var name: String
        var creditCode: String
        /// The project's chain node and whether the enterprise is attached to it.
        var node: String?
        var attached: Bool
    }

    @Sendable static func section(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        try await section(req, record, errors: [], posted: nil)
    }

    static func section(_ req: Request, _ record: RegisterRecord, errors: [FieldError], posted: ProjectEnterpriseInput?) async throws -> RegisterRecordSections.Draw {
        var found: Linked?
        if let id = record.values["enterpriseId"]?.integer {
            let node = record.values["chainNodeId"]?.integer
            let row = try await req.sql.raw("""
                SELECT e.id, e.name, e.credit_code, n.name AS node_name,
                       (SELECT COUNT(*) FROM chain_node_enterprises a WHERE a.node_id = n.id AND a.enterprise_id = e.id) AS attached
                FROM enterprises e LEFT JOIN chain_nodes n ON n.id = \(bind: node)
                WHERE e.id = \(bind: id)
                """).first()
            found = try row.map {
                Linked(id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self),
                       creditCode: try $0.decode(column: "credit_code", as: String.self), node: try $0.decode(column: "node_name", as: String?.self),
                       attached: try $0.decode(column: "attached", as: Int.self) > 0)
            }
        }
        var mayWrite = false
        if let actor = req.actor, actor.hasAny(RegisterDeclaration.projects.policy.write) {
            mayWrite = (try? await RegisterWrites.requireOwnership(.projects, record, actor: actor, on: req.db)) != nil
        }
        let linked = found, canWrite = mayWrite
        let refusal = ProjectEnterpriseWrites.refusal(record)
        let stage = record.text("stage").flatMap(ProjectStage.init) ?? .signed
        let action = RegisterDeclaration.projects.path(record.id) + "/enterprise"
        return { context in
            .section(.class("project-enterprise"),
                .h2(.text(context.t("落地企业", "Enterprise"))),
                .if(linked != nil, .unwrap(linked) { enterprise in
                    .group(
                        .p(.a(.href(Site.enterprise(enterprise.id)), .text(enterprise.name)), .text("（\(enterprise.creditCode)）")),
                        .unwrap(enterprise.node) { node in
                            enterprise.attached
                                ? .p(.class("hint"), .text(context.t("已关联产业链环节“\(node)”，其营收计入该环节所属集群",
                                                                     "Attached to the chain node \(node); its revenue counts in that node's cluster")))
                                : .p(.class("hint warning"), .text(context.t("尚未关联到本项目的产业链环节“\(node)”，请集群牵头部门在产业链图谱中关联，其营收方计入集群",
                                                                             "Not yet attached to the project's chain node \(node): the cluster's lead department attaches it, then its revenue counts in the cluster")))
                        })
                }, else: .group(
                    .if(refusal != nil || !canWrite,
                        .p(.class("hint"), .text(stage < ProjectEnterpriseWrites.firstStage
                            ? context.t("项目\(ProjectEnterpriseWrites.firstStage.zh)后，在此登记或关联其落地企业", "Once the project has registered its company, it is registered or linked here")
                            : context.t("尚未关联落地企业", "No enterprise linked yet")))),
                    .if(refusal == nil && canWrite, form(context, action: action, errors: errors, posted: posted))))
            )
        }
    }

    private static func form(_ context: PageContext, action: String, errors: [FieldError], posted: ProjectEnterpriseInput?) -> Node<HTML.BodyContext> {
        .form(.class("record"), .method(.post), .action(action),
            Page.csrf(context),
            FormField.summary(errors, lang: context.lang),
            .p(.class("hint"), .text(context.t("信用代码已在企业名录中的，直接关联该企业；否则新登记企业，归本项目的责任单位",
                                               "A credit code already registered links that enterprise; otherwise the enterprise is registered, kept by the project's unit"))),
            FormField.text("creditCode", label: context.t("统一社会信用代码", "Credit code"), value: posted?.creditCode, errors: errors, lang: context.lang,
                           required: true, maxLength: 30, hint: context.t("18 位，可含空格或连字符", "18 characters; spaces and hyphens are fine")),
            FormField.text("name", label: context.t("企业名称（新登记时必填）", "Name (for a new enterprise)"), value: posted?.name, errors: errors, lang: context.lang),
            FormField.text("industryCode", label: context.t("行业代码或名称（新登记时必填）", "Industry code or name (for a new enterprise)"),
                           value: posted?.industryCode, errors: errors, lang: context.lang, maxLength: 100,
                           hint: context.t("国民经济行业分类代码（如 3973）或名称", "A GB/T 4754 code (e.g. 3973) or name")),
            .div(.class("actions"), .button(.type(.submit), .text(context.t("登记落地企业", "Register the enterprise")))))
    }

    @Sendable static func post(_ req: Request) async throws -> Response {
        let pages = RegisterPages(declaration: .projects)
        let record = try await pages.find(req)
        let input = try req.content.decode(ProjectEnterpriseInput.self)
        do {
            let outcome = try await ProjectEnterpriseWrites.establish(record, input, req)
            return .redirect(RegisterDeclaration.projects.path(record.id) + "?notice=" + (outcome.created ? Notice.enterpriseCreated : .enterpriseLinked).rawValue)
        } catch let failed as ValidationFailed {
            let draw = try await section(req, record, errors: failed.errors, posted: input)
            return try await pages.show(req, record: record, redrawn: .init(name: sectionName, draw: draw), status: .unprocessableEntity)
        }
    }

    @Sendable static func api(_ req: Request) async throws -> Response {
        let record = try await RegisterPages(declaration: .projects).find(req)
        let input = try APIBody.decode(ProjectEnterpriseInput.self, req)
        let outcome = try await ProjectEnterpriseWrites.establish(record, input, req)
        return try .json(ProjectEnterpriseOutcome(projectID: record.id, outcome))
    }
}
