import Fluent
import GaoxinDomain
import Vapor

/// HTML handlers of the unit tree: decode → validate/write → render or redirect.
enum UnitPages: RecordPages {
    typealias Writes = UnitWrites
    static let list = UnitQueries.list
    /// The export is the import's format (`UnitRegister`: the parent by its code, or its name
    /// when it has none) in tree order, so it imports back unchanged; users and status are shown only; the id (系统编号) says which unit a row is.
    static var exportColumns: [ListColumn<UnitQueries.Row>] {
        [
            .text("单位名称", "Name") { row, _ in row.name },
            .text("单位类型", "Kind") { row, lang in lang.t(row.kindName, UnitKind(rawValue: row.kind)?.nameEn ?? row.kind) },
            .text("上级单位", "Parent") { row, _ in row.parentCode ?? row.parentName ?? "" },
            .text("单位编码", "Code") { row, _ in row.code ?? "" },
            ListColumn("排序号", "Sort order", html: { row, _ in .text("\(row.sortOrder)") }, export: { row, _ in .integer(Int64(row.sortOrder)) }),
            .text("备注", "Note") { row, _ in row.note ?? "" },
            ListColumn("用户数", "Users", html: { row, _ in .text("\(row.userCount)") }, export: { row, _ in .integer(Int64(row.userCount)) }),
            .text("状态", "Status") { row, lang in row.active ? lang.t("启用", "Active") : lang.t("已停用", "Inactive") },
            ListColumn("系统编号", "ID", html: { row, _ in .text("\(row.id)") }, export: { row, _ in .integer(Int64(row.id)) }),
        ]
    }
    static let exportNames = ExportNames(sheetZh: "组织单位", sheetEn: "Units", fileZh: "组织单位", fileEn: "units")

    static func renderIndex(_ req: Request, query: ListQuery, page: ListPage<UnitQueries.Row>) async throws -> Response {
        let canWrite = req.actor?.hasAny(Policies.organisation.write) ?? false
        let options = try await UnitQueries.options(on: req.db)
        return try await req.renderPage { UnitIndexView.render($0, query: query, page: page, canWrite: canWrite, parentOptions: options) }
    }

    static func path(of unit: OrgUnit) -> String { Site.unit(unit.id!) }
    static func renderShow(_ req: Request, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        try await show(req, errors: errors, status: status)
    }

    static func show(_ req: Request, errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let unit = try await UnitQueries.find(req)
        let actor = try req.requireActor()
        let ancestors = try await UnitQueries.ancestors(of: unit, on: req.db)
        let children = try await OrgUnit.query(on: req.db).filter(\.$parentID == unit.id!).sort(\.$sortOrder).sort(\.$name).all()
        let canSeeUsers = actor.hasAny(Policies.users.read)
        let users = canSeeUsers ? try await User.query(on: req.db).filter(\.$unitID == unit.id!).sort(\.$displayName).all() : []
        let canWrite = actor.hasAny(Policies.organisation.write)
        // Moving under the unit itself or its subtree would make a cycle: those are not offered.
        let moveOptions: [FormField.Option] = canWrite ? try await UnitQueries.tree(on: req.db)
            .filter { candidate in !(unit.unitPath.map { $0.contains(candidate.unitPath ?? UnitPath(ids: [0])) } ?? true) }
            .map { FormField.Option(value: "\($0.id)", label: String(repeating: "　", count: $0.depth) + $0.name) } : []
        let model = UnitShowView.Model(
            unit: UnitDTO(unit), ancestors: ancestors.map { ($0.id!, $0.name) },
            children: children.map { ($0.id!, $0.name, $0.kind, $0.active) },
            users: users.map { ($0.id!, $0.displayName, $0.username, $0.active) },
            canWrite: canWrite, canSeeUsers: canSeeUsers, moveOptions: moveOptions, errors: errors,
            // The programme records the unit's subtree holds, of the registers the reader may read.
            backlinks: try await RegisterBacklinks.to(table: RegisterTarget.unit.table, id: unit.id!, today: DisplayFormat.day(req.now), on: req.db)
                .filter { actor.hasAny($0.declaration.policy.read) })
        return try await req.renderPage(status: status) { UnitShowView.render($0, model) }
    }

    static func newForm(_ req: Request) async throws -> Response {
        var values = UnitInput()
        values.parentId = req.query[Int.self, at: "parentId"]
        return try await form(req, unitID: nil, values: values, errors: [])
    }

    static func editForm(_ req: Request) async throws -> Response {
        let unit = try await UnitQueries.find(req)
        let values = UnitInput(name: unit.name, kind: unit.kind, code: unit.code, parentId: unit.parentID, sortOrder: unit.sortOrder, note: unit.note)
        return try await form(req, unitID: unit.id, values: values, errors: [])
    }

    static func move(_ req: Request) async throws -> Response {
        let unit = try await UnitQueries.find(req)
        let raw = (try? req.content.get(String.self, at: "parentId")) ?? ""
        let parentID = raw.isEmpty ? nil : Int(raw)
        if !raw.isEmpty, parentID == nil { throw AppError.badRequest("上级单位无效", field: "parentId") }
        do {
            _ = try await UnitWrites.move(unit, to: parentID, req)
            return .redirect(Site.unit(unit.id!) + "?notice=moved")
        } catch AppError.validation(let failed) {
            return try await show(req, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func renderForm(_ req: Request, record: OrgUnit?, input: UnitInput, raw: [String: String], errors: [FieldError],
                           status: HTTPResponseStatus) async throws -> Response {
        try await form(req, unitID: record?.id, values: input, errors: errors, status: status)
    }

    private static func form(_ req: Request, unitID: Int?, values: UnitInput, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> Response {
        let options = try await UnitQueries.options(on: req.db)
        let model = UnitFormView.Model(recordID: unitID, values: values, options: options, errors: errors)
        return try await req.renderPage(status: status) { UnitFormView.render($0, model) }
    }

    /// Unparsable fields plus every other rule's failure, so the user sees all problems at once.
    static func allFailures(_ parseErrors: [FieldError], _ input: UnitInput, existing: OrgUnit?, _ req: Request) async throws -> ValidationFailed {
        try await ValidationFailed.combining(parseErrors) { _ = try await UnitWrites.validate(input, existing: existing, on: req.db) }
    }

    /// Browser forms send text; numbers that do not parse are reported like any other rule.
    static func decodeForm(_ req: Request) throws -> (input: UnitInput, raw: [String: String], errors: [FieldError]) {
        let form = try req.content.decode([String: String].self)
        var errors: [FieldError] = []
        var input = UnitInput()
        input.name = form["name"] ?? ""
        input.kind = form["kind"] ?? ""
        input.code = form["code"] ?? ""
        input.note = form["note"] ?? ""
        if let raw = form["parentId"], !raw.isEmpty {
            if let id = Int(raw) { input.parentId = id } else { errors.append(.invalid("parentId", zh: "上级单位无效", en: "Invalid parent")) }
        }
        if let raw = form["sortOrder"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let value = Int(raw) { input.sortOrder = value } else { errors.append(.invalid("sortOrder", zh: "排序号应为整数", en: "Sort order must be a whole number")) }
        }
        return (input, form, errors)
    }
}

extension Request {
    var sql: any SQLDatabase { db as! any SQLDatabase }
}

import SQLKit
