import Fluent
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// Handlers of checklists: a cluster's entries (HTML and API), the gaps view and its export,
/// and the templates.
enum ChecklistPages {
    static func clusterState(_ cluster: Cluster, _ req: Request) async throws -> [ChecklistBoard.Template] {
        try await ChecklistBoard.states([cluster.id!], templates: try await ChecklistBoard.templates(on: req.db), lang: req.uiLanguage, on: req.db)[cluster.id!] ?? []
    }

    static func itemState(_ cluster: Cluster, _ item: ChecklistItem, _ req: Request) async throws -> ChecklistBoard.Item {
        let states = try await clusterState(cluster, req)
        guard let state = states.flatMap(\.items).first(where: { $0.itemId == item.id }) else { throw AppError.notFound("该清单项目") }
        return state
    }

    static func entryForm(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        try await ClusterWrites.requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        return try await renderEntry(req, cluster, try await ChecklistWrites.item(req.parameters.get("itemId", as: Int.self), on: req.db), values: [:], errors: [])
    }

    static func saveEntry(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let item = try await ChecklistWrites.item(req.parameters.get("itemId", as: Int.self), on: req.db)
        let form = try req.content.decode([String: String].self)
        let unitText = form["unitId"] ?? ""
        do {
            if !unitText.isEmpty, Int(unitText) == nil { throw ValidationFailed([.invalid("unitId", zh: "单位无效", en: "Invalid unit")]) }
            try await ChecklistWrites.saveEntry(cluster, item, status: form["status"], unitID: Int(unitText), note: form["note"], req)
            return .redirect(Site.cluster(cluster.id!) + "?notice=saved#checklist")
        } catch let failed as ValidationFailed {
            return try await renderEntry(req, cluster, item, values: form, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    private static func renderEntry(_ req: Request, _ cluster: Cluster, _ item: ChecklistItem, values: [String: String], errors: [FieldError],
                                    status: HTTPResponseStatus = .ok) async throws -> Response {
        let state = try await itemState(cluster, item, req)
        var options: [FormField.Option] = []
        if let kind = item.checklistSource.unitKind {
            options = try await OrgUnit.query(on: req.db).filter(\.$kind == kind.rawValue).filter(\.$active == true).sort(\.$name).all()
                .map { .init(value: "\($0.id!)", label: $0.name) }
        }
        return try await req.renderPage(status: status) { ChecklistViews.entryForm($0, cluster: (cluster.id!, cluster.name), item: state, unitOptions: options, values: values, errors: errors) }
    }

    static func gaps(_ req: Request) async throws -> Response {
        let gaps = try await ChecklistGaps.make(req)
        let templates = try await ChecklistBoard.templates(on: req.db).map { (id: $0.template.id!, name: $0.template.name) }
        let canEdit = req.actor?.hasAny(Policies.clusterRegistry.write) ?? false
        return try await req.renderPage { ChecklistViews.gaps($0, gaps, templates: templates, canEditTemplates: canEdit) }
    }

    static func gapsExport(_ req: Request) async throws -> Response {
        let gaps = try await ChecklistGaps.make(req)
        return try ListExport.file(gaps.sheet(req.uiLanguage), fileName: req.uiLanguage.t("机制清单缺项-", "checklist-gaps-") + gaps.templateName, format: try ListExport.format(req))
    }

    static func templates(_ req: Request) async throws -> Response {
        var list: [ChecklistWrites.TemplateSnapshot] = []
        for template in try await ChecklistTemplate.query(on: req.db).sort(\.$sortOrder).sort(\.$name).all() {
            list.append(try await ChecklistWrites.templateSnapshot(template, on: req.db))
        }
        return try await req.renderPage { ChecklistViews.templates($0, list) }
    }

    static func templateNew(_ req: Request) async throws -> Response {
        try await req.renderPage { ChecklistViews.templateForm($0, id: nil, locked: false, values: [:], errors: []) }
    }

    static func findTemplate(_ req: Request) async throws -> ChecklistTemplate {
        guard let id = req.parameters.get("id", as: Int.self), let template = try await ChecklistTemplate.find(id, on: req.db) else { throw AppError.notFound("该机制清单") }
        return template
    }

    static func templateEdit(_ req: Request) async throws -> Response {
        let template = try await findTemplate(req)
        let snapshot = try await ChecklistWrites.templateSnapshot(template, on: req.db)
        return try await req.renderPage {
            ChecklistViews.templateForm($0, id: template.id, locked: template.locked,
                                        values: ["name": snapshot.name, "note": snapshot.note ?? "", "items": snapshot.items.joined(separator: "\n")], errors: [])
        }
    }

    static func templateCreate(_ req: Request) async throws -> Response { try await templateSubmit(req, existing: nil) }
    static func templateUpdate(_ req: Request) async throws -> Response { try await templateSubmit(req, existing: try await findTemplate(req)) }

    private static func templateSubmit(_ req: Request, existing: ChecklistTemplate?) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            _ = try await ChecklistWrites.saveTemplate(existing, name: form["name"] ?? "", note: form["note"] ?? "", itemsText: form["items"] ?? "", req)
            return .redirect(Site.checklistTemplates + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await req.renderPage(status: .unprocessableEntity) {
                ChecklistViews.templateForm($0, id: existing?.id, locked: existing?.locked ?? false, values: form, errors: failed.errors)
            }
        }
    }

    // MARK: API

    struct ClusterChecklistDTO: Content, APISchema {
        var clusterId: Int
        var templates: [ChecklistBoard.Template]

        static let schemaName = "ClusterChecklist"
        static var openAPISchema: JSONSchema { .object(properties: ["clusterId": .integer, "templates": .array(items: ChecklistBoard.templateSchema)]) }
    }

    struct EntryInput: Content, APISchema {
        var status: String?
        var unitId: Int?
        var note: String?

        static let schemaName = "ChecklistEntryInput"
        static var openAPISchema: JSONSchema {
            .object(properties: ["status": .string(required: false, allowedValues: ChecklistStatus.allCases.map { AnyCodable($0.rawValue) }),
                                 "unitId": .integer(required: false, nullable: true, minimum: (1, exclusive: false)),
                                 "note": .string(required: false, nullable: true, maxLength: 500)])
        }
    }

    static func apiCluster(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        return try .json(ClusterChecklistDTO(clusterId: cluster.id!, templates: try await clusterState(cluster, req)))
    }

    static func apiSaveEntry(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let item = try await ChecklistWrites.item(req.parameters.get("itemId", as: Int.self), on: req.db)
        let input = try APIBody.decodePatch(EntryInput.self, req)
        try await ChecklistWrites.saveEntry(cluster, item, status: input.status, unitID: input.unitId, note: input.note, req)
        return try .json(ClusterChecklistDTO(clusterId: cluster.id!, templates: try await clusterState(cluster, req)))
    }

    static func apiGaps(_ req: Request) async throws -> Response { try .json(try await ChecklistGaps.make(req)) }
}

