// librsvg + cairo (Debian: librsvg2-dev, libcairo2-dev) and fontconfig, used by LaborStatCharts'
// PNG and PDF rendering.
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
