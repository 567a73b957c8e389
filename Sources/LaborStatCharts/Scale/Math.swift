#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The module has no Foundation dependency; these are the few libm calls it needs.
func log10Approx(_ x: Double) -> Double { log10(x) }
func log10d(_ x: Double) -> Double { log10(x) }
func pow10d(_ x: Double) -> Double { pow(10, x) }
func sqrtd(_ x: Double) -> Double { x.squareRoot() }
func powd(_ x: Double, _ y: Double) -> Double { pow(x, y) }
func log2d(_ x: Double) -> Double { log2(x) }
