import Fluent
import GaoxinDomain
import GaoxinSheets
import Vapor

/// HTML handlers of what only a cluster has: its chains, its top-down figures, its four lists.
/// The cluster's own list, page, forms and writes are the declared register's
/// (`RegisterDeclaration.clusters`); its page's sections are `ClusterSections`.
enum ClusterPages {
    /// The lead department's or the office's: chains, figures, checklist.
    static func canWrite(_ cluster: Cluster, _ req: Request) async throws -> Bool {
        let actor = try req.requireActor()
        guard actor.hasAny(Policies.clusters.write), let unit = try await OrgUnit.find(cluster.leadUnitID, on: req.db), let path = unit.unitPath else { return false }
        return actor.owns(path)
    }

    /// The cluster's page with one of its sections drawn again with a failed form's values and errors.
    static func redraw(_ req: Request, _ cluster: Cluster, section: String, draw: @escaping RegisterRecordSections.Draw) async throws -> Response {
        let pages = RegisterPages(declaration: .clusters)
        guard let record = try await RegisterStore.find(.clusters, id: cluster.id!, today: DisplayFormat.day(req.now), on: req.db) else {
            throw AppError.notFound("该产业集群")
        }
        return try await pages.show(req, record: record, redrawn: .init(name: section, draw: draw), status: .unprocessableEntity)
    }

    static func createChain(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        try await ClusterWrites.requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        let form = try req.content.decode([String: String].self)
        let (input, parseErrors) = ChainPages.chainInput(form)
        do {
            if !parseErrors.isEmpty { throw ValidationFailed(parseErrors) }
            let chain = try await ClusterWrites.createChain(in: cluster, input, req)
            return .redirect(Site.chain(chain.id!) + "?notice=created")
        } catch let failed as ValidationFailed {
            let chains = try await ClusterSections.chains(of: cluster.id!, on: req.db)
            return try await redraw(req, cluster, section: ClusterSections.chainsName) {
                ClusterSections.chainsView($0, clusterID: cluster.id!, chains: chains, canWrite: true, values: form, errors: failed.errors)
            }
        }
    }

    /// The four lists as a workbook of four sheets, or one CSV with a heading line per list.
    static func exportLists(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let lists = try await ClusterLists.make(cluster, now: req.now, lang: req.uiLanguage, limit: nil, on: req.db)
        let sheets = lists.sheets(lang: req.uiLanguage)
        let fileName = cluster.name + req.uiLanguage.t("-四张清单", "-four-lists")
        switch try ListExport.format(req) {
        case .xlsx: return ListExport.download(try XLSXWriter.write(sheets), fileName: fileName, format: .xlsx)
        case .csv:
            let rows = sheets.flatMap { [[SheetCell.text("【\($0.name)】")]] + $0.rows + [[]] }
            return try ListExport.file(SheetTable(name: fileName, rows: rows), fileName: fileName, format: .csv)
        }
    }

    /// `?month=YYYY-MM`: the month the figures run through; a malformed one is refused, not ignored.
    static func monthQuery(_ req: Request) throws -> Period? {
        guard let raw = req.query[String.self, at: "month"], !raw.isEmpty else { return nil }
        guard let period = Period(raw) else { throw AppError.badRequest("月份“\(raw)”格式不对，应为 YYYY-MM", field: "month") }
        // Figures start in 1990; a report also reads the year before the month.
        guard period.year >= 1990 else { throw AppError.badRequest("月份不能早于 1990 年（\(period)）", field: "month") }
        return period
    }

    /// A top-down month entered or corrected from the page; the revenue is typed in 亿元.
    static func saveFigure(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        try await ClusterWrites.requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        let form = try req.content.decode([String: String].self)
        var revenue: Int64?
        var parseErrors: [FieldError] = []
        if let raw = form["revenue"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            switch Wan.parse(yi: raw) {
            case .success(let wan): revenue = wan.value
            case .failure(let problem): parseErrors.append(.invalid("revenue", zh: "规上营收" + problem.messageZh + "（单位亿元）", en: "Revenue " + problem.messageEn + " (100m yuan)"))
            }
        }
        do {
            let failed = try await ValidationFailed.combining(parseErrors) {
                _ = try ClusterFigureWrites.validate(cluster, period: form["period"] ?? "", revenue: revenue, note: form["note"], now: req.now)
            }
            if !failed.errors.isEmpty { throw failed }
            let row = try await ClusterFigureWrites.save(cluster, period: form["period"] ?? "", revenue: revenue, note: form["note"],
                                                         restatementReason: form[PeriodClose.restatementField], req)
            return .redirect(Site.cluster(cluster.id!) + "?month=\(row.period)&notice=saved#figures")
        } catch let failed as ValidationFailed {
            let model = try await ClusterSections.figures(cluster, month: try monthQuery(req), canEnter: true, values: form, errors: failed.errors, req)
            return try await redraw(req, cluster, section: ClusterSections.figuresName) { ClusterFiguresView.section($0, model) }
        }
    }

    static func deleteFigure(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let period = req.parameters.get("period") ?? ""
        try await ClusterFigureWrites.delete(cluster, period: period, req)
        return .redirect(Site.cluster(cluster.id!) + "?notice=deleted#figures")
    }
}
