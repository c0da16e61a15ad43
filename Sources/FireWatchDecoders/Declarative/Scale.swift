/// `metric = raw × scale + add`. A scale like 0.1 divides by 10 instead of multiplying, so 235 gives
/// 23.5 rather than 23.500000000000004 in stored readings and in example comparisons.
struct Scale: Hashable, Sendable {
    let factor: Double
    let add: Double
    private let divisor: Double?

    init(factor: Double = 1, add: Double = 0) {
        self.factor = factor
        self.add = add
        let inverse = 1 / factor
        let rounded = inverse.rounded()
        divisor = abs(factor) < 1 && factor != 0 && abs(inverse - rounded) < 1e-9 ? rounded : nil
    }

    var isIdentity: Bool { factor == 1 && add == 0 }

    func apply(_ raw: Double) -> Double {
        if let divisor { return raw / divisor + add }
        return raw * factor + add
    }

    /// The raw value that gives `value`, for the encode direction (integer fields round it).
    func invert(_ value: Double) -> Double {
        divisor.map { (value - add) * $0 } ?? (value - add) / factor
    }
}
