import Fluent
import Foundation
@testable import GaoxinApp
import SQLKit
import Vapor
import XCTest

/// A long import's progress can be read while it writes, on both engines: on SQLite, whose one
/// write lock the import holds, through the job's beacon (`JobBeacon`, a database file of its
/// own); on PostgreSQL through the job row. Nothing of the file is visible meanwhile, the sweep
/// leaves a job with a live beacon alone, and a finished job's beacon is gone.
final class JobBeaconTests: XCTestCase {
    static let header = "统一社会信用代码,月份,营业收入（万元）"

    /// What a reader on another connection saw at each slice: the job and how many of the file's rows.
    actor Sightings {
        var seen: [(status: String, phase: String, progress: Int, total: Int, rowsVisible: Int)] = []
        func add(_ sighting: (status: String, phase: String, progress: Int, total: Int, rowsVisible: Int)) { seen.append(sighting) }
    }

    func testAStreamedImportsProgressIsReadableWhileItWrites() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            var lines = [Self.header]
            for number in 9901...9903 {
                _ = try await api.createEnterprise("进度可见企业\(number)", code: USCC.numbered(number), unit: fixtures.team)
                for month in 1...6 { lines.append("\(USCC.numbered(number)),2024-0\(month),\(number + month)") }
            }
            let file = ImportDriver.csv(lines)
            let job = try await JobRunner.create(kind: "import:indicators", createdBy: fixtures.users[.office], input: nil, inputName: "月度.csv",
                                                 on: app.db, now: Date())
            let jobID = try XCTUnwrap(job.id)
            try await Job.query(on: app.db).filter(\.$id == jobID).set(\.$status, to: JobStatus.running.rawValue).update()
            let beacon = JobBeacon.database(app)
            XCTAssertEqual(beacon == nil, app.engine == .postgres, "a beacon on SQLite only")

            var context = fixtures.officeImportContext(app)
            context = ImportContext(db: context.db, actor: context.actor, address: context.address, clock: context.clock, passwords: context.passwords,
                                    progress: JobRunner.Progress(jobID: jobID, db: app.db, clock: app.clock, beacon: beacon))
            let sightings = Sightings()
            context.announce = { _, _, _ in
                // Another connection, while the import's transaction is open.
                guard let stored = try? await Job.find(jobID, on: app.db),
                      let read = await JobBeacon.overlay([stored], beacon: beacon).first,
                      let rows = try? await Probe.count(app, "enterprise_indicators") else { return }
                await sightings.add((read.status, read.phase, read.progress, read.total, rows))
            }
            let outcome = try await ImportJob.run(register: IndicatorRegister(), source: .data(file), fileName: "月度.csv", limit: 1 << 20,
                                                  context: context, sliceRows: 4)
            guard case .succeeded = outcome else { return XCTFail("the file imports: \(outcome)") }
            let seen = await sightings.seen
            XCTAssertEqual(seen.count, 5, "18 rows in slices of 4")
            let first = try XCTUnwrap(seen.first)
            XCTAssertEqual(first.status, JobStatus.running.rawValue)
            XCTAssertEqual(first.phase, "writing", "the first slice's progress is seen during the import: \(seen)")
            XCTAssertGreaterThan(first.progress, 0)
            XCTAssertEqual(first.total, file.count, "progress is counted in the file's bytes")
            XCTAssertEqual(seen.map(\.rowsVisible), [0, 0, 0, 0, 0], "nothing of the file is visible before it commits")
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 18)
        }
    }

    func testTheSweepLeavesAJobWithALiveBeaconAlone() async throws {
        try await withApp { app, fixtures in
            func runningJob() async throws -> Int {
                let job = try await JobRunner.create(kind: "import:indicators", createdBy: fixtures.users[.office], input: nil, inputName: nil,
                                                     on: app.db, now: Date())
                try await Job.query(on: app.db).filter(\.$id == job.id!)
                    .set(\.$status, to: JobStatus.running.rawValue).set(\.$heartbeatAt, to: Date().addingTimeInterval(-120)).update()
                return job.id!
            }
            let busy = try await runningJob()
            let dead = try await runningJob()
            let beacon = JobBeacon.database(app)
            if let beacon { try await JobBeacon.heartbeat(jobID: busy, on: beacon) }
            try await JobRunner.sweepAbandoned(on: app.db, beacon: beacon)
            let busyStatus = try await Job.find(busy, on: app.db)?.status
            let deadStatus = try await Job.find(dead, on: app.db)?.status
            XCTAssertEqual(deadStatus, JobStatus.failed.rawValue, "no heartbeat for two minutes anywhere")
            // On PostgreSQL the row is the only heartbeat, so the busy job is as dead as the other.
            XCTAssertEqual(busyStatus, app.engine == .sqlite ? JobStatus.running.rawValue : JobStatus.failed.rawValue)
        }
    }

    func testAFinishedJobsBeaconIsGoneAndItsRowSaysAll() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            _ = try await api.createEnterprise("进度完成企业", code: USCC.numbered(9911), unit: fixtures.team)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI("indicators", fileName: "月度.csv", data: ImportDriver.csv([Self.header, "\(USCC.numbered(9911)),2024-01,100"]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["phase"] as? String, "done")
            XCTAssertEqual([job["progress"] as? Int, job["total"] as? Int], [1, 1], "the last count is the row's")
            let jobID = try XCTUnwrap(job["id"] as? Int)
            // The runner lets the beacon go after it has marked the row finished.
            let deadline = Date().addingTimeInterval(10)
            while (app.runningJobs?.running ?? 0) > 0, Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
            if let beacon = JobBeacon.database(app) {
                let left = try await JobBeacon.read([jobID], on: beacon)
                XCTAssertTrue(left.isEmpty, "\(left)")
            }
        }
    }
}
