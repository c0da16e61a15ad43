/// Columns aligned for a terminal, counting East Asian wide characters (Chinese) as two cells.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    /// Header and rows, two spaces between columns; the last column is not padded.
    public func render() -> String {
        let all = [headers] + rows
        let count = headers.count
        var widths = Array(repeating: 0, count: count)
        for row in all {
            for (i, cell) in row.prefix(count).enumerated() { widths[i] = max(widths[i], TextTable.width(cell)) }
        }
        return all.map { row in
            var line = ""
            for i in 0..<count {
                let cell = i < row.count ? row[i] : ""
                line += cell
                if i < count - 1 { line += String(repeating: " ", count: widths[i] - TextTable.width(cell) + 2) }
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }

    /// Terminal cells `text` takes: wide and fullwidth characters count two, combining marks none.
    public static func width(_ text: String) -> Int {
        var cells = 0
        for s in text.unicodeScalars {
            let v = s.value
            switch v {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: continue
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                cells += 2
            default: cells += 1
            }
        }
        return cells
    }
}
