import Foundation
import Testing
import _LaborStatTestSupport

/// `laborstat trend` and `laborstat regress` end to end: headers as the contract names them,
/// exit codes, messages.
@Suite("trend and regress commands")
struct TrendRegressCLITests {
    static let series = Data("year,value\n2015,10\n2016,12\n2018,15\n".utf8)

    @Test("trend writes the contract's slope columns")
    func trendHeader() throws {
        let r = try runLaborstat(["trend", "--time", "year", "--value", "value"], stdin: Self.series)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "periods,first,last,first_value,last_value,change,pct_change,cagr,ols_slope,ols_se,ols_ci_low,ols_ci_high,ols_r2,ols_p_value,theil_sen_slope,theil_sen_ci_low,theil_sen_ci_high,kendall_tau,mk_z,mk_p_value")
        #expect(lines.count == 2 && lines[1].hasPrefix("3,2015,2018,10,15,5,0.5,"))
    }

    @Test("--stats picks and renames (the P3 header)")
    func trendStats() throws {
        let csv = Data("province,opened,amount_owed\n甲,2019-01-02,10\n甲,2020-05-01,30\n乙,2020-01-01,5\n甲,2020-07-01,2\n".utf8)
        let r = try runLaborstat(["trend", "--time", "opened:year", "--value", "amount_owed", "--by", "province",
                                  "--stats", "n_years=periods,ols_slope,theil_sen_slope"], stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "province,n_years,ols_slope,theil_sen_slope\n乙,1,,\n甲,2,22,22\n")
    }

    @Test("--series writes the per-period table")
    func trendSeries() throws {
        let r = try runLaborstat(["trend", "--time", "year", "--value", "value", "--series", "--window", "2"], stdin: Self.series)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "period,value,change,pct_change,index,moving_avg\n2015,10,,,100,\n2016,12,2,0.2,120,11\n2018,15,,,150,\n")
    }

    @Test("usage errors exit 64 with the reason", arguments: [
        (["trend", "--time", "yr", "--value", "value"], "no column named \"yr\""),
        (["trend", "--time", "value", "--value", "value"], "four-digit year"),
        (["trend", "--time", "year", "--value", "value", "--agg", "max"], "--agg must be"),
        (["trend", "--time", "year", "--value", "value", "--stats", "slope"], "unknown statistic"),
        (["regress", "--y", "value", "--x", "year,year"], "named twice"),
    ])
    func usage(_ args: [String], _ message: String) throws {
        let r = try runLaborstat(args, stdin: Self.series)
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test("regress reproduces NIST Norris and names collinear terms")
    func regress() throws {
        let norris = repositoryRoot().appendingPathComponent("Tests/LaborStatStatsTests/References/nist/regression/Norris.csv").path
        let r = try runLaborstat(["regress", norris, "--y", "y", "--x", "x"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0] == ["term", "estimate", "std_error", "t_value", "p_value", "ci_low", "ci_high"])
        #expect(rows[1][0] == "(Intercept)" && isClose(Double(rows[1][1])!, -0.262323073774029, rel: 1e-12))
        #expect(rows[2][0] == "x" && isClose(Double(rows[2][2])!, 0.429796848199937E-03, rel: 1e-12))

        let fit = try runLaborstat(["regress", norris, "--y", "y", "--x", "x", "--fit"])
        #expect(fit.stdout.hasPrefix("n,df_residual,sigma,r_squared,adj_r_squared,f_statistic,f_p_value\n36,34,"))

        let collinear = Data("y,a,b\n1,1,3\n2,2,6\n4,3,9\n3,4,12\n".utf8)
        let bad = try runLaborstat(["regress", "--y", "y", "--x", "a,b", "--no-intercept"], stdin: collinear)
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("rank 1 < 2") && bad.stderr.contains("collinear with"), "\(bad.stderr)")
    }
}
