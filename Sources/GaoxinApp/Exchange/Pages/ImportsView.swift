import Plot

enum ImportsView {
    struct RegisterInfo {
        let key: String
        let title: String
        let columns: [RegisterColumn]
        var exportsData = false
    }

    /// The page shows only messages it knows: the redirect names a problem by key, so a link
    /// cannot put arbitrary words into the alert box.
    static func uploadProblem(_ key: String) -> (zh: String, en: String)? {
        switch key {
        case "noFile": return ("请选择要导入的文件", "Choose a file to import")
        case "emptyFile": return ("所选文件是空的（0 字节）", "The chosen file is empty (0 bytes)")
        default: return nil
        }
    }

    static func render(_ context: PageContext, registers: [RegisterInfo], recent: [JobDTO], error: String?) -> HTML {
        Page.render(
            context, title: context.t("导入导出", "Import and export"),
            .p(.class("hint"), .text(context.t("支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK/GB18030）。导入先逐行校验，全部通过才一次性写入；有任何问题则不写入并列出每一处问题。",
                                              "xlsx and CSV (UTF-8 or GBK/GB18030). Every row is checked first; all rows are written at once, or none and every problem is listed."))),
            .unwrap(error.flatMap(uploadProblem)) { .div(.class("form-errors"), .attribute(named: "role", value: "alert"), .text(context.t($0.zh, $0.en))) },
            .forEach(registers) { register in
                .section(.class("register " + Print.hidden),
                    .h2(.text(register.title)),
                    .p(.text(context.t("模板：", "Template: ")),
                       .a(.href(Site.importTemplate(register.key, format: "xlsx")), .text("Excel")), .text(" · "),
                       .a(.href(Site.importTemplate(register.key, format: "csv")), .text("CSV")),
                       .if(register.exportsData, .group(
                           .text(context.t(" · 现有数据（可修改后重新导入）：", " · Current data (edit and import back): ")),
                           .a(.href(Site.importData(register.key, format: "xlsx")), .text("Excel")), .text(" · "),
                           .a(.href(Site.importData(register.key, format: "csv")), .text("CSV"))))),
                    .details(.summary(.text(context.t("列说明", "Columns"))),
                             .ul(.forEach(register.columns) { column in
                                 // Files keep the Chinese heading (the English one is accepted too).
                                 .li(.strong(.text(column.zh + (column.required ? "*" : ""))),
                                     .if(context.lang == .en, .text(" (\(column.en))")),
                                     .text(column.note.isEmpty ? "" : context.t("：", ": ") + column.note(context.lang)))
                             })),
                    .form(.method(.post), .action(Site.importUpload(register.key)), .enctype(.multipartData),
                          Page.csrf(context),
                          .input(.type(.file), .name("file"), .attribute(named: "accept", value: ".xlsx,.csv"), .attribute(named: "aria-label", value: context.t("选择文件", "Choose file"))),
                          .button(.type(.submit), .text(context.t("上传并导入", "Upload and import")))))
            },
            .h2(.text(context.t("我最近的导入", "My recent imports"))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text("#")), .th(.text(context.t("类型", "Kind"))), .th(.text(context.t("状态", "Status"))), .th(.text(context.t("结果", "Result"))))),
                .tbody(
                    .if(recent.isEmpty, .tr(.td(.attribute(named: "colspan", value: "4"), .class("empty"), .text(context.t("暂无", "None"))))),
                    .forEach(recent) { job in
                        .tr(.td(.a(.href(Site.job(job.id)), .text("\(job.id)"))), .td(.text(JobView.what(job, context) ?? job.kind)),
                            .td(.text(JobStatus(rawValue: job.status).map { context.t($0.nameZh, $0.rawValue) } ?? job.status)), .td(.text(job.message ?? "")))
                    })))
        )
    }
}
