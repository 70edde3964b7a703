import Fluent
import GaoxinDomain
import GaoxinSheets
import Vapor

/// HTML handlers of clusters: decode → validate/write → render or redirect.
enum ClusterPages: RecordPages {
    typealias Writes = ClusterWrites
    static let list = ClusterQueries.list
    /// The export is the import's format (`ClusterRegister`): edited in a spreadsheet it imports
    /// back, changing only what was edited. Values are the import's words whatever the page language;
    /// 产业链 and 状态 are shown only (the import skips them).
    static var exportColumns: [ListColumn<ClusterQueries.Row>] {
        [
            .text("集群名称", "Name") { row, _ in row.name },
            .text("类别", "Category") { row, _ in ClusterCategory(rawValue: row.category)?.nameZh ?? row.category },
            .text("牵头部门", "Lead unit") { row, _ in row.leadUnitCode ?? row.leadUnitName },
            .text("挂钩领导", "Liaison leader") { row, _ in row.liaisonLeader ?? "" },
            ListColumn("年度营收目标（万元）", "Annual target (10k yuan)", html: { row, _ in .text(row.annualTarget.map { "\($0)" } ?? "") },
                       export: { row, _ in row.annualTarget.map { .integer($0) } ?? .empty }),
            .text("营收口径", "Figures source") { row, _ in ClusterFiguresSource(rawValue: row.figuresSource)?.nameZh ?? row.figuresSource },
            ListColumn("排序号", "Sort order", html: { row, _ in .text("\(row.sortOrder)") }, export: { row, _ in .integer(Int64(row.sortOrder)) }),
            .text("备注", "Note") { row, _ in row.note ?? "" },
            ListColumn("产业链", "Chains", html: { row, _ in .text("\(row.chainCount)") }, export: { row, _ in .integer(Int64(row.chainCount)) }),
            .text("状态", "Status") { row, lang in row.active ? lang.t("启用", "Active") : lang.t("已停用", "Inactive") },
        ]
    }
    static let exportNames = ExportNames(sheetZh: "产业集群", sheetEn: "Clusters", fileZh: "产业集群", fileEn: "clusters")

    static func renderIndex(_ req: Request, query: ListQuery, page: ListPage<ClusterQueries.Row>) async throws -> Response {
        let canWrite = req.actor?.hasAny(Policies.clusterRegistry.write) ?? false
        let units = try await UnitQueries.options(on: req.db)
        return try await req.renderPage { ClusterIndexView.render($0, query: query, page: page, canWrite: canWrite, unitOptions: units) }
    }

    static func path(of cluster: Cluster) -> String { Site.cluster(cluster.id!) }
    static func renderShow(_ req: Request, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        try await show(req, errors: errors, status: status)
    }
    /// The target is shown back as typed (in 亿元), not as the 万元 it parsed to.
    static func renderForm(_ req: Request, record: Cluster?, input: ClusterInput, raw: [String: String], errors: [FieldError],
                           status: HTTPResponseStatus) async throws -> Response {
        try await form(req, clusterID: record?.id, values: input, targetText: raw["annualTarget"], errors: errors, status: status)
    }

    static func canWrite(_ cluster: Cluster, _ req: Request) async throws -> Bool {
        let actor = try req.requireActor()
        guard actor.hasAny(Policies.clusters.write), let unit = try await OrgUnit.find(cluster.leadUnitID, on: req.db), let path = unit.unitPath else { return false }
        return actor.owns(path)
    }

    static func show(_ req: Request, chainValues: [String: String] = [:], errors: [FieldError] = [], figureValues: [String: String] = [:],
                     figureErrors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let month = try monthQuery(req)
        // The sections read different tables and need nothing of each other: fetched concurrently,
        // each on its own pooled connection, the page waits for the slowest instead of their sum.
        let db = req.db, now = req.now, lang = req.uiLanguage, today = DisplayFormat.day(req.now), id = cluster.id!
        async let canWriteTask = canWrite(cluster, req)
        async let reportTask = ClusterFigureReport.make(cluster, month: month, now: now, lang: lang, on: db)
        async let chainsTask = chainsWithNodeCounts(of: id, on: db)
        async let dtoTask = ClusterQueries.dto(cluster, on: db)
        async let checklistsTask = ChecklistPages.clusterState(cluster, req)
        async let listsTask = ClusterLists.make(cluster, now: now, lang: lang, on: db)
        async let backlinksTask = RegisterBacklinks.to(table: RegisterTarget.cluster.table, id: id, today: today, on: db)
        let canWrite = try await canWriteTask
        let report = try await reportTask
        let months = report.months.map(\.period)
        let figures = ClusterFiguresView.Model(
            clusterID: id, report: report, canEnter: canWrite, values: figureValues, errors: figureErrors,
            closedMonths: try await PeriodClose.closed(among: Set(months), on: db),
            restatedMonths: try await PeriodClose.restatedMonths(entity: ClusterFigureWrites.entity, entityIDs: months.map { "\(id)/\($0)" }, on: db))
        let model = ClusterShowView.Model(cluster: try await dtoTask, chains: try await chainsTask, figures: figures,
                                          checklists: try await checklistsTask, lists: try await listsTask, backlinks: try await backlinksTask,
                                          canWrite: canWrite, canEditRegistry: req.actor?.hasAny(Policies.clusterRegistry.write) ?? false,
                                          chainValues: chainValues, errors: errors)
        return try await req.renderPage(status: status) { ClusterShowView.render($0, model) }
    }

    /// The cluster's chains with their node counts, in two queries (not one per chain).
    private static func chainsWithNodeCounts(of clusterID: Int, on db: Database) async throws -> [(chain: ChainDTO, nodes: Int)] {
        let chains = try await Chain.query(on: db).filter(\.$clusterID == clusterID).sort(\.$name).all()
        let chainIDs = chains.compactMap(\.id)
        let nodes = chainIDs.isEmpty ? [] : try await ChainNode.query(on: db).filter(\.$chainID ~~ chainIDs).all()
        let counts = Dictionary(grouping: nodes, by: \.chainID).mapValues(\.count)
        return chains.map { (chain: ChainDTO($0), nodes: counts[$0.id!] ?? 0) }
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(req, clusterID: nil, values: ClusterInput(), targetText: nil, errors: [])
    }

    static func editForm(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        try await ClusterWrites.requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        let values = ClusterInput(name: cluster.name, category: cluster.category, leadUnitId: cluster.leadUnitID, liaisonLeader: cluster.liaisonLeader,
                                  annualTarget: cluster.annualTarget, figuresSource: cluster.figuresSource, sortOrder: cluster.sortOrder, note: cluster.note)
        return try await form(req, clusterID: cluster.id, values: values, targetText: nil, errors: [])
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
            return try await show(req, chainValues: form, errors: failed.errors, status: .unprocessableEntity)
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
            return try await show(req, figureValues: form, figureErrors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func deleteFigure(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let period = req.parameters.get("period") ?? ""
        try await ClusterFigureWrites.delete(cluster, period: period, req)
        return .redirect(Site.cluster(cluster.id!) + "?notice=deleted#figures")
    }

    private static func form(_ req: Request, clusterID: Int?, values: ClusterInput, targetText: String?, errors: [FieldError],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let units = try await EnterpriseQueries.unitOptions(for: try req.requireActor(), on: req.db)
        let model = ClusterFormView.Model(clusterID: clusterID, values: values, targetText: targetText, unitOptions: units, errors: errors)
        return try await req.renderPage(status: status) { ClusterFormView.render($0, model) }
    }

    static func allFailures(_ parseErrors: [FieldError], _ input: ClusterInput, existing: Cluster?, _ req: Request) async throws -> ValidationFailed {
        try await ValidationFailed.combining(parseErrors) { _ = try await ClusterWrites.validate(input, existing: existing, actor: try req.requireActor(), on: req.db) }
    }

    static func decodeForm(_ req: Request) throws -> (input: ClusterInput, raw: [String: String], errors: [FieldError]) {
        let form = try req.content.decode([String: String].self)
        var errors: [FieldError] = []
        var input = ClusterInput()
        input.name = form["name"] ?? ""
        input.category = form["category"] ?? ""
        input.liaisonLeader = form["liaisonLeader"] ?? ""
        if let source = form["figuresSource"], !source.isEmpty { input.figuresSource = source }
        input.note = form["note"] ?? ""
        if let raw = form["leadUnitId"], !raw.isEmpty {
            if let id = Int(raw) { input.leadUnitId = id } else { errors.append(.invalid("leadUnitId", zh: "牵头部门无效", en: "Invalid unit")) }
        }
        // The form shows the target in 亿元 and takes it so: "900" is 900 亿元 (9,000,000 万元), not 0.09.
        if let raw = form["annualTarget"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            switch Wan.parse(yi: raw) {
            case .success(let wan): input.annualTarget = wan.value
            case .failure(let problem):
                errors.append(.invalid("annualTarget", zh: "年度营收目标" + problem.messageZh + "（单位亿元）", en: "Annual target " + problem.messageEn + " (100m yuan)"))
            }
        }
        if let raw = form["sortOrder"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let value = Int(raw) { input.sortOrder = value } else { errors.append(.invalid("sortOrder", zh: "排序号应为整数", en: "Sort order must be a whole number")) }
        }
        return (input, form, errors)
    }
}
