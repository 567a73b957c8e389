/// One statistic `describe --stats` can print; its `name` is the output column's header.
public enum DescribeStatistic: Hashable, Sendable {
    case n, missing, sumWeight, mean, sd, variance, cv, min, max, total, gini, skewness, kurtosis
    /// The quantile at probability p (0…1), printed as `pX` with X in percent (`p2.5`, `p50`).
    case quantile(Double, label: String)
    // Design-based only (need a survey design: standard errors, intervals, design effects).
    case meanSE, meanCILow, meanCIHigh, totalSE, deff
    /// The Gini coefficient's linearized SE (R convey `svygini`).
    case giniSE
    /// Low-pay threshold (fraction × quantile) and the share at or below it, with SEs (convey `svyarpt`, `svyarpr`).
    case lowPayThreshold, lowPayThresholdSE, lowPayRate, lowPayRateSE
    /// The gender pay gap and its SE (convey `svygpg`), added by `describe --pay-gap COL=LEVEL`.
    case payGap, payGapSE
    case quantileSE(Double, label: String), quantileCILow(Double, label: String), quantileCIHigh(Double, label: String)

    /// The contract's default list without a design.
    public static let defaults: [DescribeStatistic] = [.n, .missing, .mean, .sd, .min, q(25), q(50), q(75), .max]
    /// The contract's default list under a survey design.
    public static let designDefaults: [DescribeStatistic] = [.n, .missing, .mean, .meanSE, .meanCILow, .meanCIHigh,
                                                              .total, .totalSE, .sd, .min, q(25), q(50), q(75), .max]
    static func q(_ pct: Int) -> DescribeStatistic { .quantile(Double(pct) / 100, label: "p\(pct)") }

    static let simpleNames: [String: DescribeStatistic] = [
        "n": .n, "missing": .missing, "sum_weight": .sumWeight, "mean": .mean, "sd": .sd, "var": .variance,
        "cv": .cv, "min": .min, "max": .max, "total": .total, "gini": .gini, "skewness": .skewness,
        "kurtosis": .kurtosis, "mean_se": .meanSE, "mean_ci_low": .meanCILow, "mean_ci_high": .meanCIHigh,
        "total_se": .totalSE, "deff": .deff, "median": q(50), "gini_se": .giniSE,
        "lowpay_threshold": .lowPayThreshold, "lowpay_threshold_se": .lowPayThresholdSE, "lowpay_rate": .lowPayRate, "lowpay_rate_se": .lowPayRateSE,
    ]
    public static let knownNames = ["n", "missing", "sum_weight", "mean", "mean_se", "mean_ci_low", "mean_ci_high",
                                    "total", "total_se", "sd", "var", "cv", "min", "max", "gini", "gini_se", "skewness", "kurtosis", "deff",
                                    "lowpay_threshold", "lowpay_threshold_se", "lowpay_rate", "lowpay_rate_se"]

    /// Parses a name of `--stats`: the fixed names, `median`, and `pX`, `pX_se`, `pX_ci_low`, `pX_ci_high`.
    public init(_ text: String) throws(DescriptiveError) {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let v = DescribeStatistic.simpleNames[s] { self = v; return }
        var body = Substring(s)
        var suffix = ""
        for sfx in ["_se", "_ci_low", "_ci_high"] where body.hasSuffix(sfx) {
            suffix = sfx
            body = body.dropLast(sfx.count)
        }
        guard body.hasPrefix("p"), let pct = Double(body.dropFirst()), pct >= 0, pct <= 100, !body.dropFirst().contains("e") else {
            throw .unknownStatistic(text, known: DescribeStatistic.knownNames)
        }
        let label = String(body)
        let p = pct / 100
        switch suffix {
        case "_se": self = .quantileSE(p, label: label + "_se")
        case "_ci_low": self = .quantileCILow(p, label: label + "_ci_low")
        case "_ci_high": self = .quantileCIHigh(p, label: label + "_ci_high")
        default: self = .quantile(p, label: label)
        }
    }

    /// Parses a comma-separated `--stats` list.
    public static func list(_ text: String) throws(DescriptiveError) -> [DescribeStatistic] {
        var out: [DescribeStatistic] = []
        for part in text.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(try DescribeStatistic(String(part)))
        }
        return out
    }

    /// The output column's header.
    public var name: String {
        switch self {
        case .n: "n"
        case .missing: "missing"
        case .sumWeight: "sum_weight"
        case .mean: "mean"
        case .sd: "sd"
        case .variance: "var"
        case .cv: "cv"
        case .min: "min"
        case .max: "max"
        case .total: "total"
        case .gini: "gini"
        case .skewness: "skewness"
        case .kurtosis: "kurtosis"
        case .meanSE: "mean_se"
        case .meanCILow: "mean_ci_low"
        case .meanCIHigh: "mean_ci_high"
        case .totalSE: "total_se"
        case .deff: "deff"
        case .giniSE: "gini_se"
        case .lowPayThreshold: "lowpay_threshold"
        case .lowPayThresholdSE: "lowpay_threshold_se"
        case .lowPayRate: "lowpay_rate"
        case .lowPayRateSE: "lowpay_rate_se"
        case .payGap: "pay_gap"
        case .payGapSE: "pay_gap_se"
        case .quantile(_, let l), .quantileSE(_, let l), .quantileCILow(_, let l), .quantileCIHigh(_, let l): l
        }
    }

    /// True for statistics that only a survey design defines (standard errors, intervals, deff).
    public var needsDesign: Bool {
        switch self {
        case .meanSE, .meanCILow, .meanCIHigh, .totalSE, .deff, .giniSE, .lowPayThreshold, .lowPayThresholdSE, .lowPayRate, .lowPayRateSE, .payGap, .payGapSE, .quantileSE, .quantileCILow, .quantileCIHigh: true
        default: false
        }
    }

    /// True when the values must be sorted per group (quantiles, Gini).
    var needsSortedValues: Bool {
        switch self {
        case .quantile, .gini, .quantileSE, .quantileCILow, .quantileCIHigh: true
        default: false
        }
    }

    var isCount: Bool { self == .n || self == .missing }
}

import Foundation
