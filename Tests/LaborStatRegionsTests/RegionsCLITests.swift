import Foundation
import Testing
import _LaborStatTestSupport

/// The built CLI: the province table must load wherever the binary runs.
@Suite("laborstat regions")
struct RegionsCLITests {
    @Test("prints the 34 divisions with the contract's columns")
    func regions() throws {
        let r = try runLaborstat(["regions"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "code,name,short_name,abbreviation,pinyin,region4,region7")
        #expect(lines.count == 35)
        #expect(lines.contains("610000,陕西省,陕西,陕,Shaanxi,西部,西北"))
        #expect(lines.contains("140000,山西省,山西,晋,Shanxi,中部,华北"))
        #expect(lines.contains("820000,澳门特别行政区,澳门,澳,Macao,港澳台,华南"))
    }

    @Test("a copy of the binary alone still has the table (no resource bundle needed)")
    func elsewhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-regions-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("laborstat")
        try FileManager.default.copyItem(at: laborstatExecutable(), to: copy)
        let p = Process()
        p.executableURL = copy
        p.arguments = ["regions"]
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).split(separator: "\n").count == 35)
    }
}
