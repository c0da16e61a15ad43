import Testing

/// Every integration suite, one at a time. Each holds a test-runner thread while it waits on real
/// processes (a broker, a daemon, curl, schemathesis); run side by side on a 2-core machine they took
/// both of the cooperative pool's threads, and the in-process async server tests of other targets
/// starved (an event stream that sent nothing for 20 s). Unit tests still run beside them.
@Suite(.serialized) enum Integration {}
