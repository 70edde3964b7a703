import Fluent
import Foundation
import SQLKit
import Vapor

/// Where a running job's phase, progress and heartbeat go on SQLite. An import's transaction
/// holds SQLite's one write lock for as long as it writes — minutes for a province's file — and a
/// progress or heartbeat write to `jobs` from another connection would wait for it, so users saw
/// no progress and the sweep could take a busy import for a dead one. On SQLite these few
/// numbers therefore go to a small database file of their own beside the main one (`<file>-jobs`,
/// table `job_beacons`), which every process serving that file opens; whoever reads a job lays
/// the beacon over the row (`JobQueries`), and the sweep leaves a job with a live beacon alone.
/// The job's status and result stay in `jobs`. PostgreSQL locks rows, not the database: there a
/// job has no beacon and its row is written directly.
enum JobBeacon {
    static let id = DatabaseID(string: "job-beacons")
    static let table = "job_beacons"

    struct Beacon: Equatable {
        var phase: String
        var progress: Int
        var total: Int
        var heartbeatAt: Date
    }

    /// The beacon file of a SQLite database at `path`.
    static func path(besides path: String) -> String { path + "-jobs" }

    /// The application's beacon database, or nil where jobs have none (PostgreSQL).
    static func database(_ app: Application) -> (any Database)? {
        app.engine == .sqlite ? app.db(id) : nil
    }

    private static func ensureTable(on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            CREATE TABLE IF NOT EXISTS \(unsafeRaw: table) (job_id INTEGER PRIMARY KEY, phase TEXT NOT NULL, progress INTEGER NOT NULL,
            total INTEGER NOT NULL, heartbeat_at REAL NOT NULL)
            """).run()
    }

    static func report(jobID: Int, phase: String, progress: Int, total: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await ensureTable(on: sql)
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: table) (job_id, phase, progress, total, heartbeat_at) VALUES (\(bind: jobID), \(bind: phase), \(bind: progress), \(bind: total), \(bind: Date().timeIntervalSince1970))
            ON CONFLICT (job_id) DO UPDATE SET phase = EXCLUDED.phase, progress = EXCLUDED.progress, total = EXCLUDED.total, heartbeat_at = EXCLUDED.heartbeat_at
            """).run()
    }

    static func heartbeat(jobID: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await ensureTable(on: sql)
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: table) (job_id, phase, progress, total, heartbeat_at) VALUES (\(bind: jobID), 'running', 0, 0, \(bind: Date().timeIntervalSince1970))
            ON CONFLICT (job_id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at
            """).run()
    }

    /// A finished job's beacon goes: its row in `jobs` says everything from then on.
    static func remove(jobID: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await ensureTable(on: sql)
        try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE job_id = \(bind: jobID)").run()
    }

    /// The beacons of jobs no longer queued or running (a crashed process leaves its beacon).
    static func removeAll(except unfinished: [Int], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await ensureTable(on: sql)
        let delete = sql.delete(from: table)
        if !unfinished.isEmpty { delete.where("job_id", .notIn, SQLBind.group(unfinished)) }
        try await delete.run()
    }

    static func read(_ jobIDs: [Int], on db: any Database) async throws -> [Int: Beacon] {
        guard !jobIDs.isEmpty else { return [:] }
        let sql = db as! any SQLDatabase
        try await ensureTable(on: sql)
        var beacons: [Int: Beacon] = [:]
        for row in try await sql.select().columns("job_id", "phase", "progress", "total", "heartbeat_at").from(table)
            .where("job_id", .in, SQLBind.group(jobIDs)).all() {
            beacons[try row.decode(column: "job_id", as: Int.self)] = Beacon(
                phase: try row.decode(column: "phase", as: String.self), progress: try row.decode(column: "progress", as: Int.self),
                total: try row.decode(column: "total", as: Int.self),
                heartbeatAt: Date(timeIntervalSince1970: try row.decode(column: "heartbeat_at", as: Double.self)))
        }
        return beacons
    }

    /// The jobs as their readers should see them: an unfinished job takes its beacon's phase,
    /// progress and heartbeat.
    /// A beacon that cannot be read (its file unwritable, say) leaves the rows as they are.
    static func overlay(_ jobs: [Job], beacon db: (any Database)?) async -> [Job] {
        guard let db else { return jobs }
        let unfinished = jobs.filter { [JobStatus.queued.rawValue, JobStatus.running.rawValue].contains($0.status) }
        guard let beacons = try? await read(unfinished.compactMap(\.id), on: db) else { return jobs }
        for job in unfinished {
            guard let beacon = beacons[job.id!] else { continue }
            if beacon.total > 0 || beacon.progress > 0 {
                job.phase = beacon.phase
                job.progress = beacon.progress
                job.total = beacon.total
            }
            if beacon.heartbeatAt > (job.heartbeatAt ?? .distantPast) { job.heartbeatAt = beacon.heartbeatAt }
        }
        return jobs
    }
}
