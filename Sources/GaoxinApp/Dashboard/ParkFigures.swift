import Foundation
import GaoxinDomain
import SQLKit

/// A park operator's dashboard panel (SPEC §5, issue 14's park role): the parks its unit and subtree
/// operate, their spaces on offer, those gone stale or about to (to re-confirm), last year's
/// statistics submitted, returned or missing, and the applications to its scenarios awaiting
/// review. Four grouped counts over indexed columns.
struct ParkFigures: Sendable {
    var unitID: Int
    var unitName: String
    var parks = 0
    var onOffer = 0
    var offeredArea: Int64 = 0
    var stale = 0
    var expiring = 0
    var year: Int
    var submitted = 0
    var returned = 0
    var reviewed = 0
    /// Applications to its unit's scenarios awaiting review (待评审).
    var applications = 0

    var missing: Int { max(0, parks - submitted - returned - reviewed) }

    static func load(_ actor: Actor, now: Date, on sql: any SQLDatabase) async throws -> ParkFigures {
        let prefix = actor.unitPath.description + "%"
        let today = CalendarDay(DisplayFormat.day(now))!
        let year = today.year - 1
        var figures = ParkFigures(unitID: actor.unitID, unitName: actor.unitName, year: year)
        figures.parks = try await sql.raw("""
            SELECT COUNT(*) AS n FROM parks p JOIN units u ON u.id = p.owning_unit_id WHERE p.active = \(bind: true) AND u.path LIKE \(bind: prefix)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        if let row = try await sql.raw("""
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(s.area), 0) AS BIGINT) AS area,
                   CAST(COALESCE(SUM(CASE WHEN s.confirmed_until < \(bind: today.description) THEN 1 ELSE 0 END), 0) AS BIGINT) AS stale,
                   CAST(COALESCE(SUM(CASE WHEN s.confirmed_until >= \(bind: today.description) AND s.confirmed_until <= \(bind: today.adding(days: 7).description) THEN 1 ELSE 0 END), 0) AS BIGINT) AS expiring
            FROM spaces s JOIN parks p ON p.id = s.park_id JOIN units u ON u.id = p.owning_unit_id
            WHERE s.active = \(bind: true) AND p.active = \(bind: true) AND s.status IN ('available', 'reserved') AND u.path LIKE \(bind: prefix)
            """).first() {
            figures.onOffer = try row.decode(column: "n", as: Int.self)
            figures.offeredArea = try row.decode(column: "area", as: Int64.self)
            figures.stale = Int(try row.decode(column: "stale", as: Int64.self))
            figures.expiring = Int(try row.decode(column: "expiring", as: Int64.self))
        }
        for row in try await sql.raw("""
            SELECT t.review_status AS k, COUNT(*) AS n FROM park_statistics t JOIN parks p ON p.id = t.park_id JOIN units u ON u.id = p.owning_unit_id
            WHERE t.active = \(bind: true) AND p.active = \(bind: true) AND t.year = \(bind: year) AND u.path LIKE \(bind: prefix) GROUP BY t.review_status
            """).all() {
            let count = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "k", as: String?.self) {
            case "reviewed": figures.reviewed += count
            case "returned": figures.returned += count
            default: figures.submitted += count
            }
        }
        figures.applications = try await sql.raw("""
            SELECT COUNT(*) AS n FROM scenario_applications a JOIN scenarios s ON s.id = a.scenario_id JOIN units u ON u.id = s.owning_unit_id
            WHERE a.active AND s.active AND a.status = 'submitted' AND u.path LIKE \(bind: prefix)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        return figures
    }
}
