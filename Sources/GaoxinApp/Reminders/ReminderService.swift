import Foundation
import SQLKit
import Vapor

/// Delivers a claimed reminder: e-mail through `SMTPClient`, the webhook as a work-chat robot's
/// text message (`{"msgtype":"text","text":{"content":…}}`, the shape WeCom and DingTalk robots
/// take) — anything but a 2xx answer within the timeout is a failure the queue retries.
struct ReminderDelivery: Sendable {
    let config: ReminderConfig
    let client: any Client

    func deliver(_ reminder: ReminderQueue.Claimed, now: Date) async throws {
        switch reminder.channel {
        case "email":
            let message = MailMessage(from: config.smtpFrom, to: reminder.recipient, subject: reminder.subject, body: reminder.body,
                                      messageID: reminder.key.replacingOccurrences(of: ":", with: ".") + "@gaoxin", date: now)
            try await SMTPClient(config).send(message)
        case "webhook":
            var request = ClientRequest(method: .POST, url: URI(string: reminder.recipient))
            request.timeout = .seconds(Int64(config.timeoutSeconds))
            try request.content.encode(WebhookText(content: reminder.subject + "\n\n" + reminder.body))
            let response = try await client.send(request)
            guard (200..<300).contains(response.status.code) else {
                throw Abort(.badGateway, reason: "Webhook 答复 \(response.status.code)")
            }
        default:
            throw Abort(.internalServerError, reason: "未知的提醒渠道 \(reminder.channel)")
        }
    }

    struct WebhookText: Content {
        struct Text: Content { var content: String }
        var msgtype = "text"
        var text: Text
        init(content: String) { text = Text(content: content) }
    }
}

/// One round: plan today's digests once the hour has come, then send what is due.
enum ReminderRound {
    struct Outcome: Equatable {
        var queued: Int
        var sent: Int
        var failed: Int
    }

    static func run(app: Application, owner: String) async throws -> Outcome {
        let config = app.gaoxinConfig.reminders
        guard config.enabled else { return Outcome(queued: 0, sent: 0, failed: 0) }
        let sql = app.db as! any SQLDatabase
        let now = app.clock.now()
        var queued = 0
        if DisplayFormat.hour(now) >= config.hour {
            queued = try await ReminderPlanner.planDay(today: DisplayFormat.day(now), now: now, config: config, on: sql).queued
        }
        let delivery = ReminderDelivery(config: config, client: app.client)
        let clock = app.clock
        let (sent, failed) = try await ReminderQueue.sendDue(owner: owner, now: { clock.now() }, on: sql) { reminder in
            try await delivery.deliver(reminder, now: clock.now())
        }
        return Outcome(queued: queued, sent: sent, failed: failed)
    }
}

/// On a serving process with reminders configured: a round every half minute.
struct ReminderService: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()
    /// This process's name in the queue's leases.
    let owner = "server-\(UUID().uuidString.prefix(8))"

    func didBootAsync(_ application: Application) async throws {
        guard application.gaoxinConfig.reminders.enabled, JobSweeper.sweepsPeriodically(arguments: application.environment.arguments) else { return }
        let owner = self.owner
        box.task = Task.detached {
            while true {
                do {
                    _ = try await ReminderRound.run(app: application, owner: owner)
                } catch {
                    application.logger.warning("提醒发送轮次失败：\(error)")
                }
                do { try await Task.sleep(nanoseconds: 30_000_000_000) } catch { return }
            }
        }
    }

    func shutdown(_ application: Application) { box.task?.cancel() }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
        await box.task?.value
    }
}
