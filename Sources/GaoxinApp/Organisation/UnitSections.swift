import GaoxinDomain
import Plot
import SQLKit
import Vapor

/// What a unit's page shows beyond its fields (`RegisterRecordSections`): the move form, its
/// sub-units and its users. A refused move redraws the move section with its error (`UnitMove`).
enum UnitSections {
    static let moveName = "unit-move"

    static let all: [RegisterRecordSections.Section] = [
        .init(name: moveName) { req, record in try await moveForm(req, record, errors: []) },
        .init(name: "unit-children") { req, record in
            struct Child: Decodable { let id: Int; let name: String; let kind: String; let active: Bool }
            let children = try await req.sql.raw("""
                SELECT id, name, kind, active FROM units WHERE parent_id = \(bind: record.id) ORDER BY sort_order, name_sort, id
                """).all(decoding: Child.self)
            let canCreate = req.actor.map { RegisterWrites.mayCreate(.units, actor: $0) } ?? false
            return { context in
                .section(.class("unit-children"),
                    .h2(.text(context.t("下级单位", "Sub-units"))),
                    .if(canCreate && record.active, .p(.class("actions " + Print.hidden),
                        .a(.class("button secondary"), .href(RegisterDeclaration.units.newPath(prefill: ["parentId": String(record.id)])),
                           .text(context.t("新建下级单位", "New sub-unit"))))),
                    .if(children.isEmpty, .p(.class("empty"), .text(context.t("无", "None")))),
                    .ul(.class("plain"), .forEach(children) { child in
                        .li(.a(.href(RegisterDeclaration.units.path(child.id)), .text(child.name)),
                            .text(" · " + (UnitKind(rawValue: child.kind).map { context.t($0.nameZh, $0.nameEn) } ?? child.kind)),
                            .if(!child.active, .span(.class("tag"), .text(context.t("已停用", "inactive")))))
                    }))
            }
        },
        .init(name: "unit-users") { req, record in
            guard req.actor?.hasAny(Policies.users.read) ?? false else { return { _ in .empty } }
            struct Member: Decodable { let id: Int; let display_name: String; let username: String; let active: Bool }
            let users = try await req.sql.raw("""
                SELECT id, display_name, username, active FROM users WHERE unit_id = \(bind: record.id) ORDER BY name_sort, id
                """).all(decoding: Member.self)
            return { context in
                .section(.class("unit-users"),
                    .h2(.text(context.t("用户", "Users"))),
                    .if(users.isEmpty, .p(.class("empty"), .text(context.t("无", "None")))),
                    .ul(.class("plain"), .forEach(users) { user in
                        .li(.a(.href(Site.user(user.id)), .text(user.display_name)), .text(" (\(user.username))"),
                            .if(!user.active, .span(.class("tag"), .text(context.t("已停用", "inactive")))))
                    }))
            }
        },
    ]

    /// 移动到: every active unit outside the record's own subtree (moving there would make a cycle).
    static func moveForm(_ req: Request, _ record: RegisterRecord, errors: [FieldError]) async throws -> RegisterRecordSections.Draw {
        guard let actor = req.actor, actor.hasAny(Policies.organisation.write) else { return { _ in .empty } }
        let own = record.treePath.flatMap(UnitPath.init)
        let targets = try await UnitQueries.tree(on: req.db)
            .filter { candidate in !(own.map { $0.contains(candidate.unitPath ?? UnitPath(ids: [0])) } ?? true) }
        let parent = record.values["parentId"]?.integer.map(String.init)
        return { context in
            .section(.class("unit-move " + Print.hidden),
                FormField.summary(errors, lang: context.lang),
                .form(.class("inline"), .method(.post), .action(Site.unitMove(record.id)), Page.csrf(context),
                      .label(.for("parentId"), .text(context.t("移动到", "Move under"))),
                      .select(.id("parentId"), .attribute(named: "name", value: "parentId"),
                              FormField.option("", context.t("（作为顶级单位）", "(top level)"), selected: false),
                              .forEach(targets.map(\.option)) { FormField.option($0.value, $0.label, selected: $0.value == parent) }),
                      .button(.type(.submit), .class("secondary"), .text(context.t("移动", "Move"))),
                      FormField.error("parentId", errors, context.lang)))
        }
    }
}
