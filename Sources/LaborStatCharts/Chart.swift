/// A small grammar of graphics that writes SVG (filled in by the charts work).
public enum Charts {}
