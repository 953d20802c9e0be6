/* Uses everything the header of emit-kinds.mlir declares; compiled as C99
 * and as C++ with every warning an error. */
#include "kinds.h"

#include <stddef.h>

int main(void) {
  static float x[1 * 4 * 8], w[4 * 3], g[8], y[1 * 4 * 8], z[1 * 4 * 8];
  const seqc_model_def *def = kinds_model_def();
  seqc_model *model = NULL;
  if (seqc_model_create(def, NULL, &model) != SEQC_OK)
    return 1;
  int sizes[] = {KINDS_CONV_NUM_INPUTS,           KINDS_CONV_NUM_OUTPUTS,
                 KINDS_NORM_NUM_INPUTS,           KINDS_NORM_NUM_OUTPUTS,
                 KINDS_CONV_WORKSPACE_BYTES >= 0, KINDS_NORM_WORKSPACE_BYTES};
  seqc_status status = kinds_conv(model, x, w, y);
  if (status == SEQC_OK)
    status = kinds_norm(model, y, g, z);
  seqc_model_destroy(model);
  return status == SEQC_OK && sizes[0] == 2 ? 0 : 1;
}
