import GaoxinDomain
import Plot

/// The pipeline, target-progress and warning pages: tables with their rule or unit beside them,
/// money in 亿元 (stored and served in 万元).
enum AttractionViews {
    static func yi(_ wan: Int64) -> String { Wan(wan).yiText }

    static func pipeline(_ context: PageContext, _ pipeline: ProjectPipeline) -> HTML {
        let projects = RegisterDeclaration.projects
        func table(_ title: String, _ groups: [ProjectPipeline.Group], filter: String?) -> Node<HTML.BodyContext> {
            .section(.h2(.text(title)),
                .table(.class("list"),
                    .thead(.tr(.th(.text(context.t("分组", "Group"))), .th(.class("num"), .text(context.t("项目数", "Projects"))),
                               .th(.class("num"), .text(context.t("总投资（亿元）", "Investment (100m yuan)"))), .th(.class("num"), .text(context.t("滞后", "Late"))))),
                    .tbody(.forEach(groups) { group in
                        .tr(.td(filter.map { key in .a(.href(projects.path + "?\(key)=\(group.key)"), .text(group.name.ifEmpty(context.t("（未填）", "(none)")))) }
                                    ?? .text(group.name.ifEmpty(context.t("（未填）", "(none)")))),
                            .td(.class("num"), .text(String(group.count))), .td(.class("num"), .text(yi(group.investment))),
                            .td(.class("num"), .text(String(group.late))))
                    })))
        }
        return Page.render(
            context, title: context.t("项目推进总览", "Project pipeline"),
            .nav(.class("breadcrumbs"), .a(.href(projects.path), .text(projects.title(context.lang)))),
            .form(.class("filters"), .method(.get), .action(projects.path + "/pipeline"),
                  FormField.text("year", label: context.t("签约年度", "Signed in"), value: pipeline.year.map(String.init), errors: [], lang: context.lang, maxLength: 4,
                                 hint: context.t("留空为全部在用项目", "Empty for every active project")),
                  .button(.type(.submit), .text(context.t("查看", "Show")))),
            .p(.text(context.t("合计 \(pipeline.total.count) 个项目，总投资 \(yi(pipeline.total.investment)) 亿元，滞后 \(pipeline.total.late) 个",
                               "\(pipeline.total.count) projects, \(yi(pipeline.total.investment)) 100m yuan, \(pipeline.total.late) late"))),
            table(context.t("按阶段", "By stage"), pipeline.byStage, filter: "stage"),
            table(context.t("按重大项目级别", "By level"), pipeline.byLevel, filter: "level"),
            table(context.t("按责任单位", "By unit"), pipeline.byUnit, filter: "owningUnitId"),
            table(context.t("按产业集群", "By cluster"), pipeline.byCluster, filter: "clusterId")
        )
    }

    static func investment(_ context: PageContext, _ progress: InvestmentProgress) -> HTML {
        let investments = RegisterDeclaration.projectInvestments, projects = RegisterDeclaration.projects
        func table(_ title: String, _ groups: [InvestmentProgress.Group], filter: String?) -> Node<HTML.BodyContext> {
            .section(.h2(.text(title)),
                .div(.class("table-wrap"), .table(.class("list"),
                    .thead(.tr(.th(.text(context.t("分组", "Group"))), .th(.class("num"), .text(context.t("项目数", "Projects"))),
                               .th(.class("num"), .text(context.t("年度计划（亿元）", "Planned (100m yuan)"))),
                               .th(.class("num"), .text(context.t("累计完成（亿元）", "Completed (100m yuan)"))),
                               .th(.class("num"), .text(context.t("完成率", "Completion"))))),
                    .tbody(.forEach(groups) { group in
                        let name = group.name.ifEmpty(context.t("（未填）", "(none)"))
                        return .tr(.td(filter.map { key in .a(.href(projects.path + "?\(key)=\(group.key)"), .text(name)) } ?? .text(name)),
                            .td(.class("num"), .text(String(group.projects))), .td(.class("num"), .text(yi(group.planned))),
                            .td(.class("num"), .text(yi(group.completed))),
                            .td(.class("num pace-" + group.pace), .text(group.percent.map { "\($0)%" } ?? "—")))
                    }))))
        }
        return Page.render(
            context, title: context.t("\(progress.year)年项目投资完成情况", "Project investment \(progress.year)"),
            .nav(.class("breadcrumbs"), .a(.href(investments.path), .text(investments.title(context.lang)))),
            .form(.class("filters"), .method(.get), .action(investments.path + "/progress"),
                  FormField.text("year", label: context.t("年度", "Year"), value: String(progress.year), errors: [], lang: context.lang, maxLength: 4),
                  .button(.type(.submit), .text(context.t("查看", "Show")))),
            .p(.text(context.t("合计 \(progress.total.projects) 个项目，年度计划 \(yi(progress.total.planned)) 亿元，累计完成 \(yi(progress.total.completed)) 亿元，完成率 \(progress.total.percent.map { "\($0)%" } ?? "—")",
                               "\(progress.total.projects) projects, planned \(yi(progress.total.planned)), completed \(yi(progress.total.completed)) (100m yuan)"))),
            .p(.class("hint"), .text(context.t("完成率 = 累计完成 ÷ 年度计划。按已结束的 \(progress.monthsDue) 个月应完成计划的 \(progress.monthsDue)/12：达到为绿，达到 80% 以上为黄，不足 80% 为红。",
                                               "Completion = completed ÷ plan; against \(progress.monthsDue)/12 of the plan for the months ended: green at or above, yellow from 80 %, red below."))),
            table(context.t("按重大项目级别", "By level"), progress.byLevel, filter: "level"),
            table(context.t("按责任单位", "By unit"), progress.byUnit, filter: "owningUnitId"),
            table(context.t("按产业集群", "By cluster"), progress.byCluster, filter: "clusterId")
        )
    }

    static func progress(_ context: PageContext, _ progress: TargetProgress) -> HTML {
        let targets = RegisterDeclaration.attractionTargets
        func cell(_ metric: TargetProgress.Metric) -> Node<HTML.TableRowContext> {
            let money = metric.key == "signedInvestment"
            let text = (money ? yi(metric.actual) : String(metric.actual)) + " / " + (money ? yi(metric.target) : String(metric.target))
            return .td(.class("num pace-" + metric.pace), .text(text), .unwrap(metric.rate) { .span(.class("hint"), .text(" \(Int(($0 * 100).rounded()))%")) })
        }
        return Page.render(
            context, title: context.t("\(progress.year)年目标指引清单完成情况", "Attraction targets \(progress.year)"),
            .nav(.class("breadcrumbs"), .a(.href(targets.path), .text(targets.title(context.lang)))),
            .form(.class("filters"), .method(.get), .action(targets.path + "/progress"),
                  FormField.text("year", label: context.t("年度", "Year"), value: String(progress.year), errors: [], lang: context.lang, maxLength: 4),
                  .button(.type(.submit), .text(context.t("查看", "Show")))),
            .p(.class("hint"), .text(context.t(
                "按签约日期计入当年；投资档次累计计数（一个 120 亿元项目同时计入超100亿、超50亿、超10亿和超亿元）；计入本单位及下级单位负责的项目。"
                + "引进人才按人才名录的引进日期计数；自定义指标为本单位及下级单位当年填报的完成量之和。"
                + "年度已过 \(Int((progress.elapsed * 100).rounded()))%：低于应完成量 80% 为红，80%–100% 为黄。",
                "Projects count in the year they were signed; classes are cumulative; a unit's subtree counts; talents by the talent register's day; "
                + "the zone's own metrics add up what the subtree reported. Red below 80 % of the pace, yellow below it."))),
            .p(.a(.href(RegisterDeclaration.targetMetricGoals.path), .text(context.t("自定义指标目标", "Metric goals"))), .text(" · "),
               .a(.href(RegisterDeclaration.targetMetricReports.path), .text(context.t("填报完成情况", "Report achievements")))),
            .table(.class("list"),
                .thead(.tr(.th(.text(context.t("排名", "Rank"))), .th(.text(context.t("单位", "Unit"))), .th(.text(context.t("清单", "List"))),
                           .forEach(progress.columns) { column in
                               .th(.class("num"), .text(column.key == "signedInvestment" ? context.t("签约总投资（亿元，完成/目标）", "Signed (100m yuan, done/target)")
                                                                                        : context.t("\(column.label)（\(column.measure)，完成/目标）", "\(column.label) (\(column.measure), done/target)")))
                           },
                           .th(.class("num"), .text(context.t("综合完成率", "Completion"))))),
                .tbody(.forEach(progress.rows) { row in
                    .tr(.td(.text(String(row.rank))), .td(.a(.href(RegisterDeclaration.projects.path + "?owningUnitId=\(row.unitId)&signedOnFrom=\(progress.year)-01-01&signedOnTo=\(progress.year)-12-31"),
                                                             .text(row.unitName))),
                        .td(.a(.href(targets.path(row.id)), .text(row.title))),
                        .forEach(row.metrics) { cell($0) },
                        .td(.class("num pace-" + row.pace), .text(row.completion.map { "\(Int(($0 * 100).rounded()))%" } ?? "—")))
                }))
        )
    }

    static func warnings(_ context: PageContext, _ warnings: EarlyWarnings) -> HTML {
        Page.render(
            context, title: context.t("预警", "Early warnings"),
            .p(.class("hint"), .text(context.t("预警由数据推算，不需填报；\(warnings.today)", "Derived from the data, never typed in; \(warnings.today)"))),
            .forEach(warnings.kinds) { kind in
                .section(.class("warning-kind"),
                    .h2(.text(kind.title + " "), .span(.class("badge expired"), .text(context.t("红 \(kind.red)", "Red \(kind.red)"))), .text(" "),
                        .span(.class("badge expiring"), .text(context.t("黄 \(kind.yellow)", "Yellow \(kind.yellow)"))),
                        .unwrap(kind.green) { green in .group(.text(" "), .span(.class("badge valid"), .text(context.t("绿 \(green)", "Green \(green)")))) }),
                    .p(.class("hint"), .text(context.t("规则：", "Rule: ") + kind.rule)),
                    .if(kind.red + kind.yellow == 0, .p(.class("badge valid"), .text(context.t("绿：无预警", "Green: nothing to warn of")))),
                    .ul(.forEach(kind.items) { item in
                        .li(.span(.class("badge " + (item.level == "red" ? "expired" : "expiring")), .text(item.level == "red" ? context.t("红", "Red") : context.t("黄", "Yellow"))),
                            .text(" "), .a(.href(item.path), .text(item.name)), .text(" — " + item.detail))
                    }))
            }
        )
    }
}
