import Vapor

/// `gaoxin reminders`: one round by hand — plans today's digests (once the configured hour has
/// come; once per day whoever runs it) and sends what the queue holds due. A server does the
/// same every half minute; this is for cron-style deployments and for checking the settings.
struct RemindersCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "生成当日待办提醒并发送到期的提醒 (plan today's reminders and send the due ones)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        guard app.gaoxinConfig.reminders.enabled else {
            context.console.print("未配置 GAOXIN_SMTP_HOST 或 GAOXIN_WEBHOOK_URL，没有提醒可发 (no reminder channel configured)")
            return
        }
        let outcome = try await ReminderRound.run(app: app, owner: "cli-\(UUID().uuidString.prefix(8))")
        context.console.print("新排入 \(outcome.queued) 条，已发送 \(outcome.sent) 条，失败待重试 \(outcome.failed) 条")
    }
}
