/// Whether a project was late on a given day (a month's end, for the bulletin): a planned day of
/// some stage had passed and that stage was not reached by then. Computed from the planned and
/// reached days alone, so the answer for a past day does not change as the project moves on.
public enum ProjectLateness {
    public struct Missed: Equatable, Sendable {
        /// The stage the project had reached on the day (`signed` when none later).
        public let stageReached: ProjectStage
        /// The earliest stage whose planned day had passed unreached.
        public let missedStage: ProjectStage
        public let plannedOn: String

        public init(stageReached: ProjectStage, missedStage: ProjectStage, plannedOn: String) {
            self.stageReached = stageReached
            self.missedStage = missedStage
            self.plannedOn = plannedOn
        }
    }

    /// Days are `YYYY-MM-DD`; a planned day before `day` counts as passed.
    public static func asOf(_ day: String, planned: [ProjectStage: String], reached: [ProjectStage: String]) -> Missed? {
        let reachedBy = ProjectStage.allCases.filter { stage in stage == .signed || reached[stage].map { $0 <= day } == true }
        let stageReached = reachedBy.max() ?? .signed
        let missed = ProjectStage.allCases
            .filter { $0 > .signed && !reachedBy.contains($0) }
            .compactMap { stage in planned[stage].flatMap { $0 < day ? (stage, $0) : nil } }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }
        return missed.map { Missed(stageReached: stageReached, missedStage: $0.0, plannedOn: $0.1) }
    }
}
