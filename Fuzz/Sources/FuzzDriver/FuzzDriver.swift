/// libFuzzer's own driver, which SwiftPM executables must call themselves: SwiftPM names an
/// executable's entry point `<module>_main` and links `main` to it, so each target's
/// `fuzz_<name>_main` hands its arguments here.
@_silgen_name("LLVMFuzzerRunDriver")
func libFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Runs libFuzzer with the process's arguments, calling `body` with each input.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ body: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
    var c = argc
    var v = argv
    return libFuzzerRunDriver(&c, &v, body)
}
