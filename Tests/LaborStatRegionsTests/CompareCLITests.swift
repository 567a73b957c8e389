import Foundation
import Testing
import _LaborStatTestSupport

/// `laborstat compare` end to end: the built CLI on the reference fixture and on bad input.
@Suite("laborstat compare")
struct CompareCLITests {
    static let refs = CompareReferenceTests.folder.path

    func write(_ text: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-compare-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Parses CSV output (no quoted fields) and compares it with an expected file to 1e-9.
    func check(_ stdout: String, against name: String) throws {
        let got = stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let (header, rows) = try CompareReferenceTests.csv(name)
        #expect(got.first == header)
        #expect(got.count - 1 == rows.count)
        for (g, w) in zip(got.dropFirst(), rows) {
            for (c, (a, b)) in zip(g, w).enumerated() {
                if let x = Double(a), let y = Double(b) {
                    #expect(isClose(x, y, rel: 1e-9), "\(header[c]): \(a) vs \(b)")
                } else {
                    #expect(a == b, "\(header[c]): \(a) vs \(b)")
                }
            }
        }
    }

    @Test("per 10,000 through a denominator file, baseline 广东: the pandas numbers")
    func perCapita() throws {
        let r = try runLaborstat(["compare", "\(Self.refs)/fixture.csv", "--region", "province", "--agg", "count",
                                  "--denominator", "\(Self.refs)/denominators.csv", "--per", "10000", "--baseline", "广东"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: no denominator") && r.stderr.contains("香港"))
        try check(r.stdout, against: "expected_count_per10k_base_guangdong.csv")
    }

    @Test("rate A/B and --test: the pandas/scipy numbers")
    func rateTest() throws {
        let r = try runLaborstat(["compare", "\(Self.refs)/fixture.csv", "--region", "province", "--agg", "rate migrant_workers/workers", "--unit", "person"])
        #expect(r.status == 0)
        try check(r.stdout, against: "expected_rate_province.csv")
        let t = try runLaborstat(["compare", "\(Self.refs)/fixture.csv", "--region", "province", "--agg", "rate:migrant_workers/workers", "--test", "--unit", "person"])
        #expect(t.status == 0)
        // Drop the method column (text) before comparing.
        let stripped = t.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }.joined(separator: "\n")
        try check(stripped, against: "expected_rate_province_test.csv")
    }

    @Test("unmatched spellings: exit 65, each listed with its rows and a hint")
    func unmatched() throws {
        let f = try write("省份,金额\n陕西,1\nShaanxi,2\n西安,3\n陝西,4\n西安,5\n", "bad.csv")
        let r = try runLaborstat(["compare", f, "--region", "省份", "--value", "金额"])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("laborstat: \(f): column \"省份\": 2 spellings match no province:"))
        #expect(r.stderr.contains("\"西安\" in data rows 3, 5"))
        #expect(r.stderr.contains("\"陝西\" in data row 4"))
        #expect(r.stderr.contains("hint:") && r.stderr.contains("--keep-unmatched"))
        let k = try runLaborstat(["compare", f, "--region", "省份", "--value", "金额", "--keep-unmatched"])
        #expect(k.status == 0)
        #expect(k.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
                == ["region,region_code,value", "陕西,610000,3", "西安,,8", "陝西,,4"])
    }

    @Test("hierarchy files: roll-up, and cycles or two parents are errors (exit 65)")
    func hierarchy() throws {
        let data = try write("city,n\n雁塔区,1\n西安,2\n朝阳区,4\n大理州,8\n", "cities.csv")
        let h = try write("child,parent\n雁塔区,西安市\n西安市,陕西省\n朝阳区,北京市\n大理白族自治州,云南\n", "h.csv")
        let r = try runLaborstat(["compare", data, "--region", "city", "--value", "n", "--hierarchy", h, "--level", "region4"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
                == ["region,region_code,value", "东部,,4", "西部,,11"])
        let cyc = try write("child,parent\na,b\nb,a\n", "cycle.csv")
        let c = try runLaborstat(["compare", data, "--region", "city", "--hierarchy", cyc, "--level", "custom"])
        #expect(c.status == 65 && c.stderr.contains("circle"))
        let dup = try write("child,parent\n朝阳区,北京市\n朝阳区,辽宁省\n", "dup.csv")
        let d = try runLaborstat(["compare", data, "--region", "city", "--hierarchy", dup])
        #expect(d.status == 65 && d.stderr.contains("different parents"))
    }

    @Test("usage errors exit 64", arguments: [
        ["--level", "county"], ["--agg", "mode"], ["--baseline", "湖北"], ["--level", "custom"], ["--test"], ["--per", "100"],
    ])
    func usage(extra: [String]) throws {
        let r = try runLaborstat(["compare", "\(Self.refs)/fixture.csv", "--region", "province", "--value", "amount_owed"] + extra)
        #expect(r.status == 64, "\(extra): \(r.stderr)")
        #expect(r.stderr.hasPrefix("laborstat: ") || r.stderr.contains("Error:"))
    }

    @Test("--svg draws ranked bars with the national bar, --map a tile map; chart tilemap takes any spelling")
    func charts() throws {
        let bars = try write("", "bars.svg"), map = try write("", "map.svg")
        let r = try runLaborstat(["compare", "\(Self.refs)/fixture.csv", "--region", "province", "--agg", "rate migrant_workers/workers",
                                  "--unit", "person", "--svg", bars, "--map", map])
        #expect(r.status == 0, "\(r.stderr)")
        let b = try String(contentsOfFile: bars, encoding: .utf8), m = try String(contentsOfFile: map, encoding: .utf8)
        #expect(b.hasPrefix("<svg") || b.hasPrefix("<?xml"))
        #expect(b.contains("全国 (national)") && b.contains("陕西") && b.contains("binomial"))
        #expect(m.contains("黑龙江") && m.contains("澳门") && m.contains("0.766"))
        let data = try write("省,值\nShaanxi,3\n广东省,5\n11,2\n", "tiles.csv")
        let t = try runLaborstat(["chart", "tilemap", data, "--x", "省", "--y", "值", "-o", map])
        #expect(t.status == 0, "\(t.stderr)")
        #expect(try String(contentsOfFile: map, encoding: .utf8).contains("陕西"))
        let bad = try write("省,值\nAtlantis,3\n", "bad-tiles.csv")
        let e = try runLaborstat(["chart", "tilemap", bad, "--x", "省", "--y", "值", "-o", map])
        #expect(e.status != 0 && e.stderr.contains("Atlantis"))
    }

    @Test("under a survey design, with --where as a domain: R survey's numbers")
    func design() throws {
        let r = try runLaborstat(["compare", "\(Self.refs)/survey_fixture.csv", "--region", "province", "--value", "monthly_income",
                                  "--agg", "mean", "--weight", "weight", "--strata", "stratum", "--cluster", "psu",
                                  "--fpc", "psu_population", "--where", "hours_per_week >= 50"])
        #expect(r.status == 0, "\(r.stderr)")
        try check(r.stdout, against: "expected_survey_domain_mean_province.csv")
        let j = try runLaborstat(["compare", "\(Self.refs)/survey_fixture.csv", "--region", "province", "--value", "monthly_income",
                                  "--weight", "weight", "--strata", "stratum", "--cluster", "psu", "--fpc", "psu_population", "--format", "json"])
        #expect(j.status == 0 && j.stdout.contains("Taylor linearization") && j.stdout.contains("strata=stratum"))
        let t = try runLaborstat(["compare", "\(Self.refs)/survey_fixture.csv", "--region", "province", "--agg", "count",
                                  "--weight", "weight", "--test"])
        #expect(t.status == 64)
    }

    @Test("--sort rank lists the largest first")
    func sortRank() throws {
        let r = try runLaborstat(["compare", "\(Self.refs)/fixture.csv", "--region", "province", "--value", "amount_owed", "--sort", "rank"])
        #expect(r.status == 0)
        let ranks = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] }
        #expect(ranks == (1...14).map { Substring(String($0)) })
        let bad = try runLaborstat(["compare", "\(Self.refs)/fixture.csv", "--region", "province", "--sort", "size"])
        #expect(bad.status == 64)
    }

    @Test("help names the methods")
    func help() throws {
        let r = try runLaborstat(["compare", "--help"])
        #expect(r.status == 0)
        for s in ["binomial", "Poisson", "Wilson", "Holm", "prop.test", "--keep-unmatched", "--denominator", "region_code"] {
            #expect(r.stdout.contains(s), "\(s)")
        }
    }
}
