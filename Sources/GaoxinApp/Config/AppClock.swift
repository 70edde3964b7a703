import Foundation
import Vapor

/// "Now", injected so tests can freeze and move time (idle timeouts, lock-outs, due dates).
public final class AppClock: @unchecked Sendable {
    private let lock = NSLock()
    private var frozen: Date?

    public init(frozenAt date: Date? = nil) { frozen = date }

    public func now() -> Date {
        lock.lock(); defer { lock.unlock() }
        return frozen ?? Date()
    }

    /// Test hook: fix the clock, or move a fixed clock forward.
    public func set(_ date: Date) { lock.lock(); frozen = date; lock.unlock() }

    public func advance(by seconds: TimeInterval) {
        lock.lock(); defer { lock.unlock() }
        frozen = (frozen ?? Date()).addingTimeInterval(seconds)
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    public var clock: AppClock {
        if let clock = storage[ClockKey.self] { return clock }
        let clock = AppClock()
        storage[ClockKey.self] = clock
        return clock
    }

    public func useClock(_ clock: AppClock) { storage[ClockKey.self] = clock }
}

extension Request {
    var now: Date { application.clock.now() }
}
