import Foundation

/// How region spellings are compared: the normal form of a name, and the suffixes that may be dropped.
///
/// Two spellings match when their normal forms are equal, or equal after one administrative suffix
/// is removed from the input. The normal form is: NFKC (full-width `ＳＨＡＡＮＸＩ`, `１１００００`
/// become half-width), lower case, without white space (also the ideographic space U+3000),
/// hyphens, underscores, dots, apostrophes or middle dots, and without tone marks (Shǎnxī → shanxi,
/// except that the toned spellings of 陕西 and 山西 are told apart first; see `RegionMatcher`).
public enum RegionName {
    /// The normal form of a spelling (see the type's documentation).
    public static func normalize(_ s: String) -> String {
        let folded = s.precomposedStringWithCompatibilityMapping.lowercased()
            .decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        for u in folded.unicodeScalars {
            if u.properties.isWhitespace { continue }
            switch u.value {
            case 0x2D, 0x5F, 0x2E, 0x27, 0x2019, 0x2018, 0xB7, 0x30FB, 0x2010...0x2015: continue // - _ . ' ’ ‘ · ・ dashes
            case 0x0300...0x036F: continue // combining marks: tone marks of pinyin
            default: out.append(u)
            }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// Administrative suffixes of Chinese names, longest first (so 壮族自治区 goes before 自治区).
    public static let chineseSuffixes = [
        "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "特区", "省", "市",
    ]

    /// Suffixes of English and pinyin names, in normal form, longest first.
    public static let latinSuffixes = [
        "specialadministrativeregion", "tebiexingzhengqu", "autonomousregion", "municipality",
        "province", "zizhiqu", "sheng", "city", "sar", "shi",
    ]

    /// The normal form with one suffix removed, if it ends with one and something is left.
    public static func strippingSuffix(_ normalized: String) -> String? {
        for s in chineseSuffixes + latinSuffixes where normalized.hasSuffix(s) && normalized.count > s.count {
            return String(normalized.dropLast(s.count))
        }
        return nil
    }
}
