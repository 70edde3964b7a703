import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The jobs this process is working on, so that shutting down waits for them: a job cut off
/// mid-way rolls back (nothing is half-written) but is lost work, and its queries on a closing
/// connection pool would drop connections unclosed. A job is counted from before its task
/// starts until after its row is marked finished.
final class RunningJobs: LifecycleHandler, @unchecked Sendable {
    struct Key: StorageKey { typealias Value = RunningJobs }
    /// Shutting down waits at most this long for running jobs (a stuck one is swept as abandoned later).
    static let shutdownWait: TimeInterval = 120

    private let count = NIOLockedValueBox(0)

    func enter() { count.withLockedValue { $0 += 1 } }
    func leave() { count.withLockedValue { $0 -= 1 } }
    var running: Int { count.withLockedValue { $0 } }

    func shutdownAsync(_ application: Application) async {
        let deadline = Date().addingTimeInterval(Self.shutdownWait)
        while running > 0, Date() < deadline {
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }
}

extension Application {
    /// Set by `configure`; an application without it (a bare test app) tracks nothing.
    var runningJobs: RunningJobs? { storage[RunningJobs.Key.self] }
}
