import Fluent
import Vapor

/// HTML and JSON handlers of the chain-gaps list (`ChainGaps`): the page, its export, the API.
enum ChainGapPages {
    static func index(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, ChainGaps.parameters)
        let gaps = try await ChainGaps.load(now: req.now, on: req.db)
        let clusters = try await Cluster.query(on: req.db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$id).all()
        let model = ChainGapIndexView.Model(query: query, page: ChainGaps.page(gaps, query), counts: ChainGaps.counts(gaps),
                                            clusterOptions: clusters.map { FormField.Option(value: "\($0.id!)", label: $0.name) })
        return try await req.renderPage { ChainGapIndexView.render($0, model) }
    }

    static func export(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, ChainGaps.parameters)
        let rows = ChainGaps.select(try await ChainGaps.load(now: req.now, on: req.db), query)
        let lang = req.uiLanguage
        return try ListExport.response(Array(rows.prefix(ListExport.maxRows)), columns: ChainGapIndexView.columns,
                                       sheetName: lang.t("缺失与薄弱环节", "Chain gaps"), fileName: lang.t("产业链缺失与薄弱环节", "chain gaps"),
                                       format: try ListExport.format(req), lang: lang)
    }

    static func api(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, ChainGaps.parameters)
        let page = ChainGaps.page(try await ChainGaps.load(now: req.now, on: req.db), query)
        return try .json(ChainGapListDTO(items: page.items, total: page.total, page: page.page, per: page.per))
    }
}
