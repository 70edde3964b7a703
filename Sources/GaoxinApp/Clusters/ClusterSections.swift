import Fluent
import GaoxinDomain
import Plot
import Vapor

/// What a cluster's page shows beyond its registry fields (`RegisterRecordSections`): its figures
/// against the target, its checklists, its four lists and its chains. Each section reads its own
/// tables; a failed figures or chain form redraws only its own section (`ClusterPages.redraw`).
enum ClusterSections {
    static let figuresName = "cluster-figures"
    static let chainsName = "cluster-chains"

    static let all: [RegisterRecordSections.Section] = [
        .init(name: figuresName) { req, record in
            let cluster = model(record)
            let model = try await figures(cluster, month: try ClusterPages.monthQuery(req), canEnter: try await ClusterPages.canWrite(cluster, req), req)
            return { ClusterFiguresView.section($0, model) }
        },
        .init(name: "cluster-checklists") { req, record in
            let cluster = model(record)
            let (templates, canWrite) = (try await ChecklistPages.clusterState(cluster, req), try await ClusterPages.canWrite(cluster, req))
            return { ChecklistViews.section($0, clusterID: record.id, templates, canWrite: canWrite) }
        },
        .init(name: "cluster-lists") { req, record in
            let lists = try await ClusterLists.make(model(record), now: req.now, lang: req.uiLanguage, on: req.db)
            return { ClusterListsView.section($0, clusterID: record.id, lists) }
        },
        .init(name: chainsName) { req, record in
            let cluster = model(record)
            let (chains, canWrite) = (try await chains(of: record.id, on: req.db), try await ClusterPages.canWrite(cluster, req))
            return { chainsView($0, clusterID: record.id, chains: chains, canWrite: canWrite, values: [:], errors: []) }
        },
    ]

    /// The page's record as the model the cluster programme's types take — from the values
    /// already read, not read again by each section.
    private static func model(_ record: RegisterRecord) -> Cluster {
        let cluster = Cluster()
        cluster.id = record.id
        cluster.name = record.text("name") ?? ""
        cluster.category = record.text("category") ?? ""
        cluster.leadUnitID = Int(record.values["leadUnitId"]?.integer ?? 0)
        cluster.liaisonLeader = record.text("liaisonLeader")
        cluster.annualTarget = record.values["annualTarget"]?.integer
        cluster.figuresSource = record.text("figuresSource") ?? ClusterFiguresSource.bottomUp.rawValue
        cluster.sortOrder = Int(record.values["sortOrder"]?.integer ?? 0)
        cluster.active = record.active
        cluster.note = record.text("note")
        return cluster
    }

    /// 经济运行: the report through `month`, which months are closed and which were corrected.
    static func figures(_ cluster: Cluster, month: Period?, canEnter: Bool, values: [String: String] = [:], errors: [FieldError] = [],
                        _ req: Request) async throws -> ClusterFiguresView.Model {
        let id = cluster.id!
        let report = try await ClusterFigureReport.make(cluster, month: month, now: req.now, lang: req.uiLanguage, on: req.db)
        let months = report.months.map(\.period)
        return ClusterFiguresView.Model(
            clusterID: id, report: report, canEnter: canEnter, values: values, errors: errors,
            closedMonths: try await PeriodClose.closed(among: Set(months), on: req.db),
            restatedMonths: try await PeriodClose.restatedMonths(entity: ClusterFigureWrites.entity, entityIDs: months.map { "\(id)/\($0)" }, on: req.db))
    }

    /// The cluster's chains with their node counts, in two queries (not one per chain).
    static func chains(of clusterID: Int, on db: Database) async throws -> [(chain: ChainDTO, nodes: Int)] {
        let chains = try await Chain.query(on: db).filter(\.$clusterID == clusterID).sort(\.$name).all()
        let chainIDs = chains.compactMap(\.id)
        let nodes = chainIDs.isEmpty ? [] : try await ChainNode.query(on: db).filter(\.$chainID ~~ chainIDs).all()
        let counts = Dictionary(grouping: nodes, by: \.chainID).mapValues(\.count)
        return chains.map { (chain: ChainDTO($0), nodes: counts[$0.id!] ?? 0) }
    }

    /// 产业链: each chain with its node count, and for the lead department the form for a new one.
    static func chainsView(_ context: PageContext, clusterID: Int, chains: [(chain: ChainDTO, nodes: Int)], canWrite: Bool,
                           values: [String: String], errors: [FieldError]) -> Node<HTML.BodyContext> {
        let lang = context.lang
        return .section(
            .id("chains"),
            .h2(.text(context.t("产业链", "Chains"))),
            .if(chains.isEmpty, .p(.class("empty"), .text(context.t("尚无产业链", "No chains yet")))),
            .ul(.class("plain"), .forEach(chains) { item in
                .li(.a(.href(Site.chain(item.chain.id)), .text(item.chain.name)), .text(context.t(" · \(item.nodes) 个环节", " · \(item.nodes) nodes")))
            }),
            .if(canWrite, FormField.section(
                context.t("新建产业链", "New chain"),
                FormField.summary(errors, lang: lang),
                .form(.class("record"), .method(.post), .action(Site.clusterChains(clusterID)), .novalidate(), Page.csrf(context),
                      FormField.text("name", label: context.t("产业链名称", "Chain name"), value: values["name"], errors: errors, lang: lang, required: true, maxLength: 100),
                      ChainFormView.thresholdFields(context, values: values, errors: errors),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("新建", "Create")))))
            ))
        )
    }
}
