/// The house style: sizes in px, colours, the font stack. One place, so every chart looks alike.
enum Style {
    /// Reaches a CJK font on Linux (Noto/Source Han/WenQuanYi), macOS (PingFang, Hiragino) and
    /// Windows (Microsoft YaHei), then the generic family.
    static let fontFamily =
        "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"

    static let pad = 16.0
    static let titleSize = 17.0
    static let subtitleSize = 13.0
    static let tickSize = 11.5
    static let axisTitleSize = 12.0
    static let legendSize = 12.0
    static let sourceSize = 11.0
    static let stripSize = 12.5

    static let titleColor = "#1A1A1A"
    static let subtitleColor = "#4D4D4D"
    static let tickColor = "#4D4D4D"
    static let sourceColor = "#737373"
    static let gridColor = "#E5E5E5"
    static let axisColor = "#B3B3B3"
    static let zeroColor = "#7F7F7F"
    static let background = "#FFFFFF"

    /// Line height as a multiple of the font size.
    static let leading = 1.32
    /// Offset from a line's vertical centre to its baseline, in em (CJK and digits alike).
    static let centerToBaseline = 0.36
}
