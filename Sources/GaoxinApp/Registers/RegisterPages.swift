import Fluent
import GaoxinDomain
import SQLKit
import Vapor

/// The HTML handlers every declared register gets: list, export, record page, new/edit forms,
/// create, update, deactivate, reactivate. Decode → `RegisterWrites` → redirect or re-render.
struct RegisterPages: Sendable {
    let declaration: RegisterDeclaration

    func index(_ req: Request) async throws -> Response {
        let definition = RegisterList.definition(declaration)
        let query = try ListQuery.parse(req, definition)
        let ids = try await ListRunner.pageIDs(definition, query, on: req.sql)
        let records = try await RegisterList.records(declaration, ids: ids.items, today: DisplayFormat.day(req.now), on: req.db)
        let page = ListPage(items: records, total: ids.total, page: ids.page, per: ids.per, totalIsLowerBound: ids.totalIsLowerBound)
        let filters = try await RegisterOptions.filterControls(declaration, lang: req.uiLanguage, on: req.db)
        let canCreate = req.actor.map { RegisterWrites.mayCreate(declaration, actor: $0) } ?? false
        let money = declaration.singleFields.filter(\.kind.isMoney)
        let sums = try await ListRunner.sums(definition, query, columns: money.map { "r.\($0.column)" }, on: req.sql)
        let totals = zip(money, sums).map { (field: $0.0, total: $0.1) }
        return try await req.renderPage {
            RegisterIndexView.render($0, declaration, query: query, page: page, filters: filters, totals: totals, canCreate: canCreate)
        }
    }

    func export(_ req: Request) async throws -> Response {
        let definition = RegisterList.definition(declaration)
        let query = try ListQuery.parse(req, definition)
        let ids = try await ListRunner.all(definition, query, on: req.sql, as: RegisterList.IDRow.self)
        let records = try await RegisterList.records(declaration, ids: ids.map(\.id), today: DisplayFormat.day(req.now), on: req.db)
        let lang = req.uiLanguage
        return try ListExport.file(RegisterList.table(declaration, records, lang: lang), fileName: declaration.title(lang), format: try ListExport.format(req))
    }

    func show(_ req: Request) async throws -> Response {
        try await show(req, record: try await find(req), redrawn: nil)
    }

    /// The record page; `redrawn` replaces one of the register's own sections (a form's errors).
    func show(_ req: Request, record: RegisterRecord, redrawn: RegisterRecordSections.Redrawn?, status: HTTPResponseStatus = .ok) async throws -> Response {
        // The records pointing here and the register's own sections read different tables: side by side.
        async let backlinksTask = RegisterBacklinks.to(table: declaration.table, id: record.id, today: DisplayFormat.day(req.now), readableBy: req.actor, on: req.db)
        async let sectionsTask = RegisterRecordSections.draw(declaration, record, redrawn: redrawn, req)
        let canWrite = try await mayWrite(record, req)
        let ancestors = try await RegisterTreeStore.ancestors(declaration, record, on: req.sql)
        let backlinks = try await backlinksTask, sections = try await sectionsTask
        return try await req.renderPage(status: status) { context in
            RegisterShowView.render(context, declaration, record, backlinks: backlinks, canWrite: canWrite, extras: .group(sections.map { $0(context) }),
                                    ancestors: ancestors)
        }
    }

    func newForm(_ req: Request) async throws -> Response {
        guard RegisterWrites.mayCreate(declaration, actor: try req.requireActor()) else { throw AppError.forbidden }
        // `?leadId=12` fills a field in advance (a project created from its signed lead).
        var values: [String: String] = [:]
        for field in declaration.inputFields where !field.kind.isList && !field.kind.isSecret {
            if let given = req.query[String.self, at: field.key], !given.isEmpty { values[field.key] = String(given.prefix(200)) }
            // What an empty field would store is shown as its starting value (营收口径: 企业汇总).
            else if case .text(let text)? = field.whenEmpty { values[field.key] = text }
            else if case .integer(let number)? = field.whenEmpty, !field.kind.isMoney { values[field.key] = String(number) }
        }
        return try await form(req, record: nil, values: values, lists: [:], errors: [])
    }

    func editForm(_ req: Request) async throws -> Response {
        let record = try await find(req)
        try await RegisterWrites.requireOwnership(declaration, record, actor: try req.requireActor(), on: req.db)
        let (values, lists) = RegisterFormValues.of(declaration, record)
        return try await form(req, record: record, values: values, lists: lists, errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let (posted, lists) = try RegisterFormValues.decode(req)
        let values = RegisterPicker.fold(posted, declaration)
        do {
            let record = try await RegisterWrites.create(declaration, .form(values, lists: lists, declaration: declaration), req)
            return .redirect(declaration.path(record.id) + "?notice=created")
        } catch let failed as ValidationFailed {
            return try await form(req, record: nil, values: values, lists: lists, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    func update(_ req: Request) async throws -> Response {
        let record = try await find(req)
        let (posted, lists) = try RegisterFormValues.decode(req)
        let values = RegisterPicker.fold(posted, declaration)
        do {
            var input = RegisterInput.form(values, lists: lists, declaration: declaration)
            // The edit form does not post managed fields: they keep their stored values.
            for field in declaration.fields where field.managed { input.texts[field.key] = nil; input.lists[field.key] = nil }
            _ = try await RegisterWrites.update(declaration, record, input, req)
            return .redirect(declaration.path(record.id) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await form(req, record: record, values: values, lists: lists, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    func setActive(_ active: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let record = try await find(req)
            do {
                _ = try await RegisterWrites.setActive(declaration, record, active, req)
            } catch let failed as ValidationFailed {
                throw AppError.conflict(failed.errors.map(\.messageZh).joined(separator: "；"))
            }
            return .redirect(declaration.path(record.id) + "?notice=" + (active ? "reactivated" : "deactivated"))
        }
    }

    func find(_ req: Request) async throws -> RegisterRecord {
        if req.parameters.get("id", as: Int.self) == nil {
            let allowed = RouteMethods.allowedByFixedRoutes(for: req)
            if !allowed.isEmpty { throw AppError.methodNotAllowed(allowed: allowed) }
        }
        guard let id = req.parameters.get("id", as: Int.self), let record = try await RegisterStore.find(declaration, id: id, today: DisplayFormat.day(req.now), on: req.db) else {
            throw AppError.notFound("该\(declaration.titleZh)记录")
        }
        return record
    }

    private func mayWrite(_ record: RegisterRecord, _ req: Request) async throws -> Bool {
        await RegisterWrites.mayWrite(declaration, record, req)
    }

    private func form(_ req: Request, record: RegisterRecord?, values: [String: String], lists: [String: [String]], errors: [FieldError],
                      status: HTTPResponseStatus = .ok) async throws -> Response {
        var options = try await RegisterOptions.formOptions(declaration, actor: try req.requireActor(), lang: req.uiLanguage, on: req.db)
        if let record { RegisterOptions.keepDeactivated(record, declaration, in: &options, lang: req.uiLanguage) }
        let pickers = try await RegisterPicker.pickers(declaration, values: values, options: options, errors: errors, on: req.db)
        return try await req.renderPage(status: status) {
            RegisterFormView.render($0, declaration, recordID: record?.id, values: values, lists: lists, options: options, errors: errors, pickers: pickers)
        }
    }
}

/// A form's values as text, from a record (money in 亿元) or a post (several-valued fields as `key[]`).
enum RegisterFormValues {
    static func of(_ declaration: RegisterDeclaration, _ record: RegisterRecord) -> ([String: String], [String: [String]]) {
        var values: [String: String] = [:], lists: [String: [String]] = [:]
        for field in declaration.fields {
            switch record.values[field.key] {
            case .text(let text)?:
                if case .choices = field.kind { lists[field.key] = RegisterChoiceSet.decode(text) } else { values[field.key] = text }
            case .integer(let number)?:
                switch field.kind {
                case .money: values[field.key] = Wan(number).yiInput
                case .decimal(let places, _, _): values[field.key] = ScaledDecimal(scaled: number, places: places).text
                default: values[field.key] = String(number)
                }
            case .flag(let flag)?: values[field.key] = flag ? "1" : "0"
            case .ids(let ids)?:
                lists[field.key] = ids.map(String.init)
                // The names, for a target typed rather than ticked.
                values[field.namesKey] = (record.referenceNames[field.key] ?? []).joined(separator: "\n")
            case nil: break
            }
        }
        return (values, lists)
    }

    static func decode(_ req: Request) throws -> ([String: String], [String: [String]]) {
        let body = try req.content.decode(FormBody.self)
        return (body.single, body.lists)
    }

    /// A url-encoded form read key by key: one text, or several (`clusterIds[]=1&clusterIds[]=2`).
    struct FormBody: Decodable {
        var single: [String: String] = [:]
        var lists: [String: [String]] = [:]

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: RegisterDTO.Key.self)
            for key in container.allKeys {
                if let text = try? container.decode(String.self, forKey: key) { single[key.stringValue] = text }
                else if let texts = try? container.decode([String].self, forKey: key) { lists[key.stringValue] = texts }
            }
        }
    }
}
