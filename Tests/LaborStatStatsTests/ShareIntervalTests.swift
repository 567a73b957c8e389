import Foundation
import Testing
import LaborStatTable
@testable import LaborStatStats
import _LaborStatTestSupport

/// Intervals of design-based shares against R survey 4.5's `svyciprop` (References/survey/ciprop.R):
/// three designs, a common and a rare share, whole sample and a domain, every method, normal and t.
@Suite("share intervals vs R svyciprop (survey 4.5)")
struct ShareIntervalTests {
    static let designs: [String: (file: String, spec: SurveyDesignSpec)] = [
        "strat": ("apistrat.csv", SurveyDesignSpec(weight: "pw", strata: "stype", fpc: ["fpc"])),
        "clus1": ("apiclus1.csv", SurveyDesignSpec(weight: "pw", clusters: ["dnum"], fpc: ["fpc"])),
        "clus2": ("apiclus2.csv", SurveyDesignSpec(clusters: ["dnum", "snum"], fpc: ["fpc1", "fpc2"])),
    ]

    @Test("wald, logit, beta, xlogit, wilson match svyciprop; only wald leaves [0, 1]")
    func againstSvyciprop() throws {
        let rows = try SurveyReference.csvRows(SurveyReference.folder.appendingPathComponent("ciprop.csv")).dropFirst()
        var compared = 0, negativeWald = 0
        for r in rows {
            let (name, share, domainName, method, dfName) = (r[0].text, r[1].text, r[2].text, r[3].text, r[4].text)
            let value = Double(r[5].text)!, low = Double(r[6].text)!, high = Double(r[7].text)!
            #expect(r[8].text == "4.5")
            let (file, base) = try #require(Self.designs[name])
            let table = try SurveyReference.table(file)
            var spec = base
            spec.shareInterval = try #require(ShareInterval(rawValue: method))
            spec.df = dfName == "design" ? .design : .normal
            let design = try SurveyDesign(table: table, spec: spec)
            let y: [Double]
            if share == "awarded" {
                let c = try table.column(named: "awards"); y = (0..<c.count).map { c.string(at: $0) == "Yes" ? 1 : 0 }
            } else {
                y = try table.column(named: "api00").doubles().map { $0 >= 875 ? 1 : 0 }
            }
            let domain = domainName == "all" ? nil : try table.column(named: "meals").doubles().map { $0 > 40 }
            let e = try design.mean(values: y, domain: domain, groups: nil)[0]
            let label = "\(name) \(share) \(domainName) \(method) \(dfName)"
            // R's logit share is expit of a glm coefficient stopped at glm's tolerance (3e-12 for a share of 0).
            let tolerance = method == "logit" ? 1e-8 : 1e-9
            #expect(abs(e.value - value) <= tolerance * max(abs(value), 0.01), "\(label): share \(e.value) vs R \(value)")
            if e.value == 0 && method != "wald" {
                // R's glm stops at 3e-12 or gives NaN: undefined here, so empty.
                #expect(e.ciLow == nil && e.ciHigh == nil, "\(label): \(String(describing: e.ciLow))")
                continue
            }
            let gotLow = try #require(e.ciLow, "\(label): no lower limit"), gotHigh = try #require(e.ciHigh, "\(label): no upper limit")
            #expect(abs(gotLow - low) <= tolerance * abs(low), "\(label) low: \(gotLow) vs R \(low)")
            #expect(abs(gotHigh - high) <= tolerance * abs(high), "\(label) high: \(gotHigh) vs R \(high)")
            if method == "wald" { if low < 0 { negativeWald += 1 } } else { #expect(gotLow >= 0 && gotHigh <= 1) }
            compared += 1
        }
        #expect(compared >= 90)
        #expect(negativeWald > 0)   // the rare share's Wald interval does go below 0: the reason for logit
    }

    @Test("qbeta matches R's to 1e-12")
    func betaQuantile() {
        // R: sprintf("%.17g", qbeta(c(0.025, 0.5, 0.975), 2.5, 40.25))
        #expect(isClose(IncompleteBeta.quantile(0.025, a: 2.5, b: 40.25), 0.010086984760574718, rel: 1e-12))
        #expect(isClose(IncompleteBeta.quantile(0.5, a: 2.5, b: 40.25), 0.051693758807771412, rel: 1e-12))
        #expect(isClose(IncompleteBeta.quantile(0.975, a: 2.5, b: 40.25), 0.14491264584389707, rel: 1e-12))
    }
}
