import FireWatchCore

/// The seeded generator tests use (FireWatchCore's, so tests importing only the kit have it).
public typealias SeededRandom = FireWatchCore.SeededRandom
