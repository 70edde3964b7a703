import GaoxinDomain
import Plot

/// The printable page of a chain's attraction map: the drawing, its legend and the rule — on one
/// landscape A4 sheet (`.landscape-sheet`, a named page in the print stylesheet).
enum ChainMapDrawingView {
    static func render(_ context: PageContext, _ map: ChainMapDTO, clusterID: Int) -> HTML {
        Page.render(
            context, title: context.t("产业链招商图谱 · ", "Chain attraction map · ") + map.chain.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.cluster(clusterID)), .text(map.clusterName)), .text(" / "),
                 .a(.href(Site.chain(map.chain.id)), .text(map.chain.name))),
            .p(.class("legend"),
               .span(.class("strength strength-strong"), .text(context.t("强", "Strong"))), .span(.class("strength strength-weak"), .text(context.t("弱（强链）", "Weak (strengthen)"))),
               .span(.class("strength strength-missing"), .text(context.t("缺（补链）", "Missing (fill)"))),
               .span(.text(context.t("【】内为企业层级；◎ 为招商目标企业", "【】 the enterprise's tier; ◎ a target company")))),
            .div(.class("landscape-sheet"),
                 ChainMapSVG.render(map, lang: context.lang),
                 .p(.class("hint"), .text(context.t("强弱判定：" + map.rule, "Rule: " + map.ruleEn)
                                          + context.t("（营收为 \(map.revenueFrom) 至 \(map.revenueTo)）；打印为一张横向 A4",
                                                      " (revenue \(map.revenueFrom)–\(map.revenueTo)); prints on one A4 landscape sheet"))))
        )
    }
}
