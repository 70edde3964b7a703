import Glibc

/// Wall-clock times of the command's phases, printed to stderr when the environment sets
/// GAOXIN_COMPLEXITY_PROFILE=1 (used by scripts/bench-complexity to show where time goes).
struct PhaseClock {
    private let enabled: Bool
    private var last: Double

    init() {
        enabled = getenv("GAOXIN_COMPLEXITY_PROFILE").map { String(cString: $0) == "1" } ?? false
        last = Self.now()
    }

    mutating func lap(_ phase: String) {
        let time = Self.now()
        if enabled { fputs("profile: \(phase) \(Double(Int((time - last) * 1000)) / 1000) s\n", stderr) }
        last = time
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}
