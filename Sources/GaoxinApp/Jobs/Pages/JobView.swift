import Plot

/// A job's progress; refreshes itself every two seconds while it runs (no JavaScript needed).
enum JobView {
    static func render(_ context: PageContext, _ job: JobDTO) -> HTML {
        let running = job.status == JobStatus.queued.rawValue || job.status == JobStatus.running.rawValue
        let percent = job.total > 0 ? min(100, job.progress * 100 / job.total) : (running ? 0 : 100)
        let status = JobStatus(rawValue: job.status)
        return Page.render(
            context, title: context.t("任务 #\(job.id)", "Job #\(job.id)"), refreshSeconds: running ? 2 : nil,
            .dl(.class("facts"),
                .unwrap(what(job, context)) { .group(.dt(.text(context.t("内容", "What"))), .dd(.text($0))) },
                .unwrap(job.fileName) { .group(.dt(.text(context.t("文件", "File"))), .dd(.text($0))) },
                .dt(.text(context.t("提交时间", "Submitted"))), .dd(.text(DisplayFormat.dateTime(job.createdAt))),
                .dt(.text(context.t("状态", "Status"))), .dd(.id("job-status"), .data(named: "status", value: job.status), .text(status.map { context.t($0.nameZh, $0.rawValue) } ?? job.status)),
                .dt(.text(context.t("阶段", "Phase"))), .dd(.text(phaseName(job.phase, context.lang))),
                .dt(.text(context.t("进度", "Progress"))), .dd(
                    .element(named: "progress", nodes: [.attribute(named: "max", value: "100"), .attribute(named: "value", value: "\(percent)"), .text("\(percent)%")]),
                    .text(" \(job.progress) / \(job.total)")),
                .dt(.text(context.t("结果", "Result"))), .dd(.text(job.message ?? "—"))),
            .unwrap(job.errors.flatMap { $0.isEmpty ? nil : $0 }) { errors in
                .group(
                    .h2(.text(context.t("有问题的行（共 \(errors.count) 处，未写入任何数据）", "Rows with problems (\(errors.count); nothing was written)"))),
                    .p(.a(.href(Site.jobErrors(job.id, format: "xlsx")), .text(context.t("下载错误清单 Excel", "Download errors (xlsx)"))), .text(" · "),
                       .a(.href(Site.jobErrors(job.id, format: "csv")), .text(context.t("下载错误清单 CSV", "Download errors (CSV)")))),
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text(context.t("行号", "Row"))), .th(.text(context.t("列", "Column"))), .th(.text(context.t("值", "Value"))), .th(.text(context.t("原因", "Reason"))))),
                        .tbody(.forEach(errors.prefix(1000)) { error in
                            .tr(.td(.text(error.row > 0 ? "\(error.row)" : error.place(context.lang))), .td(.text(error.column)), .td(.text(error.value)), .td(.text(error.reason)))
                        })))
                )
            },
            backLink(job, context)
        )
    }

    /// Where the job's work is seen: the bulletin it drew, or the import page.
    static func backLink(_ job: JobDTO, _ context: PageContext) -> Node<HTML.BodyContext> {
        if let month = bulletinMonth(job) {
            return .p(.a(.href(BulletinPages.path + "/\(month)"), .text(context.t("查看 \(month) 通报", "The \(month) bulletin"))))
        }
        return .p(.a(.href(Site.imports), .text(context.t("返回导入页", "Back to imports"))))
    }

    static func bulletinMonth(_ job: JobDTO) -> String? {
        job.kind.hasPrefix("bulletin:") ? String(job.kind.dropFirst("bulletin:".count)) : nil
    }

    /// "导入 企业名录" for an import job, from its kind `import:<register>`; "生成 2026-08 通报" for a bulletin.
    static func what(_ job: JobDTO, _ context: PageContext) -> String? {
        if let month = bulletinMonth(job) { return context.t("生成 \(month) 通报", "Drawing the \(month) bulletin") }
        guard job.kind.hasPrefix("import:"), let register = ImportRegisters.find(String(job.kind.dropFirst("import:".count))) else { return nil }
        return context.t("导入" + register.titleZh, "Import of " + register.titleEn.lowercased())
    }

    static func phaseName(_ phase: String, _ lang: UILanguage) -> String {
        switch phase {
        case "queued": return lang.t("排队", "Queued")
        case "reading": return lang.t("读取文件", "Reading file")
        case "validating": return lang.t("逐行校验", "Validating rows")
        case "writing": return lang.t("写入数据", "Writing")
        case "drawing": return lang.t("汇总各部分", "Drawing the sections")
        case "done": return lang.t("结束", "Done")
        default: return phase
        }
    }
}
