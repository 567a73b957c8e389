/// A tile-grid map of China: one square per provincial-level division on an 8-row × 7-column grid,
/// placed so that neighbours stay near each other (黑龙江 top right, 新疆 and 西藏 on the left,
/// 海南 at the bottom, 台湾 right of 福建, 澳门 and 香港 below 广东).
///
/// ```
///      0   1   2   3   4   5   6
///  0                           黑
///  1               蒙  京  辽  吉
///  2   新  甘  宁  晋  冀  津
///  3   藏  青  陕  豫  鲁
///  4       川  渝  鄂  皖  苏  沪
///  5       云  贵  湘  赣  浙
///  6           桂  粤  闽  台
///  7           琼  澳  港
/// ```
///
/// The charts module draws it (`chart tilemap`, `compare --svg`); it does not depend on this
/// module, so the CLI passes the positions in.
public enum ProvinceTileGrid {
    public static let rows = 8
    public static let columns = 7

    /// (row, column), 0-based from the top left, by six-digit GB/T 2260 code.
    public static let positions: [Int: (row: Int, col: Int)] = [
        230000: (0, 6),
        150000: (1, 3), 110000: (1, 4), 210000: (1, 5), 220000: (1, 6),
        650000: (2, 0), 620000: (2, 1), 640000: (2, 2), 140000: (2, 3), 130000: (2, 4), 120000: (2, 5),
        540000: (3, 0), 630000: (3, 1), 610000: (3, 2), 410000: (3, 3), 370000: (3, 4),
        510000: (4, 1), 500000: (4, 2), 420000: (4, 3), 340000: (4, 4), 320000: (4, 5), 310000: (4, 6),
        530000: (5, 1), 520000: (5, 2), 430000: (5, 3), 360000: (5, 4), 330000: (5, 5),
        450000: (6, 2), 440000: (6, 3), 350000: (6, 4), 710000: (6, 5),
        460000: (7, 2), 820000: (7, 3), 810000: (7, 4),
    ]

    /// The tile of a province.
    public static func position(of p: Province) -> (row: Int, col: Int)? { positions[p.code] }
}
