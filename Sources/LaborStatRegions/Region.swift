/// China's provincial-level divisions and matching of their many spellings (filled in by the regions work).
public enum Regions {}
