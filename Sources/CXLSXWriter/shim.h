// libxlsxwriter (Debian: libxlsxwriter-dev, pkg-config xlsxwriter), used by LaborStatExport's XLSX writer.
#include <xlsxwriter.h>
