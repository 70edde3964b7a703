import Fluent
import Foundation

/// Long work (imports, later bulletins and recomputation) as a row whose progress any server can
/// show. `heartbeat_at` lets a booting server tell a crashed job from one another server still runs.
final class Job: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "phase") var phase: String
    @Field(key: "progress") var progress: Int
    @Field(key: "total") var total: Int
    @OptionalField(key: "message") var message: String?
    @OptionalField(key: "result_json") var resultJSON: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "heartbeat_at") var heartbeatAt: Date?
    /// Room for a job's input file. Imports currently hand the file to the job in memory (a job
    /// whose process dies is failed by the sweep, so nothing needs it back); kept for jobs that
    /// will be resumed by another server. Always cleared when a job finishes.
    @OptionalField(key: "input") var input: Data?
    @OptionalField(key: "input_name") var inputName: String?

    init() {}
}

enum JobStatus: String, Codable, CaseIterable {
    case queued, running, succeeded, failed

    var nameZh: String {
        switch self {
        case .queued: return "排队中"
        case .running: return "进行中"
        case .succeeded: return "已完成"
        case .failed: return "失败"
        }
    }
}
