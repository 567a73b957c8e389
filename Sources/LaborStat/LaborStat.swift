// The umbrella module: `import LaborStat` brings in the whole library.
@_exported import LaborStatCharts
@_exported import LaborStatExport
@_exported import LaborStatIngest
@_exported import LaborStatRegions
@_exported import LaborStatReport
@_exported import LaborStatStats
@_exported import LaborStatTable
