// The only C surface LaborStat uses: CBLAS from OpenBLAS and LAPACKE (Debian: libopenblas-dev, liblapacke-dev).
#include <cblas.h>
#include <lapacke.h>
