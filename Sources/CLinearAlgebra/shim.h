#ifndef GAOXIN_CLINEARALGEBRA_SHIM_H
#define GAOXIN_CLINEARALGEBRA_SHIM_H

// cblas.h comes from libopenblas-dev (in the multiarch include directory through Debian's
// alternatives); lapacke.h from liblapacke-dev. Only the double-precision real routines are
// used by GaoxinComplexity: cblas_dgemm, cblas_dsyrk and LAPACKE_dsyevr.
#include <cblas.h>
#include <lapacke.h>

// lapack_int is a macro (int32_t or int64_t, chosen by LAPACKE's configuration); Swift does not
// import macros that name types, so give it a typedef.
typedef lapack_int gx_lapack_int;

#endif
