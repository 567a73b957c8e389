import Testing
@testable import LaborStatCharts

/// Estimated label widths against the real font's advances (References/make-font-widths.py reads
/// Noto Sans CJK SC with fontTools): never more than 3 % narrower (labels would collide), at most
/// 30 % wider (margins would waste room). CJK must be exact.
@Suite("Text widths against the real font")
struct TextMetricsTests {
    @Test(arguments: FontWidthReferences.notoSansCJKSC.indices)
    func widthAgainstNotoSansCJK(_ i: Int) {
        let (label, real) = FontWidthReferences.notoSansCJKSC[i]
        let estimate = TextMetrics.width(label, fontSize: 1)
        #expect(estimate >= real * 0.97, "\(label): estimate \(estimate) em, font \(real) em")
        #expect(estimate <= real * 1.30, "\(label): estimate \(estimate) em, font \(real) em")
        if label.unicodeScalars.allSatisfy(TextMetrics.isWide) {
            #expect(abs(estimate - real) < 1e-9, "\(label): CJK is 1 em a character")
        }
    }
}
