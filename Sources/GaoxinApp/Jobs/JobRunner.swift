import Fluent
import Foundation
import Vapor

/// Runs long work in the background of the server that accepted it, reporting progress into the
/// job row. The work must be all-or-nothing (one transaction), so a crash leaves nothing half
/// applied; `sweepAbandoned` marks such jobs failed.
enum JobRunner {
    /// A job whose heartbeat is older than this is considered abandoned by a crashed process.
    static let abandonAfter: TimeInterval = 60
    static let heartbeatEvery: TimeInterval = 5

    actor Progress {
        let jobID: Int
        let db: Database
        let clock: AppClock
        /// Where progress goes instead of the job row (SQLite: `JobBeacon`), or nil.
        nonisolated let beacon: (any Database)?
        private var lastWrite = Date.distantPast

        init(jobID: Int, db: Database, clock: AppClock, beacon: (any Database)? = nil) {
            self.jobID = jobID
            self.db = db
            self.clock = clock
            self.beacon = beacon
        }

        /// Whether a report may be made while a transaction holds the database's write lock.
        nonisolated var reportsBesideTheDatabase: Bool { beacon != nil }

        /// Records phase and progress; writes at most every half second unless `force`.
        func report(phase: String, progress: Int, total: Int, force: Bool = false) async throws {
            let now = clock.now()
            let due = force || now.timeIntervalSince(lastWrite) >= 0.5 || progress >= total
            if due { lastWrite = now }
            guard due else { return }
            if let beacon {
                try await JobBeacon.report(jobID: jobID, phase: phase, progress: progress, total: total, on: beacon)
                return
            }
            try await Job.query(on: db).filter(\.$id == jobID)
                .set(\.$phase, to: phase).set(\.$progress, to: progress).set(\.$total, to: total)
                .set(\.$heartbeatAt, to: Date()).update()
        }
    }

    static func create(kind: String, createdBy: Int?, input: Data?, inputName: String?, on db: Database, now: Date) async throws -> Job {
        let job = Job()
        job.kind = kind
        job.status = JobStatus.queued.rawValue
        job.phase = "queued"
        job.progress = 0
        job.total = 0
        job.createdBy = createdBy
        job.createdAt = now
        job.heartbeatAt = Date()
        job.input = input
        job.inputName = inputName
        try await job.create(on: db)
        return job
    }

    /// Starts the work detached from the request; the result (or the error's message) is stored.
    static func start(_ job: Job, app: Application, work: @escaping @Sendable (Progress) async throws -> JobOutcome) {
        let jobID = job.id!
        let db = app.db
        let clock = app.clock
        let logger = app.logger
        let running = app.runningJobs
        let beacon = JobBeacon.database(app)
        running?.enter()
        Task.detached {
            defer { running?.leave() }
            let progress = Progress(jobID: jobID, db: db, clock: clock, beacon: beacon)
            let heartbeat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(heartbeatEvery * 1_000_000_000))
                    // Into the beacon on SQLite; where it cannot be written, the row (which waits
                    // for an import's lock, but beats once it can).
                    if let beacon, (try? await JobBeacon.heartbeat(jobID: jobID, on: beacon)) != nil { continue }
                    try? await Job.query(on: db).filter(\.$id == jobID).set(\.$heartbeatAt, to: Date()).update()
                }
            }
            var outcome: JobOutcome
            if let beacon { try? await JobBeacon.remove(jobID: jobID, on: beacon) }  // none left from an earlier job of this id
            do {
                try await Job.query(on: db).filter(\.$id == jobID)
                    .set(\.$status, to: JobStatus.running.rawValue).set(\.$startedAt, to: clock.now()).update()
                outcome = try await work(progress)
            } catch {
                logger.report(error: error)
                outcome = .failed(message: (error as? AppError)?.message ?? "任务失败：\(error)", resultJSON: nil)
            }
            // The heartbeat ends before the job is marked finished: whoever waits for the job may
            // shut the application down at once, and a heartbeat's query still running on a
            // closing pool would drop its connection unclosed (seen as a crash in a debug build).
            heartbeat.cancel()
            await heartbeat.value
            // The beacon's last count goes into the row, which is all a finished job has.
            var last: JobBeacon.Beacon?
            if let beacon { last = (try? await JobBeacon.read([jobID], on: beacon))?[jobID] }
            do {
                try await finish(jobID, outcome, counted: last, db: db, now: clock.now())
            } catch {
                logger.report(error: error)
                if case .succeeded = outcome {
                    try? await finish(jobID, .failed(message: "任务失败：\(error)", resultJSON: nil), counted: last, db: db, now: clock.now())
                }
            }
            if let beacon { try? await JobBeacon.remove(jobID: jobID, on: beacon) }
        }
    }

    private static func finish(_ jobID: Int, _ outcome: JobOutcome, counted: JobBeacon.Beacon?, db: Database, now: Date) async throws {
        let (status, message, result): (JobStatus, String, String?) = {
            switch outcome {
            case .succeeded(let message, let result): return (.succeeded, message, result)
            case .failed(let message, let result): return (.failed, message, result)
            }
        }()
        let update = Job.query(on: db).filter(\.$id == jobID)
            .set(\.$status, to: status.rawValue).set(\.$phase, to: "done").set(\.$message, to: message)
            .set(\.$resultJSON, to: result).set(\.$finishedAt, to: now).set(\.$input, to: nil)
        if let counted, counted.total > 0 || counted.progress > 0 {
            update.set(\.$progress, to: counted.progress).set(\.$total, to: counted.total)
        }
        try await update.update()
    }

    /// Marks failed every unfinished job no live process is working on (its heartbeat stopped).
    /// On SQLite a job's heartbeat beats in its beacon (`JobBeacon`): a job whose beacon is live
    /// is working, however old its row's heartbeat.
    static func sweepAbandoned(on db: Database, beacon: (any Database)? = nil) async throws {
        let cutoff = Date().addingTimeInterval(-abandonAfter)
        var alive: [Int] = []
        if let beacon {
            let unfinished = try await Job.query(on: db).filter(\.$status ~~ [JobStatus.queued.rawValue, JobStatus.running.rawValue]).all(\.$id)
            // A beacon that cannot be read stops the sweep: it could not tell a live job from a dead one.
            alive = try await JobBeacon.read(unfinished, on: beacon).filter { $0.value.heartbeatAt >= cutoff }.map(\.key)
            try await JobBeacon.removeAll(except: unfinished, on: beacon)
        }
        try await Job.query(on: db)
            .filter(\.$status ~~ [JobStatus.queued.rawValue, JobStatus.running.rawValue])
            .filter(\.$id !~ alive)
            .group(.or) { $0.filter(\.$heartbeatAt == nil).filter(\.$heartbeatAt < cutoff) }
            .set(\.$status, to: JobStatus.failed.rawValue)
            .set(\.$phase, to: "done")
            .set(\.$message, to: "处理该任务的服务进程已中断，任务未完成，没有写入任何数据，请重新提交")
            .set(\.$finishedAt, to: Date())
            .set(\.$input, to: nil)
            .update()
    }
}

enum JobOutcome: Sendable {
    case succeeded(message: String, resultJSON: String?)
    case failed(message: String, resultJSON: String?)
}

/// Sweeps abandoned jobs at boot and, on a server, every half minute after.
struct JobSweeper: LifecycleHandler {
    /// The application's sweeper, kept in its storage so tests can see whether its loop ended.
    struct Key: StorageKey { typealias Value = JobSweeper }
    final class Box: @unchecked Sendable {
        var task: Task<Void, Never>?
        /// Set when the periodic loop has ended (read by tests after shutdown).
        var loopEnded = false
    }
    let box = Box()

    /// Only a serving process sweeps periodically. A command such as `gaoxin import` holds the one
    /// SQLite connection in its transaction for minutes; a sweep waiting for it timed out and
    /// logged a connection-deadlock error after a successful import (servers sweep anyway).
    static func sweepsPeriodically(arguments: [String]) -> Bool {
        guard let command = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }) else { return true }  // Vapor's default: serve
        return ["serve", "demo"].contains(command)
    }

    func didBootAsync(_ application: Application) async throws {
        // Commands such as `migrate` boot the application before the jobs table exists.
        let beacon = JobBeacon.database(application)
        try? await JobRunner.sweepAbandoned(on: application.db, beacon: beacon)
        guard Self.sweepsPeriodically(arguments: application.environment.arguments) else { return }
        let db = application.db
        let box = self.box
        let running = application.runningJobs
        let logger = application.logger
        let mergeAt = application.gaoxinConfig.searchMergePostings
        box.task = Task.detached {
            defer { box.loopEnded = true }
            while true {
                // A cancelled sleep ends the loop before another sweep: a sweep started while the
                // application shuts down would open a connection on a pool being closed.
                do { try await Task.sleep(nanoseconds: 30_000_000_000) } catch { return }
                try? await JobRunner.sweepAbandoned(on: db, beacon: beacon)
                // The postings imports left in the recent table go into the main one once they are
                // many — not while a job of this process runs (on SQLite it would wait for the
                // import's write lock); shutting down stops it between chunks.
                guard (running?.running ?? 0) == 0 else { continue }
                do {
                    let moved = try await SearchPostingsMerge.mergeIfDue(on: db, threshold: mergeAt)
                    if moved > 0 { logger.info("search postings merged", metadata: ["postings": "\(moved)"]) }
                } catch {
                    logger.warning("search postings merge stopped: \(String(reflecting: error))")
                }
            }
        }
    }

    func shutdown(_ application: Application) {
        box.task?.cancel()
    }

    /// Waits for a sweep in progress, so the databases shut down after it has finished.
    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
        await box.task?.value
    }
}
