import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Jobs: progress any server can show, visible only to their creator (and administrators), and a
/// job left by a crashed process is marked failed, never half applied.
final class JobTests: XCTestCase {
    static let abandoned = "处理该任务的服务进程已中断，任务未完成，没有写入任何数据，请重新提交"

    private func job(_ app: Application, createdBy: Int, status: JobStatus, heartbeat: Date?) async throws -> Int {
        let job = try await JobRunner.create(kind: "import:units", createdBy: createdBy, input: Data("x".utf8), inputName: "a.csv", on: app.db, now: app.clock.now())
        job.status = status.rawValue
        job.phase = status == .running ? "writing" : "queued"
        job.heartbeatAt = heartbeat
        try await job.save(on: app.db)
        return job.id!
    }

    func testTheSweepFailsJobsWhoseHeartbeatStoppedAndLeavesLiveOnesAlone() async throws {
        try await withApp { app, fixtures in
            let office = fixtures.users[.office]!
            let crashed = try await job(app, createdBy: office, status: .running, heartbeat: Date().addingTimeInterval(-3600))
            let neverStarted = try await job(app, createdBy: office, status: .queued, heartbeat: nil)
            let live = try await job(app, createdBy: office, status: .running, heartbeat: Date())
            let done = try await job(app, createdBy: office, status: .succeeded, heartbeat: Date().addingTimeInterval(-3600))
            try await JobRunner.sweepAbandoned(on: app.db)

            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for id in [crashed, neverStarted] {
                let body = try api.object(try await api.send(.GET, Site.API.job(id)))
                XCTAssertEqual(body["status"] as? String, "failed", "job \(id)")
                XCTAssertEqual(body["message"] as? String, Self.abandoned)
                XCTAssertNotNil(body["finishedAt"] as? String)
                let stored = try Check.unwrap(try await Job.find(id, on: app.db))
                XCTAssertNil(stored.input, "the uploaded file is dropped with the job")
            }
            let running = try api.object(try await api.send(.GET, Site.API.job(live)))
            XCTAssertEqual(running["status"] as? String, "running")
            let finished = try api.object(try await api.send(.GET, Site.API.job(done)))
            XCTAssertEqual(finished["status"] as? String, "succeeded")

            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let page = try await browser.get(Site.job(crashed))
            XCTAssertTrue(page.text.contains(Self.abandoned))
            XCTAssertTrue(page.text.contains("data-status=\"failed\""))
        }
    }

    /// The process that ran the job is gone; the next server to start on the database fails it.
    func testARestartedServerFailsTheJobOfACrashedOne() async throws {
        let (url, cleanup) = try await TestDatabase.fresh()
        var config = AppConfig()
        config.databaseURL = url
        config.bcryptCost = 4
        config.logLevel = .warning
        func start() async throws -> Application {
            let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
            try configure(app, config: config)
            app.logger.logLevel = .warning
            return app
        }
        var apps: [Application] = []
        do {
            let crashedServer = try await start()
            apps.append(crashedServer)
            let fixtures = try await Fixtures.load(crashedServer)
            let id = try await job(crashedServer, createdBy: fixtures.users[.office]!, status: .running, heartbeat: Date().addingTimeInterval(-600))
            let units = try await Probe.count(crashedServer, "units")
            try await crashedServer.asyncShutdown()
            apps.removeAll()

            let next = try await start()
            apps.append(next)
            try await next.asyncBoot()
            let stored = try Check.unwrap(try await Job.find(id, on: next.db))
            XCTAssertEqual(stored.status, "failed")
            XCTAssertEqual(stored.message, Self.abandoned)
            Check.equal(try await Probe.count(next, "units"), units, "nothing half applied")
            try await next.asyncShutdown()
            apps.removeAll()
        } catch {
            for app in apps { try? await app.asyncShutdown() }
            try? await cleanup()
            throw error
        }
        try await cleanup()
    }

    /// Work that fails halfway through its transaction leaves nothing behind, and the job says why.
    func testAJobThatFailsWhileWritingLeavesNothingBehind() async throws {
        try await withApp { app, fixtures in
            let units = try await Probe.count(app, "units"), audits = try await Probe.auditCount(app)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let actor = Actor(userID: fixtures.users[.office]!, username: "t-office", displayName: "测试集群办", roles: [.office],
                              unitID: fixtures.zone, unitPath: UnitPath(ids: [fixtures.root, fixtures.board, fixtures.zone]), unitName: "无锡高新区", tokenReadOnly: nil)
            let job = try await JobRunner.create(kind: "import:units", createdBy: actor.userID, input: nil, inputName: "half.csv", on: app.db, now: app.clock.now())
            let csv = ImportDriver.csv([ImportTests.header, "第一个,部门,XW,,,", "第二个,部门,XW,,,", "第三个,部门,XW,,,"])
            JobRunner.start(job, app: app) { progress in
                let context = ImportContext(db: app.db, actor: actor, address: "127.0.0.1", clock: app.clock,
                                            passwords: { $0 }, progress: progress)
                return try await ImportJob.run(register: FailingHalfwayRegister(), data: csv, fileName: "half.csv", limit: 1 << 20, context: context)
            }
            let finished = try await api.waitForJob(job.id!)
            XCTAssertEqual(finished["status"] as? String, "failed")
            XCTAssertEqual(finished["message"] as? String, "数据在写入时发生冲突，请重新导入")
            Check.equal(try await Probe.count(app, "units"), units, "the two rows written before the failure were rolled back")
            Check.equal(try await Probe.auditCount(app), audits)
        }
    }

    /// Shutting down waits for the jobs this process runs: the job's row says it finished, and
    /// its last queries ran on an open pool.
    func testShutdownWaitsForARunningJob() async throws {
        try await withApp { app, fixtures in
            let job = try await JobRunner.create(kind: "bulletin:2026-08", createdBy: fixtures.users[.office], input: nil, inputName: nil, on: app.db, now: app.clock.now())
            JobRunner.start(job, app: app) { _ in
                try await Task.sleep(nanoseconds: 300_000_000)
                return .succeeded(message: "完成", resultJSON: nil)
            }
            XCTAssertEqual(app.runningJobs?.running, 1)
            await app.runningJobs?.shutdownAsync(app)
            XCTAssertEqual(app.runningJobs?.running, 0)
            let row = try await Job.find(job.id, on: app.db)
            XCTAssertEqual(row?.status, JobStatus.succeeded.rawValue)
            XCTAssertEqual(row?.message, "完成")
        }
    }

    func testAUserCannotSeeAnotherUsersJob() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (id, job) = try await office.viaAPI("units", fileName: "bad.csv", data: ImportDriver.csv([ImportTests.header, ",部门,,,,"]))
            XCTAssertEqual(job["status"] as? String, "failed")
            Check.equal(try await office.browser.get(Site.job(id)).status, .ok)
            Check.equal(try await office.browser.get(Site.jobErrors(id, format: "csv")).status, .ok)

            // Another office user, with the same roles, sees nothing of it.
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let colleague = try await admin.send(.POST, Site.API.users, body: ["username": "other.office", "displayName": "另一位集群办", "unitId": fixtures.zone,
                                                                             "roles": ["office"], "password": "Another-Office-2026"])
            XCTAssertEqual(colleague.status, .created)
            let other = Browser(app)
            Check.equal(try await other.signIn("other.office", password: "Another-Office-2026").status, .seeOther)
            for path in [Site.job(id), Site.jobErrors(id, format: "csv"), Site.jobErrors(id, format: "xlsx")] {
                let response = try await other.get(path)
                XCTAssertEqual(response.status, .notFound, path)
                XCTAssertFalse(response.text.contains("必填"), "no detail of the job leaks")
            }
            let unitUser = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let hidden = try SeenAPIError(try await unitUser.send(.GET, Site.API.job(id)))
            XCTAssertEqual(hidden.status, .notFound)
            XCTAssertEqual(hidden.message, "未找到该任务")
            let missing = try SeenAPIError(try await unitUser.send(.GET, Site.API.job(id + 1000)))
            XCTAssertEqual(missing.message, hidden.message, "someone else's job looks exactly like no job")
            // Administrators see every job.
            Check.equal(try await admin.send(.GET, Site.API.job(id)).status, .ok)
        }
    }
}

/// Writes two units and then fails, as a database conflict in the middle of an import would.
struct FailingHalfwayRegister: ImportRegister {
    let key = "units"
    let titleZh = "组织单位"
    let titleEn = "Units"
    let policy = Policies.organisation
    let columns = UnitTreeImport().columns

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] { [] }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        for row in rows.prefix(2) {
            _ = try await UnitSeed.insert(.init(name: row.value("name"), kind: .department, code: nil, parentID: nil, sortOrder: 0, note: nil), on: tx)
        }
        throw AppError.conflict("数据在写入时发生冲突，请重新导入")
    }
}

/// Only serving processes sweep jobs periodically: a command holding the one SQLite connection in
/// a long import must not have a sweep time out beside it and log a deadlock error (issue 9.7).
final class JobSweeperScheduleTests: XCTestCase {
    func testOnlyServingProcessesSweepPeriodically() {
        XCTAssertTrue(JobSweeper.sweepsPeriodically(arguments: ["gaoxin", "serve"]))
        XCTAssertTrue(JobSweeper.sweepsPeriodically(arguments: ["gaoxin", "serve", "--port", "8081"]))
        XCTAssertTrue(JobSweeper.sweepsPeriodically(arguments: ["gaoxin"]), "no command means serve")
        XCTAssertFalse(JobSweeper.sweepsPeriodically(arguments: ["gaoxin", "import", "--register", "enterprises"]))
        XCTAssertFalse(JobSweeper.sweepsPeriodically(arguments: ["gaoxin", "migrate"]))
        XCTAssertFalse(JobSweeper.sweepsPeriodically(arguments: ["gaoxin", "backup", "--output", "x.zip"]))
    }

    /// A sweep must not start, or still run, once the application shuts down: it opened a
    /// connection on a pool being closed, and SQLiteNIO stopped the process ("SQLiteConnection was
    /// not closed before deinitializing").
    func testShutdownEndsThePeriodicSweepBeforeTheDatabasesClose() async throws {
        let (url, cleanup) = try await TestDatabase.fresh(engine: TestDatabase.engine)
        var config = AppConfig()
        config.databaseURL = url
        config.logLevel = .warning
        for _ in 1...3 {
            // As `gaoxin serve` starts (whether `.testing` sweeps depends on how xctest was called).
            let app = try await Application.make(Environment(name: "testing", arguments: ["gaoxin", "serve"]), .shared(eventLoopGroup(for: config)))
            try configure(app, config: config)
            try await app.asyncBoot()
            let sweeper = try XCTUnwrap(app.storage[JobSweeper.Key.self])
            XCTAssertNotNil(sweeper.box.task, "a server sweeps periodically")
            XCTAssertFalse(sweeper.box.loopEnded)
            try await app.asyncShutdown()
            XCTAssertTrue(sweeper.box.loopEnded, "shutdown returns only after the sweeper has stopped")
        }
        try await cleanup()
    }
}
