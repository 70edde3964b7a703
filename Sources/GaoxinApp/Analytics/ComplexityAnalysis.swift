import Fluent
import Foundation
import GaoxinComplexity
import SQLKit
import Vapor

/// Loads a dataset's year and computes the indices and the ranking for one location. The
/// computation is pure (GaoxinComplexity); this only reads rows and picks the year.
enum ComplexityAnalysis {
    struct Outcome {
        var result: ComplexityYearResult
        var year: String
        var location: String
        var recommendations: RecommendationList?
        var problem: String?
        /// Set when the reader compares the ranking with one of the zone's chains.
        var chainGaps: ChainGapAnalysis? = nil
    }

    struct Row: Decodable { var loc: String; var prod: String; var val: Double }

    static func find(_ req: Request) async throws -> ComplexityDataset {
        guard let id = req.parameters.get("id", as: Int.self), let dataset = try await ComplexityDataset.find(id, on: req.db) else {
            throw AppError.notFound("该数据集")
        }
        return dataset
    }

    static func hasLocation(_ dataset: ComplexityDataset, _ location: String, on db: Database) async throws -> Bool {
        try await (db as! any SQLDatabase).select().column(SQLRaw("COUNT(*) AS n")).from("complexity_observations")
            .where("dataset_id", .equal, dataset.id!).where("loc", .equal, location)
            .first(decodingColumn: "n", as: Int.self) ?? 0 > 0
    }

    /// The named weightings of a recommendation (`weights=`), the first the default; the API
    /// document lists these names.
    static let weightings: [(name: String, weights: RecommendationWeights)] = [
        ("balanced", .balanced), ("nearby", .nearby), ("strategic", .strategic),
    ]

    static func weights(_ name: String?) throws -> RecommendationWeights {
        let key = (name ?? "").isEmpty ? weightings[0].name : name!
        guard let found = weightings.first(where: { $0.name == key }) else {
            throw AppError.badRequest("权重方案只能是 " + weightings.map(\.name).joined(separator: "、"), field: "weights")
        }
        return found.weights
    }

    static func run(_ dataset: ComplexityDataset, year requestedYear: String?, location requestedLocation: String?,
                    weights: RecommendationWeights, on db: Database) async throws -> Outcome {
        guard let year = requestedYear.flatMap({ $0.isEmpty ? nil : $0 }) ?? dataset.yearList.last else { throw AppError.notFound("数据") }
        // A year or region the dataset lacks is a resource that does not exist: 404, as for an unknown dataset.
        guard dataset.yearList.contains(year) else { throw AppError.notFound("该数据集 \(year) 年的数据") }
        let rows = try await (db as! any SQLDatabase).select().columns("loc", "prod", "val").from("complexity_observations")
            .where("dataset_id", .equal, dataset.id!).where("year", .equal, year)
            .orderBy("id").all(decoding: Row.self)
        var builder = ComplexityTableBuilder(policy: .strict)
        for (index, row) in rows.enumerated() {
            try builder.append(year: year, location: row.loc, product: row.prod, value: row.val, line: index + 2)
        }
        let table: ComplexityTable
        let result: ComplexityYearResult
        do {
            table = try builder.build()
            guard let input = table.years.first else { throw AppError.notFound("数据") }
            result = try EconomicComplexity.computeYear(input)
        } catch let error as ComplexityInputError {
            throw AppError.badRequest(error.messageZh)
        }
        let locations = result.gridLocations.map(\.code)
        let location = requestedLocation.flatMap { $0.isEmpty ? nil : $0 } ?? locations.first ?? ""
        guard locations.contains(location) else { throw AppError.notFound("数据集中的地区“\(location)”") }
        do {
            let list = try TargetRecommendation.rank(result, location: location, weights: weights)
            return Outcome(result: result, year: year, location: location, recommendations: list, problem: nil)
        } catch let error as RecommendationError {
            return Outcome(result: result, year: year, location: location, recommendations: nil, problem: error.messageZh)
        }
    }
}
