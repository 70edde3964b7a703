import Fluent
import Foundation
import GaoxinSheets
import Vapor

/// Accepts an upload, records it as a job, and runs read → validate → write in the background.
enum ImportJob {
    static func start(register: any ImportRegister, data: Data, fileName: String?, _ req: Request) async throws -> Job {
        let actor = try req.requireActor()
        let limit = req.application.gaoxinConfig.importMaxBytes
        guard data.count <= limit else { throw AppError.tooLarge(SheetError.tooLarge(limit: limit).messageZh) }
        guard !data.isEmpty else { throw AppError.badRequest("请选择要导入的文件", field: "file") }
        let job = try await JobRunner.create(kind: "import:\(register.key)", createdBy: actor.userID, input: nil,
                                             inputName: fileName, on: req.db, now: req.now)
        let app = req.application
        let address = req.clientAddress
        let password = app.password
        JobRunner.start(job, app: app) { progress in
            let context = ImportContext(db: app.db, actor: actor, address: address, clock: app.clock,
                                        passwords: { try await password.async.hash($0) }, progress: progress)
            return try await run(register: register, data: data, fileName: fileName, limit: limit, context: context)
        }
        return job
    }

    /// The whole import; also called directly by the CLI and tests.
    static func run(register: any ImportRegister, data: Data, fileName: String?, limit: Int, context: ImportContext) async throws -> JobOutcome {
        let started = DispatchTime.now().uptimeNanoseconds
        await context.report("reading", 0, 1)
        var limits = SheetLimits.default
        limits.maxFileBytes = limit
        let parsed: SheetParsing.Parsed
        do {
            parsed = try SheetParsing.parse(data, name: fileName, register: register, limits: limits)
        } catch let error as AppError {
            return .failed(message: error.message, resultJSON: json(ImportResult(inserted: 0, errors: [ImportRowError(row: 0, column: "", value: fileName ?? "", reason: error.message)])))
        }
        var errors = parsed.errors
        if errors.isEmpty {
            errors = try await register.validate(parsed.rows, context: context)
        }
        await context.report("validating", parsed.rows.count, parsed.rows.count)
        if !errors.isEmpty {
            // Row by row, and within a row in the order of the template's columns.
            let order = Dictionary(register.columns.enumerated().map { ($1.zh, $0) }, uniquingKeysWith: { first, _ in first })
            errors = errors.enumerated().sorted { a, b in
                (a.element.row, order[a.element.column] ?? Int.max, a.offset) < (b.element.row, order[b.element.column] ?? Int.max, b.offset)
            }.map(\.element)
            let message = "发现 \(errors.count) 处问题，未写入任何数据。请修改后重新导入。"
            return .failed(message: message, resultJSON: json(ImportResult(inserted: 0, errors: errors)))
        }
        let prepared = try await register.prepare(parsed.rows, context: context)
        let inserted = try await SQLiteConnectionSetup.bulkTransaction(on: context.db) { tx -> Int in
            let count = try await register.write(prepared, context: context.forTransaction(on: tx), on: tx)
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .importRows,
                                      entity: "import", entityID: register.key, summary: "导入\(register.titleZh) \(count) 条（文件：\(fileName ?? "未命名")）",
                                      before: NoSnapshot?.none, after: NoSnapshot?.none)
            return count
        }
        // On SQLite the transaction held the write lock, so progress is written after it.
        await context.report("writing", inserted, inserted)
        OperatorMetrics.imported(rows: inserted, register: register.key, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        let unchanged = parsed.rows.count - inserted
        let message = unchanged > 0
            ? "已导入 \(inserted) 条\(register.titleZh)（共 \(parsed.rows.count) 行，其余 \(unchanged) 行与现有数据相同，未改动）"
            : "已导入 \(inserted) 条\(register.titleZh)"
        return .succeeded(message: message, resultJSON: json(ImportResult(inserted: inserted, errors: [])))
    }

    static func json(_ result: ImportResult) -> String? {
        guard let data = try? JSONEncoder().encode(result) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
