import Foundation
import GaoxinDomain
import Plot

/// The public pages: 云选址 and the open scenarios with the application form. The same layout as
/// the product (no navigation without sign-in), readable on a phone.
enum PublicView {
    static func publicLinks(_ context: PageContext) -> Node<HTML.BodyContext> {
        .p(.class("actions"),
           .a(.href(PublicPages.spacesPath), .text(context.t("云选址", "Available space"))), .text(" · "),
           .a(.href(PublicPages.scenariosPath), .text(context.t("应用场景（揭榜挂帅）", "Application scenarios"))))
    }

    static func spaces(_ context: PageContext, filter: PublicPages.SpaceFilter, rows: [PublicPages.SpaceRow], total: Int, query: String?) -> HTML {
        let kinds = SpaceKind.allCases.map { FormField.Option(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) }
        let pages = max(1, (min(total, PublicPages.countCap) + PublicPages.perPage - 1) / PublicPages.perPage)
        func pageLink(_ page: Int) -> String {
            var items = (URLComponents(string: "?" + (query ?? ""))?.queryItems ?? []).filter { $0.name != "page" }
            items.append(URLQueryItem(name: "page", value: String(page)))
            var components = URLComponents()
            components.queryItems = items
            return PublicPages.spacesPath + "?" + (components.percentEncodedQuery ?? "")
        }
        return Page.render(context, title: context.t("云选址 · 可租售空间", "Available space"),
            publicLinks(context),
            .p(.class("hint"), .text(context.t("以下为各园区近 \(RegisterDeclaration.spaceConfirmationDays) 天内确认仍可租售的空间。楼面荷载单位 kN/m²（1 t/m² ≈ 9.8 kN/m²）。",
                                               "Spaces the parks confirmed available within \(RegisterDeclaration.spaceConfirmationDays) days. Floor load in kN/m²."))),
            FormField.summary(filter.errors, lang: context.lang),
            .form(.class("list-controls"), .method(.get), .action(PublicPages.spacesPath),
                FormField.select("kind", label: context.t("空间类型", "Kind"), options: kinds, selected: filter.kind?.rawValue, errors: filter.errors,
                                 lang: context.lang, blank: context.t("全部", "All")),
                FormField.text("areaMin", label: context.t("面积不小于（m²）", "Area at least (m²)"), value: filter.areaMin.map(String.init), errors: filter.errors, lang: context.lang, maxLength: 12),
                FormField.text("areaMax", label: context.t("面积不大于（m²）", "Area at most (m²)"), value: filter.areaMax.map(String.init), errors: filter.errors, lang: context.lang, maxLength: 12),
                .button(.type(.submit), .text(context.t("筛选", "Filter")))),
            .p(.text(total > PublicPages.countCap ? context.t("超过 \(PublicPages.countCap) 处，可按类型和面积筛选", "Over \(PublicPages.countCap) spaces; filter by kind and area")
                                                  : context.t("共 \(total) 处", "\(total) spaces"))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("空间", "Space"))), .th(.text(context.t("园区", "Park"))), .th(.text(context.t("类型", "Kind"))),
                           .th(.class("num"), .text(context.t("面积（m²）", "Area (m²)"))), .th(.class("num"), .text(context.t("荷载（kN/m²）", "Load (kN/m²)"))),
                           .th(.class("num"), .text(context.t("净高（m）", "Height (m)"))), .th(.class("num"), .text(context.t("供电（kVA）", "Power (kVA)"))),
                           .th(.class("num"), .text(context.t("租金（元/m²·月）", "Rent"))), .th(.class("num"), .text(context.t("售价（亿元）", "Price (100m yuan)"))),
                           .th(.text(context.t("可交付", "Available"))), .th(.text(context.t("招商电话", "Contact"))))),
                .tbody(.forEach(rows) { row in
                    .tr(.td(.text(row.name), .br(), .span(.class("hint"), .text(row.code))),
                        .td(.text(row.parkName), .if(row.parkLevel != .none, .span(.class("hint"), .text(" " + context.t(row.parkLevel.nameZh, row.parkLevel.nameEn))))),
                        .td(.text(context.t(row.kind.nameZh, row.kind.nameEn))),
                        .td(.class("num"), .text(Wan.grouped(UInt64(row.area))),
                            .if(row.kind == .land, .span(.class("hint"), .text(String(format: "（%.2f 亩）", LandArea.mu(squareMetres: row.area)))))),
                        .td(.class("num"), .text(row.floorLoad.map { ScaledDecimal(scaled: $0, places: 1).text } ?? "—")),
                        .td(.class("num"), .text(row.clearHeight.map { ScaledDecimal(scaled: $0, places: 1).text } ?? "—")),
                        .td(.class("num"), .text(row.power.map { Wan.grouped(UInt64($0)) } ?? "—")),
                        .td(.class("num"), .text(row.rent.map { ScaledDecimal(scaled: $0, places: 2).text } ?? "—")),
                        .td(.class("num"), .text(row.salePrice.map { Wan($0).yiText } ?? "—")),
                        .td(.text(row.availableFrom ?? context.t("现可交付", "Now"))),
                        .td(.text(row.contact ?? "—")))
                }))),
            .if(pages > 1, .nav(.class("pager"),
                .if(filter.page > 1, .a(.href(pageLink(filter.page - 1)), .text(context.t("上一页", "Previous")))),
                .span(.text(context.t(" 第 \(filter.page) / \(pages) 页 ", " Page \(filter.page) of \(pages) "))),
                .if(filter.page < pages, .a(.href(pageLink(filter.page + 1)), .text(context.t("下一页", "Next")))))))
    }

    static func scenarios(_ context: PageContext, _ rows: [PublicPages.ScenarioRow]) -> HTML {
        Page.render(context, title: context.t("应用场景清单（揭榜挂帅）", "Application scenarios"),
            publicLinks(context),
            .p(.class("hint"), .text(context.t("以下场景正在征集解决方案，欢迎企业揭榜。", "These scenarios are open for proposals."))),
            .if(rows.isEmpty, .p(.class("empty"), .text(context.t("目前没有征集中的场景。", "No scenario is open now.")))),
            .forEach(rows) { row in
                .article(.class("card scenario"),
                    .h2(.a(.href(PublicPages.scenariosPath + "/\(row.id)"), .text(row.title))),
                    .p(.class("hint"), .text(meta(context, row))),
                    .p(.text(String(row.need.prefix(160)) + (row.need.count > 160 ? "…" : ""))),
                    .a(.class("button"), .href(PublicPages.scenariosPath + "/\(row.id)"), .text(context.t("查看并揭榜", "View and apply"))))
            })
    }

    static func meta(_ context: PageContext, _ row: PublicPages.ScenarioRow) -> String {
        [context.t("发布单位：", "By: ") + row.unit,
         row.cluster.map { context.t("产业集群：", "Cluster: ") + $0 },
         row.budget.map { context.t("预算：\(Wan($0).yiText) 亿元", "Budget: \(Wan($0).yiText) (100m yuan)") },
         context.t("截止：", "Apply by: ") + row.deadline].compactMap { $0 }.joined(separator: " · ")
    }

    static func scenario(_ context: PageContext, _ row: PublicPages.ScenarioRow, form: [String: String], errors: [FieldError], stamp: String, applied: String?) -> HTML {
        let declaration = RegisterDeclaration.scenarioApplications
        func label(_ key: String) -> String { declaration.field(key).map { context.t($0.zh, $0.en) } ?? key }
        return Page.render(context, title: row.title,
            publicLinks(context),
            .p(.class("hint"), .text(meta(context, row))),
            .h2(.text(context.t("场景需求", "What is needed"))),
            .p(.class("prewrap"), .text(row.need)),
            .unwrap(row.contact) { .p(.text(context.t("联系方式：", "Contact: ") + $0)) },
            .unwrap(applied) { code in
                .p(.class("notice"), .attribute(named: "role", value: "status"),
                   .text(context.t("申请已提交，编号 \(code)。发布单位评审后将与您联系。", "Application \(code) received; the publisher will be in touch.")))
            },
            .h2(.text(context.t("揭榜申请", "Apply"))),
            FormField.summary(errors, lang: context.lang),
            FormField.error("form", errors, context.lang),
            .form(.method(.post), .action(PublicPages.scenariosPath + "/\(row.id)/apply"), .class("apply-form"),
                Page.csrf(context),
                .input(.type(.hidden), .name("stamp"), .value(stamp.escapedForAttribute)),
                // A field people do not see and scripts fill in.
                .div(.class("hp"), .attribute(named: "aria-hidden", value: "true"),
                     .label(.for(PublicFormStamp.honeypot), .text("Website")),
                     .input(.type(.text), .id(PublicFormStamp.honeypot), .name(PublicFormStamp.honeypot), .attribute(named: "tabindex", value: "-1"),
                            .attribute(named: "autocomplete", value: "off"))),
                FormField.text("companyName", label: label("companyName"), value: form["companyName"], errors: errors, lang: context.lang, required: true, maxLength: 200),
                FormField.text("creditCode", label: label("creditCode"), value: form["creditCode"], errors: errors, lang: context.lang, required: true, maxLength: 40,
                               hint: context.t("18 位统一社会信用代码", "The 18-character unified social credit code")),
                FormField.text("contactName", label: label("contactName"), value: form["contactName"], errors: errors, lang: context.lang, required: true, maxLength: 50),
                FormField.text("contactPhone", label: label("contactPhone"), value: form["contactPhone"], errors: errors, lang: context.lang, required: true, maxLength: 30),
                FormField.text("email", label: label("email"), value: form["email"], errors: errors, lang: context.lang, type: .email, maxLength: 200),
                FormField.textarea("proposal", label: label("proposal") + " *", value: form["proposal"], errors: errors, lang: context.lang,
                                   hint: context.t("技术路线、已有应用案例、交付周期（不超过 3000 字）", "Approach, references, delivery time")),
                .button(.type(.submit), .text(context.t("提交申请", "Submit"))))
        )
    }
}
