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
        private var lastWrite = Date.distantPast

        init(jobID: Int, db: Database, clock: AppClock) {
            self.jobID = jobID
            self.db = db
            self.clock = clock
        }

        /// Records phase and progress; writes at most every half second unless `force`.
        func report(phase: String, progress: Int, total: Int, force: Bool = false) async throws {
            let now = clock.now()
            let due = force || now.timeIntervalSince(lastWrite) >= 0.5 || progress >= total
            if due { lastWrite = now }
            guard due else { return }
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
        running?.enter()
        Task.detached {
            defer { running?.leave() }
            let progress = Progress(jobID: jobID, db: db, clock: clock)
            let heartbeat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(heartbeatEvery * 1_000_000_000))
                    try? await Job.query(on: db).filter(\.$id == jobID).set(\.$heartbeatAt, to: Date()).update()
                }
            }
            var outcome: JobOutcome
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
            do {
                try await finish(jobID, outcome, db: db, now: clock.now())
            } catch {
                logger.report(error: error)
                if case .succeeded = outcome {
                    try? await finish(jobID, .failed(message: "任务失败：\(error)", resultJSON: nil), db: db, now: clock.now())
                }
            }
        }
    }

    private static func finish(_ jobID: Int, _ outcome: JobOutcome, db: Database, now: Date) async throws {
        let (status, message, result): (JobStatus, String, String?) = {
            switch outcome {
            case .succeeded(let message, let result): return (.succeeded, message, result)
            case .failed(let message, let result): return (.failed, message, result)
            }
        }()
        try await Job.query(on: db).filter(\.$id == jobID)
            .set(\.$status, to: status.rawValue).set(\.$phase, to: "done").set(\.$message, to: message)
            .set(\.$resultJSON, to: result).set(\.$finishedAt, to: now).set(\.$input, to: nil).update()
    }

    /// Marks failed every unfinished job no live process is working on (its heartbeat stopped).
    static func sweepAbandoned(on db: Database) async throws {
        let cutoff = Date().addingTimeInterval(-abandonAfter)
        try await Job.query(on: db)
            .filter(\.$status ~~ [JobStatus.queued.rawValue, JobStatus.running.rawValue])
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
        try? await JobRunner.sweepAbandoned(on: application.db)
        guard Self.sweepsPeriodically(arguments: application.environment.arguments) else { return }
        let db = application.db
        let box = self.box
        box.task = Task.detached {
            defer { box.loopEnded = true }
            while true {
                // A cancelled sleep ends the loop before another sweep: a sweep started while the
                // application shuts down would open a connection on a pool being closed.
                do { try await Task.sleep(nanoseconds: 30_000_000_000) } catch { return }
                try? await JobRunner.sweepAbandoned(on: db)
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
