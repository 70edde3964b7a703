import GaoxinComplexity
import GaoxinDomain
import Plot

/// Screens of the target-industry recommendation: datasets with the upload form, and one
/// dataset's ranking for a chosen location and year with the product-space drawing.
enum ComplexityViews {
    struct IndexModel {
        var datasets: [ComplexityDatasetDTO]
        var canWrite: Bool
        var fieldErrors: [FieldError]
        var rowErrors: [ImportRowError]
        var name: String
        /// The "from the zone's own data" form: its failures and what was typed.
        var zoneErrors: [FieldError] = []
        var zoneValues = ZoneDatasetWrites.Input()
    }

    static func index(_ context: PageContext, _ model: IndexModel) -> HTML {
        let lang = context.lang
        return Page.render(
            context, title: context.t("目标产业推荐（经济复杂度）", "Target industries (economic complexity)"),
            .p(.class("hint"), .text(context.t(
                "上传“地区 × 产业”的营业收入或就业矩阵，计算显示性比较优势（RCA）、邻近度、关联密度、经济复杂度（ECI/PCI）和复杂度前景收益（COG），为园区排出可招引、可培育的产业。计算口径与哈佛增长实验室 ecomplexity 0.5.3 一致。",
                "Upload a regions × industries matrix of revenue or employment to compute RCA, proximity, density, ECI/PCI and COG, and rank the industries a zone could attract next. Definitions match the Growth Lab's ecomplexity 0.5.3."))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("数据集", "Dataset"))), .th(.text(context.t("度量", "Measure"))), .th(.text(context.t("年份", "Years"))),
                           .th(.text(context.t("行数", "Rows"))), .th(.text(context.t("上传时间", "Uploaded"))))),
                .tbody(
                    .if(model.datasets.isEmpty, .tr(.td(.attribute(named: "colspan", value: "5"), .class("empty"), .text(context.t("尚无数据集", "No datasets yet"))))),
                    .forEach(model.datasets) { dataset in
                        .tr(.td(.a(.href(Site.complexityDataset(dataset.id)), .text(dataset.name)),
                                .if(dataset.source == "zone", .span(.class("tag"), .text(context.t("本区数据", "zone data")))),
                                .if(dataset.source == IllustrativeMatrix.source, .span(.class("tag"), .text(context.t("示意数据，非统计", "made up, for illustration"))))),
                            .td(.text(ComplexityMeasure(rawValue: dataset.measure).map { context.t($0.nameZh, $0.rawValue) } ?? dataset.measure)),
                            .td(.text(dataset.years.joined(separator: "、"))), .td(.text("\(dataset.rowCount)")),
                            .td(.text(DisplayFormat.dateTime(dataset.createdAt))))
                    }))),
            .if(model.canWrite, zoneForm(context, model)),
            .if(model.canWrite, FormField.section(
                context.t("上传数据集", "Upload a dataset"), level: 2,
                .p(.class("hint"), .text(context.t("长表：年份、地区、产业、数值 四列（代码按文本保留前导零）；宽表：第一列为地区，其余每列一个产业，并在下方填写年份。xlsx 或 CSV（UTF-8 / GBK）。数值必须是非负数，同一年份、地区、产业不能重复。",
                                                  "Long form: year, loc, prod, val; wide form: first column the region, one column per industry, year below. Values must be non-negative; no duplicates."))),
                FormField.summary(model.fieldErrors, lang: lang),
                .if(!model.rowErrors.isEmpty, .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(context.t("行号", "Row"))), .th(.text(context.t("列", "Column"))), .th(.text(context.t("值", "Value"))), .th(.text(context.t("原因", "Reason"))))),
                    .tbody(.forEach(model.rowErrors.prefix(500)) { error in
                        .tr(.td(.text(error.row > 0 ? "\(error.row)" : error.place(context.lang))), .td(.text(error.column)), .td(.text(error.value)), .td(.text(error.reason)))
                    })))),
                .form(.class("record"), .method(.post), .action(Site.complexity), .enctype(.multipartData), .novalidate(),
                      Page.csrf(context),
                      FormField.text("name", label: context.t("数据集名称", "Name"), value: model.name, errors: model.fieldErrors, lang: lang, required: true, maxLength: 100),
                      FormField.select("measure", label: context.t("度量", "Measure"),
                                       options: ComplexityMeasure.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.rawValue)) },
                                       selected: ComplexityMeasure.revenue.rawValue, errors: model.fieldErrors, lang: lang),
                      FormField.text("year", label: context.t("年份（仅宽表需要）", "Year (wide form only)"), value: "", errors: model.fieldErrors, lang: lang, maxLength: 10),
                      .div(.class(model.fieldErrors.contains { $0.field == "file" } ? "field invalid" : "field"),
                           .label(.for("file"), .text(context.t("文件", "File"))),
                           .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".xlsx,.csv")),
                           FormField.error("file", model.fieldErrors, lang)),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("上传", "Upload")))))
            ))
        )
    }

    /// Builds a dataset from the enterprises' monthly revenue: boards × industry codes.
    static func zoneForm(_ context: PageContext, _ model: IndexModel) -> Node<HTML.BodyContext> {
        let lang = context.lang
        let values = model.zoneValues
        return FormField.section(
            context.t("由本区企业数据生成", "Build from the zone's enterprise data"), level: 2,
            .p(.class("hint"), .text(context.t("按年汇总企业月度营业收入：地区为企业所属板块（所属单位或其上级中的板块），产业为 GB/T 4754-2017 行业代码。生成的数据集是当时数据的快照。",
                                              "Sums enterprises' monthly revenue per year: regions are boards (the enterprise's unit or the board above it), industries are GB/T 4754-2017 codes. The dataset is a snapshot."))),
            FormField.summary(model.zoneErrors, lang: lang),
            .form(.class("record"), .method(.post), .action(Site.complexityFromZone), .novalidate(),
                  Page.csrf(context),
                  FormField.text("name", label: context.t("数据集名称（可空，自动命名）", "Name (optional)"), value: values.name, errors: model.zoneErrors, lang: lang, maxLength: 100),
                  FormField.text("fromYear", label: context.t("起始年份", "First year"), value: values.fromYear, errors: model.zoneErrors, lang: lang, required: true, maxLength: 4),
                  FormField.text("toYear", label: context.t("截止年份（可空，同起始年份）", "Last year (optional)"), value: values.toYear, errors: model.zoneErrors, lang: lang, maxLength: 4),
                  FormField.select("level", label: context.t("行业层级", "Industry level"),
                                   options: [2, 3, 4].map { .init(value: "\($0)", label: context.t(ZoneMatrix.levelName($0), "\($0) digits")) },
                                   selected: values.level ?? "4", errors: model.zoneErrors, lang: lang),
                  FormField.checkbox("aboveScaleOnly", label: context.t("只计规上企业", "Above-scale enterprises only"), checked: values.aboveScaleOnly ?? false,
                                     errors: model.zoneErrors, lang: lang),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("生成数据集", "Build dataset")))))
        )
    }

    struct ShowModel {
        var dataset: ComplexityDatasetDTO
        var outcome: ComplexityAnalysis.Outcome
        var weightsName: String
        var chains: [(id: Int, name: String)] = []
    }

    static func show(_ context: PageContext, _ model: ShowModel) -> HTML {
        let outcome = model.outcome
        let result = outcome.result
        let locations = result.gridLocations.map(\.code)
        let eciRanking = result.locations.indices.sorted { (result.eci[$0].isFinite ? result.eci[$0] : -.infinity) > (result.eci[$1].isFinite ? result.eci[$1] : -.infinity) }
        let gaps = outcome.chainGaps
        // A dataset built from the zone's figures has GB/T 4754 codes as products, shown with their
        // names; an uploaded one's products are whatever its file says (HS codes look alike).
        let coded = model.dataset.source == "zone" || model.dataset.source == IllustrativeMatrix.source
        let product: (String) -> String = coded ? { IndustryDisplay.text($0, context.lang) } : { $0 }
        let exportQuery = "year=\(urlEncoded(outcome.year))&location=\(urlEncoded(outcome.location))&weights=\(model.weightsName)"
            + (gaps.map { "&chain=\($0.chainID)" } ?? "")
        return Page.render(
            context, title: model.dataset.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.complexity), .text(context.t("目标产业推荐", "Target industries")))),
            .unwrap(model.dataset.description) { .p(.class("hint"), .text($0)) },
            .form(.class("list-controls"), .method(.get), .action(Site.complexityDataset(model.dataset.id)),
                  .label(.for("year"), .text(context.t("年份", "Year"))),
                  .select(.id("year"), .attribute(named: "name", value: "year"),
                          .forEach(model.dataset.years) { FormField.option($0, $0, selected: $0 == outcome.year) }),
                  .label(.for("location"), .text(context.t("地区", "Location"))),
                  .select(.id("location"), .attribute(named: "name", value: "location"),
                          .forEach(locations) { FormField.option($0, $0, selected: $0 == outcome.location) }),
                  .label(.for("weights"), .text(context.t("权重方案", "Weights"))),
                  .select(.id("weights"), .attribute(named: "name", value: "weights"),
                          FormField.option("balanced", context.t("均衡（密度 0.5 · PCI 0.2 · COG 0.3）", "Balanced"), selected: model.weightsName == "balanced"),
                          FormField.option("nearby", context.t("就近（密度 0.6 · PCI 0.15 · COG 0.25）", "Nearby"), selected: model.weightsName == "nearby"),
                          FormField.option("strategic", context.t("战略（密度 0.35 · PCI 0.3 · COG 0.35）", "Strategic"), selected: model.weightsName == "strategic")),
                  .if(!model.chains.isEmpty, .group(
                      .label(.for("chain"), .text(context.t("对照产业链", "Compare with chain"))),
                      .select(.id("chain"), .attribute(named: "name", value: "chain"),
                              FormField.option("", context.t("（不对照）", "(none)"), selected: gaps == nil),
                              .forEach(model.chains) { FormField.option("\($0.id)", $0.name, selected: $0.id == gaps?.chainID) }))),
                  .button(.type(.submit), .text(context.t("计算", "Compute"))),
                  .span(.class("exports"), .a(.href((Site.complexityExport(model.dataset.id) + "?" + exportQuery).escapedForAttribute), .text(context.t("导出 Excel", "Export xlsx"))))),
            .p(.text(context.t("地区 \(outcome.location) 的经济复杂度指数 ECI：", "ECI of \(outcome.location): ")
                     + (result.locationIndex(outcome.location).map { ProductSpaceSVG.format(result.eci[$0]) } ?? "—"))),
            .forEach(result.notes) { note in
                .div(.class("note"), .p(.text(context.t(note.plainZh, note.plainEn))),
                     .details(.summary(.text(context.t("技术说明", "Technical detail"))), .p(.class("hint"), .text(context.t(note.messageZh, note.messageEn)))))
            },
            .unwrap(outcome.problem) { .p(.class("form-errors"), .text($0)) },
            .h2(.text(context.t("推荐产业（尚未形成比较优势的产业，按得分排序）", "Recommended industries (not yet present, best first)"))),
            .p(.class("hint"), .text(context.t("得分 = 权重 × 标准化后的密度（可行性）+ 权重 × 标准化后的 PCI 与 COG（价值）；各分项均列出。",
                                              "Score = weighted z-scores of density (feasibility) and of PCI and COG (value); each part is shown."))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("名次", "Rank"))), .th(.text(context.t("产业", "Industry"))), .th(.text("RCA")),
                           .th(.text(context.t("密度", "Density"))), .th(.text("PCI")), .th(.text("COG")),
                           .th(.text(context.t("密度贡献", "Density part"))), .th(.text(context.t("PCI 贡献", "PCI part"))),
                           .th(.text(context.t("COG 贡献", "COG part"))), .th(.text(context.t("得分", "Score"))),
                           .if(gaps != nil, .th(.text(context.t("可补链 / 强链环节", "Fills gap / weak node")))))),
                .tbody(
                    .if((outcome.recommendations?.items ?? []).isEmpty, .tr(.td(.attribute(named: "colspan", value: "10"), .class("empty"), .text(context.t("无可推荐的产业", "Nothing to recommend"))))),
                    .forEach((outcome.recommendations?.items ?? []).prefix(100)) { item in
                        .tr(.td(.text("\(item.rank)")), .td(.text(product(item.product))), .td(.text(ProductSpaceSVG.format(item.rca))),
                            .td(.text(ProductSpaceSVG.format(item.density))), .td(.text(ProductSpaceSVG.format(item.pci))), .td(.text(ProductSpaceSVG.format(item.cog))),
                            .td(.text(ProductSpaceSVG.format(item.densityContribution))), .td(.text(ProductSpaceSVG.format(item.pciContribution))),
                            .td(.text(ProductSpaceSVG.format(item.cogContribution))), .td(.strong(.text(ProductSpaceSVG.format(item.score)))),
                            .unwrap(gaps) { gaps in .td(.forEach(gaps.fills[item.product] ?? []) { node in
                                .span(.class("strength strength-\(node.strength.rawValue)"),
                                      .text((node.strength == .missing ? context.t("补链：", "fills: ") : context.t("强链：", "strengthens: ")) + node.name))
                            }) })
                    }))),
            .unwrap(gaps) { gaps in chainGapSection(context, gaps, product: product) },
            .h2(.text(context.t("产品空间", "Product space"))),
            ProductSpaceSVG.render(outcome, lang: context.lang),
            .h2(.text(context.t("各地区经济复杂度（ECI）", "Economic complexity of locations (ECI)"))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("地区", "Location"))), .th(.text("ECI")), .th(.text(context.t("多样性", "Diversity"))))),
                .tbody(.forEach(eciRanking.prefix(200)) { i in
                    .tr(.td(.text(result.locations[i])), .td(.text(ProductSpaceSVG.format(result.eci[i]))), .td(.text(ProductSpaceSVG.format(result.diversity[i]))))
                })))
        )
    }

    /// Every missing or weak node of the chain with the recommended industries that fill it.
    static func chainGapSection(_ context: PageContext, _ gaps: ChainGapAnalysis, product: (String) -> String) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(context.t("“\(gaps.chainName)”的缺失与薄弱环节", "Gaps and weak nodes of \(gaps.chainName)"))),
            .p(.class("hint"), .a(.href(Site.chain(gaps.chainID)), .text(context.t("查看产业链招商图谱", "Open the chain map")))),
            .if(gaps.gaps.isEmpty, .p(.class("empty"), .text(context.t("该产业链没有缺失或薄弱环节", "The chain has no missing or weak node")))),
            .if(!gaps.gaps.isEmpty, .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("环节", "Node"))), .th(.text(context.t("强弱", "Strength"))), .th(.text(context.t("行业代码", "Codes"))),
                           .th(.text(context.t("可招引的推荐产业（按名次）", "Recommended industries that fill it (by rank)"))))),
                .tbody(.forEach(gaps.gaps) { gap in
                    .tr(.td(.text(gap.node.name)),
                        .td(.span(.class("strength strength-\(gap.node.strength.rawValue)"),
                                  .text(gap.node.strength == .missing ? context.t("缺失（补链）", "missing") : context.t("薄弱（强链）", "weak")))),
                        .td(.text(IndustryDisplay.list(gap.node.productCodes, context.lang))),
                        .td(.text(gap.candidates.isEmpty ? context.t("推荐中暂无", "none in the ranking")
                                  : gap.candidates.prefix(10).map { "\($0.rank). \(product($0.product))" }.joined(separator: "、"))))
                })
            )))
        )
    }

    static func urlEncoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
}

import Foundation
