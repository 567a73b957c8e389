/// Guesses the field delimiter from the first lines: for each candidate (`,`, tab, `;`, `|`) split
/// the first records (quotes respected) and keep the candidates that give every record the same
/// number of fields, more than one; the one with the most fields wins (ties in the order listed).
/// When no candidate is consistent, the one with the largest share of records agreeing with its
/// first record wins; with nothing to go on, `,`.
enum DelimiterSniffer {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "|")]

    static func sniff(_ p: UnsafePointer<UInt8>, lo: Int, hi: Int, sampleRecords: Int = 30) -> UInt8 {
        let end = min(hi, lo + (1 << 16))
        var best: (UInt8, Int, Double)? = nil   // delimiter, fields, consistency
        for d in candidates {
            var (records, _, stop, _) = CSVTokenizer.records(p, lo: lo, hi: end, delimiter: d, limit: sampleRecords + 1)
            // The last record may be cut by the sample's end.
            if stop >= end && end < hi && records.count > 1 { records.removeLast() }
            guard let first = records.first else { continue }
            let fields = first.count
            if fields < 2 { continue }
            let agree = Double(records.filter { $0.count == fields }.count) / Double(records.count)
            if let b = best {
                if agree > b.2 || (agree == b.2 && fields > b.1) { best = (d, fields, agree) }
            } else {
                best = (d, fields, agree)
            }
        }
        return best?.0 ?? UInt8(ascii: ",")
    }
}
