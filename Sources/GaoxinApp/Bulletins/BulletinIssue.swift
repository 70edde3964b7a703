import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// Drawing a month's bulletin: checked, then built as a job whose progress any server can show,
/// then stored (replacing the month's earlier one) with an audit entry — the office's work.
enum BulletinIssue {
    static let entity = "bulletin"
    static let policy = Policies.officeRegisters
    static let defaultIssuer = "产业集群发展领导小组办公室"

    struct Checked: Sendable {
        let month: Period
        let issuer: String
        let number: Int
    }

    /// The month must have begun (and be of 1991 or later: its year before must be a month the
    /// product holds); the issuer (default: the office's own unit) and number (default:
    /// the month's) are checked like any form.
    static func check(_ month: Period, _ input: BulletinInput, actor: Actor, now: Date) throws -> Checked {
        var v = FieldValidator()
        if month > IndicatorWrites.currentPeriod(now) {
            v.add(.invalid("month", zh: "\(month) 尚未开始，不能生成通报", en: "\(month) has not begun"))
        } else if month.year < 1991 {
            // The bulletin compares with the year before; the programme's months start in 1990.
            v.add(.invalid("month", zh: "\(month) 早于 1991 年，不能生成通报", en: "\(month) is before 1991"))
        }
        let issuer = v.optionalText("issuer", input.issuer, label: "发文单位", labelEn: "Issuer", max: 100)
        if let number = input.number, !(1...999).contains(number) {
            v.add(.invalid("number", zh: "期号应为 1–999 的整数", en: "The number is a whole number from 1 to 999"))
        }
        try v.throwIfInvalid()
        return Checked(month: month, issuer: issuer ?? actor.unitName, number: input.number ?? month.month)
    }

    static func start(_ month: Period, _ input: BulletinInput, _ req: Request) async throws -> Job {
        let actor = try req.requireActor()
        let checked = try check(month, input, actor: actor, now: req.now)
        let job = try await JobRunner.create(kind: "bulletin:\(month)", createdBy: actor.userID, input: nil, inputName: nil, on: req.db, now: req.now)
        let app = req.application
        let address = req.clientAddress
        JobRunner.start(job, app: app) { progress in
            try await progress.report(phase: "drawing", progress: 0, total: BulletinBuilder.steps, force: true)
            let builder = BulletinBuilder(month: checked.month, issuer: checked.issuer, number: checked.number, now: app.clock.now(), db: app.db,
                                          report: { step, steps in try? await progress.report(phase: "drawing", progress: step, total: steps, force: true) })
            let content = try await builder.build()
            try await store(content, actor: actor, address: address, at: app.clock.now(), on: app.db)
            return .succeeded(message: "已生成\(content.header.month)通报（\(content.numberText)\(content.header.final ? "" : "，预览稿")）", resultJSON: nil)
        }
        return job
    }

    /// Keeps the month's bulletin (one per month), audited.
    static func store(_ content: BulletinContent, actor: Actor?, address: String?, at: Date, on db: Database) async throws {
        let json = String(decoding: try content.encoded(), as: UTF8.self)
        try await db.transaction { tx in
            let existing = try await BulletinRecord.query(on: tx).filter(\.$month == content.header.month).first()
            let record = existing ?? BulletinRecord()
            let before = existing.map(BulletinSnapshot.init)
            record.month = content.header.month
            record.number = content.header.number
            record.issuer = content.header.issuer
            record.final = content.header.final
            record.contentJSON = json
            record.generatedAt = at
            record.userID = actor?.userID
            record.userName = actor?.displayName ?? "系统"
            try await record.save(on: tx)
            try await AuditLog.record(on: tx, at: at, actor: actor, address: address, action: existing == nil ? .create : .update, entity: entity,
                                      entityID: content.header.month, summary: "生成\(content.header.month)通报（\(content.numberText)）",
                                      before: before, after: BulletinSnapshot(record))
        }
    }

    static func record(_ month: Period, on db: Database) async throws -> BulletinRecord? {
        try await BulletinRecord.query(on: db).filter(\.$month == month.description).first()
    }
}

/// What the audit log keeps of a bulletin drawn: its place, not its content.
struct BulletinSnapshot: Codable, Sendable {
    let month: String
    let number: Int
    let issuer: String
    let final: Bool
    /// When it was drawn: a regeneration differs from its predecessor at least here.
    let generatedAt: Date

    init(_ record: BulletinRecord) {
        month = record.month
        number = record.number
        issuer = record.issuer
        final = record.final
        generatedAt = record.generatedAt
    }
}

struct BulletinInput: Content, APISchema {
    var issuer: String?
    var number: Int?

    static let schemaName = "BulletinInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "issuer": .string(required: false, nullable: true, description: "发文单位；默认为生成人所在单位", maxLength: 100),
            "number": .integer(required: false, nullable: true, description: "期号；默认为月份数", maximum: (999, exclusive: false), minimum: (1, exclusive: false)),
        ])
    }
}
