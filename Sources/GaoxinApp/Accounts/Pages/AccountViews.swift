import GaoxinDomain
import Plot

enum SignInView {
    static func render(_ context: PageContext, username: String, message: String?, next: String) -> HTML {
        Page.render(
            context, title: context.t("登录", "Sign in"),
            .div(.class("signin"),
                 .unwrap(message) { .p(.class("form-errors"), .attribute(named: "role", value: "alert"), .text($0)) },
                 .form(.method(.post), .action(Site.signIn),
                       Page.csrf(context),
                       .input(.type(.hidden), .name("next"), .value(next.escapedForAttribute)),
                       .div(.class("field"), .label(.for("username"), .text(context.t("用户名", "Username"))),
                            .input(.type(.text), .id("username"), .name("username"), .value(username), .autofocus(true), .attribute(named: "autocomplete", value: "username"))),
                       .div(.class("field"), .label(.for("password"), .text(context.t("密码", "Password"))),
                            .input(.type(.password), .id("password"), .name("password"), .attribute(named: "autocomplete", value: "current-password"))),
                       .div(.class("actions"), .button(.type(.submit), .text(context.t("登录", "Sign in"))))))
        )
    }
}

enum TokenViews {
    static func table(_ context: PageContext, _ tokens: [TokenDTO], revokePath: ((Int) -> String)?) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(
            .thead(.tr(.th(.text(context.t("名称", "Name"))), .th(.text(context.t("前缀", "Prefix"))), .th(.text(context.t("权限", "Scope"))),
                       .th(.text(context.t("创建时间", "Created"))), .th(.text(context.t("最近使用", "Last used"))), .th(.text(context.t("状态", "Status"))),
                       .if(revokePath != nil, Print.actionHeading("")))),
            .tbody(
                .if(tokens.isEmpty, .tr(.td(.attribute(named: "colspan", value: "7"), .class("empty"), .text(context.t("尚无令牌", "No tokens yet"))))),
                .forEach(tokens) { token in
                    .tr(.td(.text(token.name)), .td(.code(.text(token.prefix + "…"))),
                        .td(.text(token.readOnly ? context.t("只读", "Read only") : context.t("与账号相同", "Same as account"))),
                        .td(.text(DisplayFormat.dateTime(token.createdAt))), .td(.text(token.lastUsedAt.map(DisplayFormat.dateTime) ?? "—")),
                        .td(.text(token.revokedAt == nil ? context.t("有效", "Active") : context.t("已吊销", "Revoked"))),
                        .unwrap(revokePath) { path in
                            Print.actionCell(.if(token.revokedAt == nil, .form(.class("inline"), .method(.post), .action(path(token.id)), Page.csrf(context),
                                                                  .button(.type(.submit), .class("link"), .text(context.t("吊销", "Revoke"))))))
                        })
                })
        ))
    }
}

enum AccountView {
    struct Model {
        var user: RegisterRecord
        var tokens: [TokenDTO]
        var newSecret: String?
        var errors: [FieldError]
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let lang = context.lang
        return Page.render(
            context, title: context.t("我的账号", "My account"),
            .dl(.class("facts"),
                .forEach(["username", "displayName", "unitId", "roles"].compactMap(RegisterDeclaration.users.field)) { field in
                    .group(.dt(.text(field.label(lang))), .dd(.text(RegisterDisplay.text(field, model.user, lang))))
                }),
            FormField.section(context.t("修改密码", "Change password"), level: 2,
            .form(.class("record"), .method(.post), .action(Site.accountPassword), Page.csrf(context),
                  FormField.text("currentPassword", label: context.t("当前密码", "Current password"), value: "", errors: model.errors, lang: lang, required: true, type: .password),
                  FormField.text("newPassword", label: context.t("新密码", "New password"), value: "", errors: model.errors, lang: lang, required: true, type: .password,
                                 hint: context.t("至少 10 个字符，不能包含用户名，不能是常见密码。修改后，您的全部 API 令牌将被吊销，对接系统需换用新令牌。",
                                                 "At least 10 characters, not the username, not a common password. Changing it revokes all your API tokens; integrations need new ones.")),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("修改密码", "Change password")))))),
            .h2(.text(context.t("API 令牌", "API tokens"))),
            .p(.class("hint"), .text(context.t("令牌用于系统对接，请求头写作 Authorization: Bearer <令牌>。令牌只在创建时显示一次。",
                                              "Tokens are for integrations: send Authorization: Bearer <token>. A token is shown once, when created."))),
            .unwrap(model.newSecret) { secret in
                .div(.class("notice secret"), .p(.text(context.t("新令牌（请立即复制保存，离开本页后无法再次查看）：", "New token (copy it now; it will not be shown again):"))),
                     .p(.code(.id("new-token"), .text(secret))))
            },
            TokenViews.table(context, model.tokens, revokePath: Site.accountTokenRevoke),
            .form(.class("record"), .method(.post), .action(Site.accountTokens), Page.csrf(context),
                  FormField.text("name", label: context.t("新令牌名称", "New token name"), value: "", errors: model.errors, lang: lang, required: true, maxLength: 100),
                  .div(.class("field"), .label(.input(.type(.checkbox), .name("readOnly"), .value("1")), .text(context.t(" 只读（不能修改数据）", " Read only (cannot change data)")))),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("创建令牌", "Create token")))))
        )
    }
}
