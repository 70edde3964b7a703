import Fluent
import Crypto
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
            return try await run(register: register, source: .data(data), fileName: fileName, limit: limit, context: context,
                                 sliceRows: app.gaoxinConfig.importSliceRows)
        }
        return job
    }

    /// The whole import; also called directly by the CLI and tests.
    static func run(register: any ImportRegister, data: Data, fileName: String?, limit: Int, context: ImportContext) async throws -> JobOutcome {
        try await run(register: register, source: .data(data), fileName: fileName, limit: limit, context: context)
    }

    /// A CSV file of a sliced register is streamed (`SlicedImportRun`); any other file is read whole.
    static func run(register: any ImportRegister, source: ImportSource, fileName: String?, limit: Int, context: ImportContext,
                    sliceRows: Int = SlicedImportRun.defaultSliceRows) async throws -> JobOutcome {
        let started = DispatchTime.now().uptimeNanoseconds
        await context.report("reading", 0, 1)
        if let sliced = register as? any SlicedImportRegister, try source.streams(for: register, fileName: fileName) {
            return try await SlicedImportRun.run(sliced, source: source, fileName: fileName, context: context, sliceRows: sliceRows, started: started)
        }
        let data = try source.wholeData()
        var limits = SheetLimits.default
        limits.maxFileBytes = limit
        let parsed: SheetParsing.Parsed
        do {
            parsed = try SheetParsing.parse(data, name: fileName, register: register, limits: limits)
        } catch let error as AppError {
            return fileRefused(error.message, fileName: fileName)
        }
        var errors = parsed.errors
        if errors.isEmpty {
            errors = try await register.validate(parsed.rows, context: context)
        }
        await context.report("validating", parsed.rows.count, parsed.rows.count)
        if !errors.isEmpty { return refused(errors, count: errors.count, register: register) }
        let prepared = try await register.prepare(parsed.rows, context: context)
        let inserted = try await SQLiteConnectionSetup.bulkTransaction(on: context.db) { tx -> Int in
            let count = try await register.write(prepared, context: context.forTransaction(on: tx), on: tx)
            try await audit(register, ImportFileRecord(fileName: fileName, sha256: ImportFileRecord.hex(SHA256.hash(data: data)), bytes: data.count,
                                                       rows: parsed.rows.count, written: count), context: context, on: tx)
            return count
        }
        return await succeeded(register, inserted: inserted, rows: parsed.rows.count, context: context, started: started)
    }

    static func fileRefused(_ message: String, fileName: String?) -> JobOutcome {
        .failed(message: message, resultJSON: json(ImportResult(inserted: 0, errors: [ImportRowError(row: 0, column: "", value: fileName ?? "", reason: message)])))
    }

    /// Nothing written: the problems row by row, and within a row in the order of the template's
    /// columns. `count` is how many there were (a streamed file lists the first `SlicedImportRun.listedErrors`).
    static func refused(_ errors: [ImportRowError], count: Int, register: any ImportRegister) -> JobOutcome {
        let order = Dictionary(register.columns.enumerated().map { ($1.zh, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = errors.enumerated().sorted { a, b in
            (a.element.row, order[a.element.column] ?? Int.max, a.offset) < (b.element.row, order[b.element.column] ?? Int.max, b.offset)
        }.map(\.element)
        let listed = count > errors.count ? "（列出前 \(errors.count) 处）" : ""
        let message = "发现 \(count) 处问题\(listed)，未写入任何数据。请修改后重新导入。"
        return .failed(message: message, resultJSON: json(ImportResult(inserted: 0, errors: sorted)))
    }

    /// The import's own audit row, in its transaction: which file (its SHA-256), how many rows,
    /// how many records it wrote. Each record written has its own row too (before → after).
    static func audit(_ register: any ImportRegister, _ file: ImportFileRecord, context: ImportContext, on tx: any Database) async throws {
        try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .importRows,
                                  entity: "import", entityID: register.key, summary: "导入\(register.titleZh) \(file.written) 条（文件：\(file.file)）",
                                  before: NoSnapshot?.none, after: file)
    }

    static func succeeded(_ register: any ImportRegister, inserted: Int, rows: Int, context: ImportContext, started: UInt64) async -> JobOutcome {
        // The whole count once the transaction is over (on SQLite a job's beacon had the file's bytes).
        await context.report("writing", inserted, inserted)
        OperatorMetrics.imported(rows: inserted, register: register.key, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        let unchanged = rows - inserted
        let message = unchanged > 0
            ? "已导入 \(inserted) 条\(register.titleZh)（共 \(rows) 行，其余 \(unchanged) 行与现有数据相同，未改动）"
            : "已导入 \(inserted) 条\(register.titleZh)"
        return .succeeded(message: message, resultJSON: json(ImportResult(inserted: inserted, errors: [])))
    }

    static func json(_ result: ImportResult) -> String? {
        guard let data = try? JSONEncoder().encode(result) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// What the import's audit row keeps of its file.
struct ImportFileRecord: Encodable, Sendable {
    let file: String
    let sha256: String
    let bytes: Int
    let rows: Int
    let written: Int
    let unchanged: Int

    init(fileName: String?, sha256: String, bytes: Int, rows: Int, written: Int) {
        file = fileName ?? "未命名"
        self.sha256 = sha256
        self.bytes = bytes
        self.rows = rows
        self.written = written
        unchanged = rows - written
    }

    static func hex<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
