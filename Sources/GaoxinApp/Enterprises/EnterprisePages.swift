import Fluent
import GaoxinDomain
import Vapor

/// HTML handlers of the enterprise register: decode → validate/write → render or redirect.
enum EnterprisePages: RecordPages {
    typealias Writes = EnterpriseWrites
    static let list = EnterpriseQueries.list
    static var exportColumns: [ListColumn<EnterpriseQueries.Row>] { EnterpriseIndexView.columns }
    static let exportNames = ExportNames(sheetZh: "企业", sheetEn: "Enterprises", fileZh: "企业名录", fileEn: "enterprises")

    static func renderIndex(_ req: Request, query: ListQuery, page: ListPage<EnterpriseQueries.Row>) async throws -> Response {
        let canWrite = req.actor?.hasAny(Policies.enterprises.write) ?? false
        let units = try await UnitQueries.options(on: req.db)
        let clusters = try await ClusterQueries.options(on: req.db)
        return try await req.renderPage { EnterpriseIndexView.render($0, query: query, page: page, canWrite: canWrite, unitOptions: units, clusterOptions: clusters) }
    }

    static func path(of enterprise: Enterprise) -> String { Site.enterprise(enterprise.id!) }
    static func renderShow(_ req: Request, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        try await show(req, errors: errors, status: status)
    }
    static func renderForm(_ req: Request, record: Enterprise?, input: EnterpriseInput, raw: [String: String], errors: [FieldError],
                           status: HTTPResponseStatus) async throws -> Response {
        try await form(req, enterpriseID: record?.id, values: input, errors: errors, status: status)
    }

    static func show(_ req: Request, indicatorValues: [String: String] = [:], errors: [FieldError] = [],
                     qualificationValues: [String: String] = [:], qualificationErrors: [FieldError] = [],
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        let actor = try req.requireActor()
        let unit = try await OrgUnit.find(enterprise.unitID, on: req.db)
        let canWrite = actor.hasAny(Policies.enterprises.write) && (unit?.unitPath.map(actor.owns) ?? false)
        let rows = try await EnterpriseQueries.indicators(of: enterprise, on: req.db)
        let restated = try await PeriodClose.restatedMonths(entity: "enterprise_indicator", entityIDs: rows.map { "\(enterprise.id!)/\($0.period)" }, on: req.db)
        let model = EnterpriseShowView.Model(enterprise: EnterpriseDTO(enterprise, unitName: unit?.name), indicators: rows.map(IndicatorDTO.init),
                                             restatedMonths: restated,
                                             chainNodes: try await EnterpriseQueries.chainNodes(of: enterprise, on: req.db),
                                             qualifications: try await EnterpriseQueries.qualifications(of: enterprise, on: req.db)
                                                 .map { QualificationDTO($0, today: QualificationWrites.today(req.now)) },
                                             qualificationValues: qualificationValues, qualificationErrors: qualificationErrors,
                                             backlinks: try await RegisterBacklinks.to(table: RegisterTarget.enterprise.table, id: enterprise.id!, today: DisplayFormat.day(req.now),
                                                                                   readableBy: req.actor, on: req.db),
                                             customFigures: try await CustomFigures.of(enterprise: enterprise.id!, on: req.db),
                                             canWrite: canWrite, indicatorValues: indicatorValues, errors: errors)
        return try await req.renderPage(status: status) { EnterpriseShowView.render($0, model) }
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(req, enterpriseID: nil, values: EnterpriseInput(aboveScale: false), errors: [])
    }

    static func editForm(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        try await EnterpriseWrites.requireOwnership(enterprise, actor: try req.requireActor(), on: req.db)
        let values = EnterpriseInput(creditCode: enterprise.creditCode, name: enterprise.name, industryCode: enterprise.industryCode,
                                     unitId: enterprise.unitID, aboveScale: enterprise.aboveScale, tier: enterprise.tier ?? "",
                                     address: enterprise.address, note: enterprise.note)
        return try await form(req, enterpriseID: enterprise.id, values: values, errors: [])
    }

    /// The month form on the enterprise page; failures re-render the page with the typed values.
    static func putIndicators(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        try await EnterpriseWrites.requireOwnership(enterprise, actor: try req.requireActor(), on: req.db)
        let form = try req.content.decode([String: String].self)
        var input = IndicatorInput()
        var parseErrors: [FieldError] = []
        func number<T: FixedWidthInteger>(_ key: String, _ label: String) -> T? {
            let raw = (form[key] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            if raw.isEmpty { return nil }
            if let value = T(raw) { return value }
            parseErrors.append(.invalid(key, zh: "\(label)应为整数", en: "\(key) must be a whole number"))
            return nil
        }
        input.revenue = number("revenue", "营业收入")
        input.outputValue = number("outputValue", "工业产值")
        input.tax = number("tax", "税收")
        input.rdExpense = number("rdExpense", "研发费用")
        input.employees = number("employees", "从业人员")
        input.inventionPatents = number("inventionPatents", "发明专利")
        input.restatementReason = form["restatementReason"]
        let period = form["period"] ?? ""
        do {
            if !parseErrors.isEmpty {
                var v = FieldValidator()
                _ = IndicatorWrites.check(period: period, input, now: req.now, into: &v)
                let parsed = Set(parseErrors.map(\.field))
                // "Fill in at least one figure" (reported on revenue) is noise when a figure was typed
                // but did not parse; any other failure, a negative revenue included, is still shown.
                throw ValidationFailed(parseErrors + v.errors.filter { !parsed.contains($0.field) && !($0.field == "revenue" && input.isEmpty) })
            }
            // Correcting one figure of a reported month keeps the others (the form starts empty).
            if let month = Period(period), let stored = try await EnterpriseIndicator.query(on: req.db)
                .filter(\.$enterpriseID == enterprise.id!).filter(\.$period == month.description).first() {
                input = IndicatorWrites.keeping(input, over: IndicatorDTO(stored), given: IndicatorWrites.filled(input))
            }
            _ = try await IndicatorWrites.put(enterprise, period: period, input, req)
            return .redirect(Site.enterprise(enterprise.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await show(req, indicatorValues: form, errors: failed.errors, status: .unprocessableEntity)
        } catch AppError.validation(let failed) {
            return try await show(req, indicatorValues: form, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func addQualification(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        try await EnterpriseWrites.requireOwnership(enterprise, actor: try req.requireActor(), on: req.db)
        let form = try req.content.decode([String: String].self)
        let input = QualificationInput(kind: form["kind"], grantedOn: form["grantedOn"], expiresOn: form["expiresOn"], note: form["note"])
        do {
            _ = try await QualificationWrites.add(enterprise, input, req)
            return .redirect(Site.enterprise(enterprise.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await show(req, qualificationValues: form, qualificationErrors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func removeQualification(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        guard let id = req.parameters.get("qualificationId", as: Int.self) else { throw AppError.notFound("该资质记录") }
        try await QualificationWrites.remove(enterprise, qualificationID: id, req)
        return .redirect(Site.enterprise(enterprise.id!) + "?notice=deleted")
    }

    private static func form(_ req: Request, enterpriseID: Int?, values: EnterpriseInput, errors: [FieldError],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let units = try await EnterpriseQueries.unitOptions(for: try req.requireActor(), on: req.db)
        let model = EnterpriseFormView.Model(recordID: enterpriseID, values: values, options: units, errors: errors)
        return try await req.renderPage(status: status) { EnterpriseFormView.render($0, model) }
    }

    /// Unparsable fields plus every other rule's failure, so the user sees all problems at once.
    static func allFailures(_ parseErrors: [FieldError], _ input: EnterpriseInput, existing: Enterprise?, _ req: Request) async throws -> ValidationFailed {
        try await ValidationFailed.combining(parseErrors) { _ = try await EnterpriseWrites.validate(input, existing: existing, actor: try req.requireActor(), on: req.db) }
    }

    static func decodeForm(_ req: Request) throws -> (input: EnterpriseInput, raw: [String: String], errors: [FieldError]) {
        let form = try req.content.decode([String: String].self)
        var errors: [FieldError] = []
        var input = EnterpriseInput()
        input.creditCode = form["creditCode"] ?? ""
        input.name = form["name"] ?? ""
        input.industryCode = form["industryCode"] ?? ""
        input.tier = form["tier"] ?? ""
        input.address = form["address"] ?? ""
        input.note = form["note"] ?? ""
        // An unchecked checkbox sends nothing: absent means "not above scale".
        input.aboveScale = form["aboveScale"] == "1"
        if let raw = form["unitId"], !raw.isEmpty {
            if let id = Int(raw) { input.unitId = id } else { errors.append(.invalid("unitId", zh: "所属单位无效", en: "Invalid unit")) }
        }
        return (input, form, errors)
    }
}
