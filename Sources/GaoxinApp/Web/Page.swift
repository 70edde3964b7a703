import GaoxinDomain
import Plot

/// The one page layout: header with the product name, navigation by role, the user box with the
/// language switch and sign-out, a notice line, the page body. No asset from outside the server.
enum Page {
    struct NavItem {
        let path: String
        let zh: String
        let en: String
        let roles: Set<Role>
        /// Other paths under which this item is the current one (the registers' own lists).
        var alsoCurrent: [String] = []

        func isCurrent(_ path: String) -> Bool {
            Page.isCurrent(self.path, path) || alsoCurrent.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
    }

    static let navigation: [NavItem] = [
        NavItem(path: Site.home, zh: "工作台", en: "Dashboard", roles: Policies.everyone),
        NavItem(path: Site.units, zh: "组织单位", en: "Units", roles: Policies.organisation.read),
        NavItem(path: Site.users, zh: "用户", en: "Users", roles: Policies.users.read),
        NavItem(path: Site.clusters, zh: "产业集群", en: "Clusters", roles: Policies.clusters.read),
        NavItem(path: Site.enterprises, zh: "企业", en: "Enterprises", roles: Policies.enterprises.read),
        NavItem(path: RegisterDeclaration.leads.path + "/board", zh: "招商", en: "Attraction", roles: Policies.programme.read,
                alsoCurrent: Attraction.leadPaths),
        NavItem(path: RegisterDeclaration.projects.path, zh: "项目", en: "Projects", roles: Policies.programme.read, alsoCurrent: Attraction.projectPaths),
        NavItem(path: "/warnings", zh: "预警", en: "Warnings", roles: Policies.programme.read),
        NavItem(path: RegisterDeclaration.parks.path, zh: "园区", en: "Parks", roles: Policies.parks.read, alsoCurrent: ParkRoutes.parkPaths + [ParkPages.recognitionPath]),
        NavItem(path: RegisterDeclaration.scenarios.path, zh: "场景", en: "Scenarios", roles: Policies.programme.read, alsoCurrent: ParkRoutes.scenarioPaths),
        NavItem(path: PeriodPages.path, zh: "关账", en: "Periods", roles: PeriodClose.policy.read),
        NavItem(path: BulletinPages.path, zh: "通报", en: "Bulletins", roles: BulletinIssue.policy.read),
        NavItem(path: AssessmentPages.path, zh: "考核", en: "Assessment", roles: AssessmentPages.policy.read),
        NavItem(path: ZoneKpiPages.path, zh: "指标", en: "Indicators", roles: ZoneKpiPages.policy.read),
        NavItem(path: BigScreenPages.path, zh: "大屏", en: "Big screen", roles: BigScreenPages.policy.read),
        NavItem(path: Site.registers, zh: "登记册", en: "Registers", roles: Policies.programme.read,
                alsoCurrent: Registers.all.map(\.path).filter { !(Attraction.leadPaths + Attraction.projectPaths + ParkRoutes.parkPaths + ParkRoutes.scenarioPaths).contains($0) }),
        NavItem(path: Site.complexity, zh: "产业推荐", en: "Target industries", roles: Policies.analytics.read),
        NavItem(path: Site.imports, zh: "导入导出", en: "Import", roles: Policies.imports.write),
        NavItem(path: Site.audit, zh: "审计日志", en: "Audit log", roles: Policies.audit.read),
        NavItem(path: Site.account, zh: "我的账号", en: "My account", roles: Policies.everyone),
    ]

    /// `printsTitle: false` for a page that prints its own heading (a bulletin's 红头).
    static func render(_ context: PageContext, title: String, refreshSeconds: Int? = nil, printsTitle: Bool = true, _ content: Node<HTML.BodyContext>...) -> HTML {
        HTML(
            .lang(context.lang == .zh ? .chinese : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .unwrap(refreshSeconds) { seconds in .meta(.attribute(named: "http-equiv", value: "refresh"), .content("\(seconds)")) },
                // Not Plot's `.title`: it also writes og:/twitter: meta tags with the title unescaped.
                .element(named: "title", text: title + " · " + context.t("高新产业生态平台", "Gaoxin")),
                .link(.rel(.stylesheet), .href(Site.stylesheet)),
                .script(.src(Site.script), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .header(
                    .class("top"),
                    .a(.class("brand"), .href(Site.home), .text(context.t("高新 · 产业生态工作平台", "Gaoxin · Industrial Ecology"))),
                    .unwrap(context.actor) { actor in navigation(actor, context) },
                    userBox(context)
                ),
                .main(
                    .unwrap(context.notice) { notice in .p(.class("notice"), .attribute(named: "role", value: "status"), .text(notice.text(context.lang))) },
                    .h1(.if(!printsTitle, .class(Print.hidden)), .text(title)),
                    .group(content)
                ),
                .footer(.class("foot"), .text(context.t("高新产业生态平台 · 数据以万元存储、以亿元显示", "Gaoxin · money stored in 万元, shown in 亿元")))
            )
        )
    }

    static func navigation(_ actor: Actor, _ context: PageContext) -> Node<HTML.BodyContext> {
        .nav(
            .class("menu"),
            .ul(.forEach(navigation.filter { actor.hasAny($0.roles) }) { item in
                .li(.a(
                    .href(item.path),
                    .if(item.isCurrent(context.path), .class("current")),
                    .text(context.t(item.zh, item.en))
                ))
            })
        )
    }

    static func isCurrent(_ itemPath: String, _ path: String) -> Bool {
        itemPath == "/" ? path == "/" : path.hasPrefix(itemPath)
    }

    static func userBox(_ context: PageContext) -> Node<HTML.BodyContext> {
        let other: UILanguage = context.lang == .zh ? .en : .zh
        return .div(
            .class("userbox"),
            .a(.href(Site.language + "?set=\(other.rawValue)&next=" + (context.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")),
               .text(context.lang == .zh ? "English" : "中文")),
            .unwrap(context.actor) { actor in
                .group(
                    .span(.class("who"), .text("\(actor.displayName) · \(actor.unitName)")),
                    .form(
                        .class("inline"), .method(.post), .action(Site.signOut),
                        csrf(context),
                        .button(.type(.submit), .class("link"), .text(context.t("退出", "Sign out")))
                    )
                )
            }
        )
    }

    /// The hidden CSRF field every POST form carries.
    static func csrf<C: HTML.BodyContext>(_ context: PageContext) -> Node<C> {
        .input(.type(.hidden), .name(CSRFField.name), .value((context.csrfToken ?? "").escapedForAttribute))
    }
}

import Foundation
