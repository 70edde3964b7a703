import Foundation
import Metrics
import Prometheus

/// The process's metrics, in the Prometheus text format at `/metrics`. Vapor already records every
/// request (`http_requests_total`, `http_request_duration_seconds` per route pattern, method and
/// status) through swift-metrics; bootstrapping swift-metrics with the Prometheus factory makes
/// those histograms, and the application adds its own: database connection waits, job counts
/// (read when scraped) and import rows.
enum OperatorMetrics {
    static let registry = PrometheusCollectorRegistry()

    /// swift-metrics takes one backend per process, and tests make many applications.
    static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Requests that matter here take 1 ms to a few seconds.
        factory.defaultDurationHistogramBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
            .map { Duration.milliseconds(Int64($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
    }()

    /// How long a statement waited for a database connection of its pool.
    static func connectionWait(nanoseconds: UInt64, engine: String) {
        Timer(label: "gaoxin_db_connection_wait_seconds", dimensions: [("engine", engine)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// Rows an import wrote, and how fast (rows per second of the whole run).
    static func imported(rows: Int, register: String, seconds: Double) {
        Counter(label: "gaoxin_import_rows_total", dimensions: [("register", register)]).increment(by: rows)
        if seconds > 0 {
            Gauge(label: "gaoxin_import_last_rows_per_second", dimensions: [("register", register)]).record(Double(rows) / seconds)
        }
    }

    /// Jobs by status, counted when scraped (any server's jobs: they live in the database).
    static func jobs(_ counts: [String: Int]) {
        for status in JobStatus.allCases.map(\.rawValue) {
            Gauge(label: "gaoxin_jobs", dimensions: [("status", status)]).record(counts[status] ?? 0)
        }
    }

    static func text() -> String { registry.emitToString() }
}
