import Foundation
import OpenAPIKit30
import Vapor

struct ImportRowError: Codable, Sendable, Equatable {
    /// 1-based row number as the user sees it in the spreadsheet (the header is row 1).
    var row: Int
    var column: String
    var value: String
    var reason: String

    /// Where the error is, as the import page says it: 第 N 行, or 整个文件 for a file-level error (row 0).
    func place(_ lang: UILanguage) -> String { Self.place(row: row, lang) }

    static func place(row: Int, _ lang: UILanguage) -> String {
        row > 0 ? lang.t("第 \(row) 行", "row \(row)") : lang.t("整个文件", "whole file")
    }
}

/// One import error in the job API: the stored error plus the place in words.
struct JobRowErrorDTO: Codable, Sendable, Equatable {
    var row: Int
    var place: String
    var column: String
    var value: String
    var reason: String

    init(_ error: ImportRowError) {
        row = error.row
        place = error.place(.zh)
        column = error.column
        value = error.value
        reason = error.reason
    }

    func place(_ lang: UILanguage) -> String { ImportRowError.place(row: row, lang) }
}

struct ImportResult: Codable, Sendable {
    var inserted: Int
    var errors: [ImportRowError]
}

struct JobDTO: Content, APISchema {
    var id: Int
    var kind: String
    /// The uploaded file's name, as the user's computer called it.
    var fileName: String?
    var status: String
    var phase: String
    var progress: Int
    var total: Int
    var message: String?
    var createdAt: Date
    var finishedAt: Date?
    var inserted: Int?
    var errors: [JobRowErrorDTO]?

    init(_ job: Job) {
        id = job.id ?? 0
        kind = job.kind
        fileName = job.inputName
        status = job.status
        phase = job.phase
        progress = job.progress
        total = job.total
        message = job.message
        createdAt = job.createdAt
        finishedAt = job.finishedAt
        if let json = job.resultJSON, let result = try? JSONDecoder().decode(ImportResult.self, from: Data(json.utf8)) {
            inserted = result.inserted
            errors = result.errors.map(JobRowErrorDTO.init)
        }
    }

    static let schemaName = "Job"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "kind": .string, "fileName": .string(required: false, nullable: true), "status": .string(allowedValues: JobStatus.allCases.map { AnyCodable($0.rawValue) }),
            "phase": .string, "progress": .integer, "total": .integer, "message": .string(required: false, nullable: true),
            "createdAt": .string(format: .dateTime), "finishedAt": .string(format: .dateTime, required: false, nullable: true),
            "inserted": .integer(required: false, nullable: true),
            "errors": .array(required: false, nullable: true, items: .object(properties: [
                "row": .integer, "place": .string, "column": .string, "value": .string, "reason": .string,
            ])),
        ])
    }
}

enum JobQueries {
    /// A job is visible to the user who started it and to administrators.
    static func find(_ req: Request) async throws -> Job {
        let actor = try req.requireActor()
        guard let id = req.parameters.get("id", as: Int.self), let job = try await Job.find(id, on: req.db),
              job.createdBy == actor.userID || actor.has(.admin) else { throw AppError.notFound("该任务") }
        return await JobBeacon.overlay([job], beacon: JobBeacon.database(req.application))[0]
    }
}
