import GaoxinDomain
import XCTest

/// Late on a day: a planned day passed before it and the stage not reached by it — judged from
/// the days alone, so a past day's answer stays what it was.
final class ProjectLatenessTests: XCTestCase {
    let planned: [ProjectStage: String] = [.registered: "2025-05-31", .started: "2025-09-30", .completed: "2027-03-31"]

    func testAPassedPlannedDayNotReachedIsLate() {
        let missed = ProjectLateness.asOf("2025-06-30", planned: planned, reached: [:])
        XCTAssertEqual(missed, .init(stageReached: .signed, missedStage: .registered, plannedOn: "2025-05-31"))
    }

    func testThePlannedDayItselfIsNotYetLate() {
        XCTAssertNil(ProjectLateness.asOf("2025-05-31", planned: planned, reached: [:]))
    }

    func testAStageReachedAfterTheDayStillCountsAsLateOnThatDay() {
        let reached: [ProjectStage: String] = [.registered: "2025-07-15"]
        XCTAssertEqual(ProjectLateness.asOf("2025-06-30", planned: planned, reached: reached)?.missedStage, .registered)
        XCTAssertNil(ProjectLateness.asOf("2025-08-31", planned: planned, reached: reached), "on time by August's end")
        XCTAssertEqual(ProjectLateness.asOf("2025-10-31", planned: planned, reached: reached),
                       .init(stageReached: .registered, missedStage: .started, plannedOn: "2025-09-30"))
    }

    func testTheEarliestMissedStageIsNamed() {
        let skipped: [ProjectStage: String] = [.registered: "2025-05-31", .started: "2025-04-30"]
        XCTAssertEqual(ProjectLateness.asOf("2025-06-30", planned: skipped, reached: [:])?.missedStage, .started)
    }
}
