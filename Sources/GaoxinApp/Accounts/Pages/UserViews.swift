import GaoxinDomain
import Plot

/// User administration screens: list, one user, the create/edit form.
enum UserViews {
    static func columns() -> [ListColumn<UserQueries.Row>] {
        [
            ListColumn("用户名", "Username", sort: "username", html: { row, _ in .a(.href(Site.user(row.id)), .text(row.username)) },
                       export: { row, _ in .text(row.username) }),
            .text("姓名", "Name", sort: "name") { row, _ in row.displayName },
            .text("所属单位", "Unit", sort: "unit") { row, _ in row.unitName },
            .text("角色", "Roles") { row, lang in row.roleSet.sorted().map { lang.t($0.nameZh, $0.nameEn) }.joined(separator: "、") },
            .text("状态", "Status") { row, lang in row.active ? lang.t("启用", "Active") : lang.t("已停用", "Inactive") },
            .text("最近登录", "Last sign-in", sort: "lastLogin") { row, _ in row.lastLoginAt.map(DisplayFormat.dateTime) ?? "" },
        ]
    }

    static func index(_ context: PageContext, query: ListQuery, page: ListPage<UserQueries.Row>, canWrite: Bool, unitOptions: [FormField.Option]) -> HTML {
        Page.render(
            context, title: context.t("用户", "Users"),
            .if(canWrite, .p(.class("actions"), .a(.class("button"), .href(Site.userNew), .text(context.t("新建用户", "New user"))))),
            ListView.render(
                context, basePath: Site.users, exportPath: Site.usersExport, query: query, page: page, columns: columns(),
                filters: [
                    .init(key: "role", label: context.t("角色", "Role"), options: Role.allCases.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                    .init(key: "active", label: context.t("状态", "Status"), options: [("1", context.t("启用", "Active")), ("0", context.t("已停用", "Inactive"))]),
                    .init(key: "under", label: context.t("所属单位", "Unit"), options: unitOptions.map { ($0.value, $0.label) }),
                ],
                searchPlaceholder: context.t("按用户名、姓名或单位搜索", "Search username, name or unit")
            )
        )
    }

    struct ShowModel {
        var user: UserDTO
        var canWrite: Bool
        var tokens: [TokenDTO]
        var errors: [FieldError]
    }

    static func show(_ context: PageContext, _ model: ShowModel) -> HTML {
        let user = model.user
        return Page.render(
            context, title: "\(user.displayName)（\(user.username)）",
            FormField.summary(model.errors, lang: context.lang),
            .dl(.class("facts"),
                .dt(.text(context.t("所属单位", "Unit"))), .dd(.a(.href(Site.unit(user.unitId)), .text(user.unitName ?? ""))),
                .dt(.text(context.t("角色", "Roles"))), .dd(.text(user.roles.compactMap(Role.init(rawValue:)).map { context.t($0.nameZh, $0.nameEn) }.joined(separator: "、"))),
                .dt(.text(context.t("状态", "Status"))), .dd(.text((user.active ? context.t("启用", "Active") : context.t("已停用", "Inactive")) + (user.locked ? context.t("（已锁定）", " (locked)") : ""))),
                .dt(.text(context.t("邮箱", "E-mail"))), .dd(.text(user.email ?? "—")),
                .dt(.text(context.t("电话", "Phone"))), .dd(.text(user.phone ?? "—")),
                .dt(.text(context.t("最近登录", "Last sign-in"))), .dd(.text(user.lastLoginAt.map(DisplayFormat.dateTime) ?? "—"))),
            .if(model.canWrite, .div(
                .class("actions"),
                .a(.class("button"), .href(Site.userEdit(user.id)), .text(context.t("编辑", "Edit"))),
                .form(.class("inline"), .method(.post), .action(user.active ? Site.userDeactivate(user.id) : Site.userReactivate(user.id)), Page.csrf(context),
                      .button(.type(.submit), .class("secondary"), .text(user.active ? context.t("停用", "Deactivate") : context.t("启用", "Reactivate")))),
                .if(user.locked, .form(.class("inline"), .method(.post), .action(Site.userUnlock(user.id)), Page.csrf(context),
                                       .button(.type(.submit), .class("secondary"), .text(context.t("解锁", "Unlock"))))),
                .form(.class("inline"), .method(.post), .action(Site.userPassword(user.id)), Page.csrf(context),
                      .label(.for("newPassword"), .text(context.t("重设密码", "Reset password"))),
                      .input(.type(.password), .id("newPassword"), .name("newPassword"), .autocomplete(false),
                             .attribute(named: "title", value: context.t("重设密码会吊销该用户的全部 API 令牌", "Resetting the password revokes all the user's API tokens"))),
                      .span(.class("hint"), .text(context.t("（同时吊销其 API 令牌）", "(revokes their API tokens)"))),
                      .button(.type(.submit), .class("secondary"), .text(context.t("设置", "Set"))))
            )),
            .if(model.canWrite, .group(
                .h2(.text(context.t("API 令牌", "API tokens"))),
                TokenViews.table(context, model.tokens, revokePath: Site.accountTokenRevoke)
            ))
        )
    }

    typealias FormModel = RecordForm.Model<UserInput>

    static func form(_ context: PageContext, _ model: FormModel) -> HTML {
        let lang = context.lang
        let isNew = model.recordID == nil
        return RecordForm.page(
            context, title: isNew ? context.t("新建用户", "New user") : context.t("编辑用户", "Edit user"),
            errors: model.errors, action: model.recordID.map(Site.user) ?? Site.users, cancel: model.recordID.map(Site.user) ?? Site.users,
            FormField.text("username", label: context.t("用户名", "Username"), value: model.values.username, errors: model.errors, lang: lang, required: true, maxLength: 50,
                           hint: context.t("3–50 位小写字母、数字或 . _ -", "3–50 lowercase letters, digits, . _ -")),
            FormField.text("displayName", label: context.t("姓名", "Name"), value: model.values.displayName, errors: model.errors, lang: lang, required: true, maxLength: 50),
            FormField.select("unitId", label: context.t("所属单位", "Unit"), options: model.options, selected: model.values.unitId.map(String.init),
                             errors: model.errors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
            FormField.checkboxes("roles", label: context.t("角色", "Roles"), options: Role.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                                 checked: Set(model.values.roles ?? []), errors: model.errors, lang: lang),
            FormField.text("email", label: context.t("邮箱", "E-mail"), value: model.values.email, errors: model.errors, lang: lang, type: .email),
            FormField.text("phone", label: context.t("电话", "Phone"), value: model.values.phone, errors: model.errors, lang: lang),
            .if(isNew, FormField.text("password", label: context.t("初始密码", "Initial password"), value: "", errors: model.errors, lang: lang, required: true,
                                      type: .password, hint: context.t("至少 10 个字符，不能包含用户名，不能是常见密码", "At least 10 characters, not the username, not a common password")))
        )
    }
}
