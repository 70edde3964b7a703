import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// "My work" and reminders (issue 13 §8): the dashboard lists what is overdue or coming due for the
/// user's unit; a daily digest goes by e-mail (a small SMTP client, checked against a real SMTP
/// sink) and to a webhook, through a queue in the database that survives a restart, retries with
/// back-off and delivers each reminder once — with two servers sending at the same time.
final class ReminderTests: XCTestCase {
    // MARK: The pure parts

    func testRepliesAreReadAcrossPacketsAndContinuationLines() {
        var parser = SMTPReplyParser()
        parser.append(Array("220 sink ready\r\n250-sink\r\n250-SIZE 33554432\r".utf8))
        XCTAssertEqual(parser.next(), .init(code: 220, text: "220 sink ready"))
        XCTAssertNil(parser.next(), "a continued reply is not complete until its last line")
        parser.append(Array("\n250 HELP\r\n".utf8))
        XCTAssertEqual(parser.next(), .init(code: 250, text: "250-sink / 250-SIZE 33554432 / 250 HELP"))
        XCTAssertNil(parser.next())
    }

    func testAMessageCarriesAChineseSubjectAndBodyIntact() throws {
        let subject = "【高新】集成电路招商团队待办提醒 2026-09-21：已逾期 1 项，即将到期 2 项"
        let message = MailMessage(from: "gaoxin@zone.cn", to: "team@zone.cn", subject: subject, body: "第一行\n.以点开头的一行\n",
                                  messageID: "email.7.2026-09-21@gaoxin", date: Fixtures.startOfTest)
        let text = message.rendered
        XCTAssertTrue(text.allSatisfy(\.isASCII), "7-bit clean for any relay")
        XCTAssertFalse(text.split(separator: "\r\n").contains { $0.hasPrefix(".") }, "no line can end DATA early")
        XCTAssertTrue(text.contains("Message-ID: <email.7.2026-09-21@gaoxin>"))
        let words = text.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { !$0.hasPrefix("Date:") }
            .joined().replacingOccurrences(of: "Subject: ", with: "")
            .components(separatedBy: "?=").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertTrue(words.allSatisfy { $0.trimmingCharacters(in: .whitespaces).count + 2 <= 75 }, "encoded words within RFC 2047's 75 characters")
        let decoded = words.map { word -> String in
            let base64 = word.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "=?UTF-8?B?", with: "")
            return String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
        }.joined()
        XCTAssertEqual(decoded, subject)
        let body = text.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        XCTAssertEqual(String(decoding: Data(base64Encoded: body) ?? Data(), as: UTF8.self), "第一行\n.以点开头的一行\n")
    }

    func testReminderSettingsAreCheckedAtBoot() {
        XCTAssertThrowsError(try AppConfig.fromEnvironment(["GAOXIN_WEBHOOK_URL": "ftp://robot"])) {
            XCTAssertTrue(String(describing: $0).contains("GAOXIN_WEBHOOK_URL"))
        }
        XCTAssertThrowsError(try AppConfig.fromEnvironment(["GAOXIN_SMTP_HOST": "mail", "GAOXIN_SMTP_USERNAME": "u"]), "a user name without a password")
        XCTAssertThrowsError(try AppConfig.fromEnvironment(["GAOXIN_SMTP_FROM": "王主任 <x@y.cn>"]), "a bare address only")
        let config = try? AppConfig.fromEnvironment(["GAOXIN_SMTP_HOST": "mail.zone.cn", "GAOXIN_SMTP_PORT": "465", "GAOXIN_SMTP_TLS": "true", "GAOXIN_REMINDER_HOUR": "9"])
        XCTAssertEqual(config?.reminders.smtpPort, 465)
        XCTAssertEqual(config?.reminders.smtpTLS, true)
        XCTAssertEqual(config?.reminders.hour, 9)
        XCTAssertEqual(config?.reminders.enabled, true)
        XCTAssertEqual(try? AppConfig.fromEnvironment([:]).reminders.enabled, false, "nothing configured, nothing queued")
    }

    // MARK: My work

    /// An overdue obstacle assigned to the team, one due in five days for the other team.
    private func dueWork(_ app: Application, _ fixtures: Fixtures) async throws {
        let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let project = try parseJSONObject(try await AttractionRequests.project(office, "XM-R", unit: fixtures.otherTeam, investment: 10_000))["id"] as! Int
        for (code, unit, due) in [("WT-R1", fixtures.team, "2026-09-10"), ("WT-R2", fixtures.otherTeam, "2026-09-26")] {
            let created = try await office.send(.POST, RegisterDeclaration.obstacles.apiPath, body: [
                "code": code, "title": "问题\(code)", "projectId": project, "kind": "power", "owningUnitId": unit, "dueOn": due, "status": "open"])
            XCTAssertEqual(created.status, .created, created.text)
        }
    }

    func testMyWorkListsWhatIsDueForTheUsersUnitAndLinksTheFilteredList() async throws {
        try await withApp { app, fixtures in
            try await dueWork(app, fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let work = try parseJSONObject(try await team.send(.GET, "/api/v1/my-work"))
            let groups = try XCTUnwrap(work["groups"] as? [[String: Any]])
            XCTAssertEqual(groups.map { $0["register"] as? String }, ["obstacles"], "the team's own unit only")
            XCTAssertEqual(groups.first?["overdue"] as? Int, 1)
            XCTAssertEqual(groups.first?["dueSoon"] as? Int, 0)
            let list = try XCTUnwrap(groups.first?["overduePath"] as? String)
            let listed = try parseJSONObject(try await team.send(.GET, "/api/v1" + list))
            XCTAssertEqual((listed["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["WT-R1"], "the link lists exactly what was counted")
            let zone = try parseJSONObject(try await APIClient.forRole(.office, app: app, fixtures: fixtures).send(.GET, "/api/v1/my-work"))
            let zoneObstacles = try XCTUnwrap((zone["groups"] as? [[String: Any]])?.first { $0["register"] as? String == "obstacles" })
            XCTAssertEqual([zoneObstacles["overdue"] as? Int, zoneObstacles["dueSoon"] as? Int], [1, 1], "the zone office's unit holds both teams")
            let page = try await Browser.signedIn(app, as: .unit).get("/")
            XCTAssertTrue(page.text.contains("我的待办") && page.text.contains("问题WT-R1") && page.text.contains("已逾期 1"), page.text)
            let auditor = try parseJSONObject(try await APIClient.forRole(.auditor, app: app, fixtures: fixtures).send(.GET, "/api/v1/my-work"))
            XCTAssertEqual((auditor["groups"] as? [[String: Any]])?.count, 0, "no programme register to read, nothing listed")
        }
    }

    // MARK: Delivery

    private func server(_ url: String, _ adjust: (inout AppConfig) -> Void) async throws -> Application {
        let config = testConfig(url, adjust)
        let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
        app.useClock(AppClock(frozenAt: Fixtures.startOfTest))
        try configure(app, config: config)
        app.logger.logLevel = .warning
        return app
    }

    func testADigestReachesTheSMTPSinkExactlyOnceAcrossARestartAndTwoSenders() async throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let (url, cleanup) = try await TestDatabase.fresh()
        let smtp: (inout AppConfig) -> Void = {
            $0.reminders.smtpHost = "127.0.0.1"
            $0.reminders.smtpPort = sink.port
            $0.reminders.smtpFrom = "gaoxin@zone.cn"
            $0.reminders.publicURL = "https://gaoxin.zone.cn/"
        }
        var apps: [Application] = []
        do {
            let first = try await server(url, smtp)
            apps.append(first)
            let fixtures = try await Fixtures.load(first)
            try await dueWork(first, fixtures)
            let sql = first.db as! any SQLDatabase
            try await sql.raw("UPDATE users SET email = NULL").run()
            try await sql.raw("UPDATE users SET email = 'team@zone.cn' WHERE id = \(bind: fixtures.users[.unit]!)").run()
            // The first server plans the day and stops before sending.
            let planned = try await ReminderPlanner.planDay(today: "2026-09-21", now: Fixtures.startOfTest, config: first.gaoxinConfig.reminders, on: sql)
            XCTAssertEqual(planned, .init(planned: true, queued: 1))
            try await first.asyncShutdown()
            apps.removeAll()

            // Two servers come up on the database and run their rounds at once.
            let second = try await server(url, smtp), third = try await server(url, smtp)
            apps += [second, third]
            async let a = ReminderRound.run(app: second, owner: "server-b")
            async let b = ReminderRound.run(app: third, owner: "server-c")
            let rounds = try await [a, b]
            XCTAssertEqual(rounds.map(\.queued), [0, 0], "the day was planned already")
            XCTAssertEqual(rounds.map(\.sent).reduce(0, +), 1, "one of them sent it")
            try await AssertAsync.equal(try await ReminderRound.run(app: second, owner: "server-b"), .init(queued: 0, sent: 0, failed: 0))

            let messages = try sink.messages()
            XCTAssertEqual(messages.count, 1, "delivered exactly once")
            let message = try XCTUnwrap(messages.first)
            XCTAssertTrue(message.contains("To: team@zone.cn"))
            XCTAssertTrue(message.contains("Message-ID: <email.\(fixtures.users[.unit]!).2026-09-21@gaoxin>"))
            let body = try XCTUnwrap(message.components(separatedBy: "\n\n").dropFirst().first ?? message.components(separatedBy: "\r\n\r\n").dropFirst().first)
            let text = String(decoding: Data(base64Encoded: body.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")) ?? Data(), as: UTF8.self)
            XCTAssertTrue(text.contains("问题WT-R1（解决时限 2026-09-10，已逾期）"), text)
            XCTAssertTrue(text.contains("https://gaoxin.zone.cn/obstacles?owningUnitId=\(fixtures.team)&timeliness=expired"), text)
            XCTAssertFalse(text.contains("WT-R2"), "the other team's obstacle is not the team's")
            let row = try await (second.db as! any SQLDatabase).raw("SELECT status, attempts FROM reminders").first()
            XCTAssertEqual(try row?.decode(column: "status", as: String.self), "sent")
            XCTAssertEqual(try row?.decode(column: "attempts", as: Int.self), 1)
        } catch {
            for app in apps { try? await app.asyncShutdown() }
            try? await cleanup()
            throw error
        }
        for app in apps { try await app.asyncShutdown() }
        try await cleanup()
    }

    func testAWebhookThatTimesOutOrAnswers500IsRetriedWithBackOffAndDeliveredOnce() async throws {
        let receiver = WebhookReceiver(answers: [.init(status: .ok, delaySeconds: 3), .init(status: .internalServerError), .init(status: .ok)])
        try await receiver.start()
        do {
            try await withApp(configure: {
                $0.reminders.webhookURL = "http://127.0.0.1:\(receiver.port)/hook"
                $0.reminders.timeoutSeconds = 1
            }) { app, fixtures in
                try await dueWork(app, fixtures)
                let timedOut = try await ReminderRound.run(app: app, owner: "server-a")
                XCTAssertEqual(timedOut, .init(queued: 1, sent: 0, failed: 1))
                let sql = app.db as! any SQLDatabase
                func stored() async throws -> (status: String, attempts: Int, next: Double, error: String?) {
                    let row = try await sql.raw("SELECT status, attempts, next_attempt_at, last_error FROM reminders").first()!
                    return (try row.decode(column: "status", as: String.self), try row.decode(column: "attempts", as: Int.self),
                            try row.decode(column: "next_attempt_at", as: Double.self), try row.decode(column: "last_error", as: String?.self))
                }
                let afterTimeout = try await stored()
                XCTAssertEqual(afterTimeout.status, "pending")
                XCTAssertEqual(afterTimeout.next, Fixtures.startOfTest.timeIntervalSince1970 + 60, "a minute's back-off")
                try await AssertAsync.equal(try await ReminderRound.run(app: app, owner: "server-a"), .init(queued: 0, sent: 0, failed: 0), "not before the back-off")

                app.clock.advance(by: 61)
                try await AssertAsync.equal(try await ReminderRound.run(app: app, owner: "server-a"), .init(queued: 0, sent: 0, failed: 1))
                let afterError = try await stored()
                XCTAssertEqual(afterError.attempts, 2)
                XCTAssertEqual(afterError.next, Fixtures.startOfTest.timeIntervalSince1970 + 61 + 240, "four minutes after the second attempt")
                XCTAssertTrue(afterError.error?.contains("500") ?? false, "\(String(describing: afterError.error))")

                app.clock.advance(by: 241)
                try await AssertAsync.equal(try await ReminderRound.run(app: app, owner: "server-a"), .init(queued: 0, sent: 1, failed: 0))
                try await AssertAsync.equal(try await stored().status, "sent")
                app.clock.advance(by: 3600)
                try await AssertAsync.equal(try await ReminderRound.run(app: app, owner: "server-a"), .init(queued: 0, sent: 0, failed: 0), "sent once, planned once a day")
                XCTAssertEqual(receiver.received.count, 3, "three attempts reached the receiver")
                let json = try JSONSerialization.jsonObject(with: Data(receiver.received[2].utf8)) as? [String: Any]
                XCTAssertEqual(json?["msgtype"] as? String, "text")
                let content = (json?["text"] as? [String: Any])?["content"] as? String ?? ""
                XCTAssertTrue(content.contains("全区待办提醒 2026-09-21：已逾期 1 项，即将到期 1 项") && content.contains("问题WT-R2"), content)
            }
        } catch {
            try? await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }
}
