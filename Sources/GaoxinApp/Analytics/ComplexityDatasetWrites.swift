import Fluent
import Foundation
import GaoxinDomain
import GaoxinComplexity
import GaoxinSheets
import SQLKit
import Vapor

/// Creating a dataset from an upload: every cell checked first, then all observations written
/// with the dataset and its audit record in one transaction — or nothing.
enum ComplexityDatasetWrites {
    struct Failed: Error {
        var fieldErrors: [FieldError]
        var rowErrors: [ImportRowError]
    }

    static func create(name rawName: String?, measure rawMeasure: String?, wideYear: String?, file: Data?, fileName: String?, _ req: Request) async throws -> ComplexityDataset {
        var v = FieldValidator()
        let name = v.requiredText("name", rawName, label: "数据集名称", labelEn: "Name", max: 100)
        let measure = ComplexityMeasure(rawValue: rawMeasure ?? "") ?? .other
        if let rawMeasure, !rawMeasure.isEmpty, ComplexityMeasure(rawValue: rawMeasure) == nil {
            v.add(.invalid("measure", zh: "度量只能是 revenue、employment 或 other", en: "Unknown measure"))
        }
        let limit = req.application.gaoxinConfig.importMaxBytes
        var table: SheetTable?
        if let file, !file.isEmpty {
            if file.count > limit {
                v.add(FieldError(field: "file", code: "too_large", zh: "文件超过 \(limit / 1024 / 1024) MB 上限", en: "File too large"))
            } else {
                var limits = SheetLimits.default
                limits.maxFileBytes = limit
                do {
                    table = SheetParsing.isXLSX(file, name: fileName) ? try XLSXReader.read(file, limits: limits).first : try CSVFormat.read(file, limits: limits)
                    if table == nil { v.add(.invalid("file", zh: "文件中没有工作表", en: "No worksheet")) }
                } catch let error as SheetError {
                    v.add(FieldError(field: "file", code: "unreadable", zh: error.messageZh, en: error.messageEn))
                }
            }
        } else {
            v.add(FieldError(field: "file", code: "required", zh: "请选择要上传的文件", en: "Choose a file"))
        }
        var observations: [ComplexityUpload.Observation] = []
        var rowErrors: [ImportRowError] = []
        if let table {
            (observations, rowErrors) = ComplexityUpload.parse(table, wideYear: wideYear)
            if rowErrors.isEmpty, observations.isEmpty {
                rowErrors.append(ImportRowError(row: 2, column: "", value: "", reason: "文件中没有数据行"))
            } else if rowErrors.isEmpty {
                // The computation's own checks (a year with one location, all zeros, one product…),
                // so a dataset that cannot be computed is refused now, not when it is opened.
                var builder = ComplexityTableBuilder(policy: .strict)
                do {
                    for o in observations { try builder.append(year: o.year, location: o.loc, product: o.prod, value: o.val, line: o.line) }
                    _ = try builder.build()
                } catch let error as ComplexityInputError {
                    rowErrors.append(ImportRowError(row: 0, column: "", value: "", reason: error.messageZh))
                }
            }
        }
        guard v.isValid, rowErrors.isEmpty else { throw Failed(fieldErrors: v.errors, rowErrors: rowErrors) }
        return try await store(name: name, measure: measure, observations: observations, source: nil,
                               description: nil, summary: "上传产业复杂度数据集“\(name)”（\(observations.count) 行）", req)
    }

    /// Writes a checked matrix with its dataset and audit record in one transaction.
    static func store(name: String, measure: ComplexityMeasure, observations: [ComplexityUpload.Observation], source: String?,
                      description: String?, summary: String, _ req: Request) async throws -> ComplexityDataset {
        let years = Set(observations.map(\.year)).sorted()
        let actor = try req.requireActor()
        return try await req.db.transaction { tx in
            let dataset = ComplexityDataset()
            dataset.name = name
            dataset.measure = measure.rawValue
            dataset.rowCount = observations.count
            dataset.years = years.joined(separator: ",")
            dataset.source = source
            dataset.description = description
            dataset.createdBy = actor.userID
            dataset.createdAt = req.now
            try await dataset.create(on: tx)
            let sql = tx as! any SQLDatabase
            for batch in stride(from: 0, to: observations.count, by: 500) {
                let insert = sql.insert(into: "complexity_observations").columns("dataset_id", "year", "loc", "prod", "val")
                for o in observations[batch..<min(batch + 500, observations.count)] {
                    insert.values(SQLBind(dataset.id!), SQLBind(o.year), SQLBind(o.loc), SQLBind(o.prod), SQLBind(o.val))
                }
                try await insert.run()
            }
            try await AuditLog.record(req, on: tx, action: .create, entity: "complexity_dataset", entityID: "\(dataset.id!)",
                                      summary: summary, before: NoSnapshot?.none, after: ComplexityDatasetDTO(dataset))
            return dataset
        }
    }
}
