import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The pipeline actor's own thread, whose priority follows its work. Alarm decisions and a pipeline
/// that keeps up run at the normal priority, so no ordinary process on a district server takes the CPU
/// from them; working through a backlog of routine traffic runs at nice 10, so journaling and
/// acknowledging (what the broker waits for) win the CPU under saturation and the backlog catches up
/// from the journal once the burst passes.
final class PipelineExecutor: SerialExecutor, @unchecked Sendable {
    private let jobs = Mutex<[UnownedJob]>([])
    private let wake = DispatchSemaphore(value: 0)
    /// The nice value for routine backlog work.
    let backlogNiceness: Int32
    /// The thread's nice value now (touched on the thread only).
    private var current: Int32 = 0
    /// Coming back from nice 10 needs root or RLIMIT_NICE of 20 (systemd `LimitNICE=+0`); without it
    /// the thread never leaves the normal priority, so an alarm is never decided at nice 10.
    private let mayLower: Bool
    /// Why the thread cannot change its priority (a seccomp filter refusing `setpriority`, say), once
    /// it tried: the daemon logs it, since alarms then wait behind routine work at nice 0 or never
    /// return from nice 10.
    let priorityProblem = Mutex<String?>(nil)

    init(backlogNiceness: Int32 = 10) {
        self.backlogNiceness = backlogNiceness
        var limit = rlimit()
        mayLower = geteuid() == 0 || (getrlimit(__rlimit_resource_t(__RLIMIT_NICE.rawValue), &limit) == 0 && limit.rlim_cur >= 20)
        let thread = Thread { [self] in self.run() }
        thread.name = "pipeline"
        thread.start()
    }

    /// Runs routine backlog work at the backlog nice value, everything else at the normal one. Call it
    /// from the pipeline (it sets the calling thread's nice value).
    func prefer(backlog: Bool) {
        let wanted: Int32 = backlog && mayLower ? backlogNiceness : 0
        guard wanted != current else { return }
        // Linux: the nice value is per thread; setpriority(PRIO_PROCESS, 0, …) sets the calling thread's.
        if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, wanted) == 0 {
            current = wanted
        } else {
            let why = "setpriority(\(wanted)) failed: \(String(cString: strerror(errno)))"
            priorityProblem.withLock { if $0 == nil { $0 = why } }
        }
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
