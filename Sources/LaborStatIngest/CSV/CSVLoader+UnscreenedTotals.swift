/// A large file's body is screened for totals at its two ends only (`screenWholeBytes`), so a
/// 小计 or 合计 row in the middle would be read as data and counted twice. Such rows are found by
/// their label, cheaply: every such label ends in `计`, whose UTF-8 bytes are searched for; only a
/// hit's record is tokenized. The file is then refused with the row's place and the flags, never
/// read with the subtotal as data.
extension CSVLoader {
    static let unscreenedTotalLabels: Set<String> = ["合计", "小计", "总计", "共计"]

    /// The first record in `lo ..< hi` (record starts at line starts) whose label — its first
    /// non-empty cell, spaces removed — is a total or subtotal label: its first byte and the label.
    static func unscreenedTotal(_ p: UnsafePointer<UInt8>, lo: Int, hi: Int, delimiter: UInt8) -> (offset: Int, label: String)? {
        // 计 is E8 AE A1.
        var i = lo
        while i + 2 < hi {
            guard p[i] == 0xE8, p[i + 1] == 0xAE, p[i + 2] == 0xA1 else { i += 1; continue }
            var s = i
            while s > lo && p[s - 1] != CSVTokenizer.lf { s -= 1 }
            let r = CSVTokenizer.records(p, lo: s, hi: hi, delimiter: delimiter, limit: 1)
            if r.error == nil, let record = r.records.first,
               let label = texts(p, origin: s, [record])[0].lazy.compactMap({ $0 }).first(where: { !$0.isEmpty }) {
                let squeezed = LayoutCells.squeezed(label)
                if unscreenedTotalLabels.contains(squeezed) { return (s, squeezed) }
            }
            // On to the next line: one hit per record is enough.
            i += 3
            while i < hi && p[i - 1] != CSVTokenizer.lf { i += 1 }
        }
        return nil
    }
}
