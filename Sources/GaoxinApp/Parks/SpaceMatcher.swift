import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// 智能匹配 against the database: the hard constraints as an indexed query over the spaces on offer
/// (available, confirmed, in an active park; `spaces_offer` leads with kind, status and area), the
/// soft scoring in `SpaceMatching`. At province scale a wide need (any factory over 1,000 m²) can
/// pass tens of thousands of spaces; the `candidateLimit` nearest the middle of the area range are
/// scored, and the result says when it was capped.
enum SpaceMatcher {
    static let candidateLimit = 1000
    static let shown = 30

    /// The need fields a matching reads, in the space-needs register's keys (forms, the API, the record).
    static let needKeys = ["kind", "areaMin", "areaMax", "floorLoad", "clearHeight", "powerCapacity", "industry", "maxRent", "maxPrice", "neededBy"]

    struct Result: Sendable {
        let need: SpaceMatching.Need
        let matches: [Row]
        /// Spaces that passed the hard constraints (before the cap).
        let considered: Int
        let capped: Bool
    }

    struct Row: Sendable {
        let match: SpaceMatching.Match
        let code: String
        let name: String
        let parkID: Int
        let parkName: String
    }

    /// The need from checked values of the space-needs register (a record, or a form checked by its fields).
    static func need(_ values: RegisterValues) -> SpaceMatching.Need? {
        guard let kind = values["kind"]?.text.flatMap(SpaceKind.init) else { return nil }
        return SpaceMatching.Need(kind: kind, areaMin: values["areaMin"]?.integer, areaMax: values["areaMax"]?.integer,
                                  floorLoadTenths: values["floorLoad"]?.integer, clearHeightTenths: values["clearHeight"]?.integer,
                                  powerKVA: values["powerCapacity"]?.integer, industry: values["industry"]?.text,
                                  maxRentCents: values["maxRent"]?.integer, maxPriceWan: values["maxPrice"]?.integer,
                                  neededBy: values["neededBy"]?.text.flatMap(CalendarDay.init))
    }

    static func match(_ need: SpaceMatching.Need, today: CalendarDay, on sql: any SQLDatabase) async throws -> Result {
        var conditions: [SQLQueryString] = [
            // Bare `s.active`, not `= true`: SQLite uses a partial index (`WHERE active`) only for a query
            // that states its condition in the same words.
            "s.active", "p.active", "s.kind = \(bind: need.kind.rawValue)", "s.status = \(bind: "available")",
            "s.confirmed_until >= \(bind: today.description)",
        ]
        if let min = need.areaMin { conditions.append("s.area >= \(bind: min)") }
        if let max = need.areaMax { conditions.append("s.area <= \(bind: max)") }
        if need.kind.hasBuilding {
            if let load = need.floorLoadTenths { conditions.append("s.floor_load >= \(bind: load)") }
            if let height = need.clearHeightTenths { conditions.append("s.clear_height >= \(bind: height)") }
        }
        // A need of 0 kVA asks nothing (as `SpaceMatching.hardFailure` reads it): a space without a figure passes.
        if let power = need.powerKVA, power > 0 { conditions.append("s.power_capacity >= \(bind: power)") }
        if let by = need.neededBy { conditions.append("(s.available_from IS NULL OR s.available_from <= \(bind: by.description))") }
        let target = need.targetArea ?? 0
        // The candidates nearest the target area, walked outwards along the index from both sides:
        // two range scans that stop after `candidateLimit` rows each, however wide the range (a sort
        // of every factory over 500 m² took 170 ms at province scale).
        let filters = conditions
        @Sendable func side(above: Bool) async throws -> [any SQLRow] {
            var query: SQLQueryString = """
                SELECT s.id, s.code, s.name, s.kind, s.area, s.floor_load, s.clear_height, s.power_capacity, s.rent, s.sale_price, s.available_from,
                       p.id AS park_id, p.name AS park_name, p.level, p.lead_industry, p.second_industry, p.third_industry
                FROM spaces s JOIN parks p ON p.id = s.park_id WHERE 1 = 1
                """
            for condition in filters {
                query.appendLiteral(" AND ")
                query.appendInterpolation(condition)
            }
            query.appendInterpolation(above
                ? SQLQueryString(" AND s.area >= \(bind: target) ORDER BY s.area, s.id LIMIT \(bind: candidateLimit + 1)")
                : SQLQueryString(" AND s.area < \(bind: target) ORDER BY s.area DESC, s.id DESC LIMIT \(bind: candidateLimit + 1)"))
            return try await sql.raw(query).all()
        }
        async let upper = side(above: true)
        async let lower = side(above: false)
        let both = try await upper + lower
        var nearest: [(distance: Int64, id: Int, row: any SQLRow)] = []
        for row in both {
            let area = try row.decode(column: "area", as: Int64.self)
            nearest.append((abs(area - target), try row.decode(column: "id", as: Int.self), row))
        }
        nearest.sort { ($0.distance, $0.id) < ($1.distance, $1.id) }
        let rows = nearest.prefix(candidateLimit).map(\.row)
        var offers: [SpaceMatching.Offer] = []
        var names: [Int: (code: String, name: String, parkID: Int, parkName: String)] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            guard let kind = SpaceKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            let industries = try ["lead_industry", "second_industry", "third_industry"].compactMap { try row.decode(column: $0, as: String?.self) }
            offers.append(SpaceMatching.Offer(
                id: id, kind: kind, area: try row.decode(column: "area", as: Int64.self),
                floorLoadTenths: try row.decode(column: "floor_load", as: Int64?.self), clearHeightTenths: try row.decode(column: "clear_height", as: Int64?.self),
                powerKVA: try row.decode(column: "power_capacity", as: Int64?.self), rentCents: try row.decode(column: "rent", as: Int64?.self),
                salePriceWan: try row.decode(column: "sale_price", as: Int64?.self),
                availableFrom: try row.decode(column: "available_from", as: String?.self).flatMap(CalendarDay.init),
                parkIndustries: industries, parkLevel: ParkLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .none))
            names[id] = (try row.decode(column: "code", as: String.self), try row.decode(column: "name", as: String.self),
                         try row.decode(column: "park_id", as: Int.self), try row.decode(column: "park_name", as: String.self))
        }
        let ranked = SpaceMatching.rank(need, offers, today: today)
        let matches = ranked.prefix(shown).compactMap { match -> Row? in
            guard let named = names[match.offer.id] else { return nil }
            return Row(match: match, code: named.code, name: named.name, parkID: named.parkID, parkName: named.parkName)
        }
        return Result(need: need, matches: matches, considered: rows.count, capped: both.count > candidateLimit)
    }
}
