import Fluent
import GaoxinDomain
import Vapor

/// The forms of an enterprise's own sections: a month's figures, a qualification added or removed.
/// A failure redraws the page with that section's form, its typed values and errors.
enum EnterprisePages {
    /// The month form on the enterprise page; failures re-render the page with the typed values.
    static func putIndicators(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        try await EnterpriseQueries.requireOwnership(enterprise, actor: try req.requireActor(), on: req.db)
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
            return try await redrawFigures(req, enterprise, form, failed.errors)
        } catch AppError.validation(let failed) {
            return try await redrawFigures(req, enterprise, form, failed.errors)
        }
    }

    static func addQualification(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        try await EnterpriseQueries.requireOwnership(enterprise, actor: try req.requireActor(), on: req.db)
        let form = try req.content.decode([String: String].self)
        let input = QualificationInput(kind: form["kind"], grantedOn: form["grantedOn"], expiresOn: form["expiresOn"], note: form["note"])
        do {
            _ = try await QualificationWrites.add(enterprise, input, req)
            return .redirect(Site.enterprise(enterprise.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            let model = try await EnterpriseSections.qualifications(enterprise.id!, canWrite: true, values: form, errors: failed.errors, req)
            return try await EnterpriseSections.redraw(req, enterprise, section: EnterpriseSections.qualificationsName) { EnterpriseSectionViews.qualifications($0, model) }
        }
    }

    static func removeQualification(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        guard let id = req.parameters.get("qualificationId", as: Int.self) else { throw AppError.notFound("该资质记录") }
        try await QualificationWrites.remove(enterprise, qualificationID: id, req)
        return .redirect(Site.enterprise(enterprise.id!) + "?notice=deleted")
    }

    private static func redrawFigures(_ req: Request, _ enterprise: Enterprise, _ form: [String: String], _ errors: [FieldError]) async throws -> Response {
        let model = try await EnterpriseSections.figures(enterprise.id!, canWrite: true, values: form, errors: errors, req)
        return try await EnterpriseSections.redraw(req, enterprise, section: EnterpriseSections.figuresName) { EnterpriseSectionViews.figures($0, model) }
    }
}
