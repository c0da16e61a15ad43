import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The pipeline actor's own thread, niced below the ingest thread. When the machine is saturated
/// (a burst of tens of thousands of messages a second), the scheduler then favours journaling and
/// acknowledging — what the broker waits for — over decoding, which catches up from the journal once
/// the burst passes. On an idle machine the nice value changes nothing.
final class PipelineExecutor: SerialExecutor, @unchecked Sendable {
    private let jobs = Mutex<[UnownedJob]>([])
    private let wake = DispatchSemaphore(value: 0)
    let niceness: Int32

    init(niceness: Int32 = 10) {
        self.niceness = niceness
        let thread = Thread { [self] in self.run() }
        thread.name = "pipeline"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        jobs.withLock { $0.append(unowned) }
        wake.signal()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    private func run() {
        // Linux: the nice value is per thread, and setpriority(PRIO_PROCESS, 0, …) sets the calling
        // thread's; raising it needs no privilege.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        while true {
            wake.wait()
            let batch = jobs.withLock { j -> [UnownedJob] in
                defer { j.removeAll(keepingCapacity: true) }
                return j
            }
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
        }
    }
}
