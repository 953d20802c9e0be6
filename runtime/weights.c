/*===- weights.c - External weights mapped at model creation --------------===*
 *
 * A model compiled with --weights=external reads its large constants
 * through a pointer (def->weights_base) that the runtime points at a
 * read-only private mapping of the weights file. The mapping belongs to
 * the library, not to one instance: the first instance maps the file, the
 * last one unmaps it (def->weights_users counts them).
 *
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "runtime/runtime_internal.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* `<directory of the library holding def>/<def->weights_file>`. */
static bool default_path(const seqc_model_def *def, char *path, size_t size) {
  Dl_info info;
  if (!dladdr((const void *)def, &info) || !info.dli_fname)
    return false;
  const char *slash = strrchr(info.dli_fname, '/');
  int written =
      slash ? snprintf(path, size, "%.*s/%s", (int)(slash - info.dli_fname),
                       info.dli_fname, def->weights_file)
            : snprintf(path, size, "%s", def->weights_file);
  return written > 0 && (size_t)written < size;
}

SEQC_HIDDEN seqc_status seqc_weights_acquire(const seqc_model_def *def,
                                             const char *path, char *error,
                                             size_t error_size) {
  if (!def->weights_file)
    return SEQC_OK;
  if (!def->weights_base || !def->weights_users) {
    seqc_format_to(error, error_size,
                   "model definition names a weights file but no weights "
                   "pointer");
    return SEQC_ERROR_INTERNAL;
  }
  if (*def->weights_users > 0) {
    ++*def->weights_users;
    return SEQC_OK;
  }
  char found[PATH_MAX];
  if (!path) {
    if (!default_path(def, found, sizeof(found))) {
      seqc_format_to(error, error_size,
                     "cannot locate the library of the model to find its "
                     "weights file `%s`; pass weights_path",
                     def->weights_file);
      return SEQC_ERROR_IO;
    }
    path = found;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    seqc_format_to(error, error_size, "cannot open the weights file %s: %s",
                   path, strerror(errno));
    return SEQC_ERROR_IO;
  }
  struct stat info;
  if (fstat(fd, &info) != 0 || (uint64_t)info.st_size != def->weights_size) {
    seqc_format_to(error, error_size,
                   "the weights file %s has %lld bytes, expected %llu "
                   "(was it written by the same seqc run as the library?)",
                   path, (long long)info.st_size,
                   (unsigned long long)def->weights_size);
    close(fd);
    return SEQC_ERROR_IO;
  }
  void *mapping = MAP_FAILED;
  if (def->weights_size > 0)
    mapping = mmap(NULL, def->weights_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (def->weights_size > 0 && mapping == MAP_FAILED) {
    seqc_format_to(error, error_size, "cannot map the weights file %s: %s",
                   path, strerror(errno));
    return SEQC_ERROR_IO;
  }
  *def->weights_base = def->weights_size > 0 ? mapping : NULL;
  *def->weights_users = 1;
  return SEQC_OK;
}

SEQC_HIDDEN void seqc_weights_release(const seqc_model_def *def) {
  if (!def->weights_file || !def->weights_users || *def->weights_users <= 0)
    return;
  if (--*def->weights_users > 0)
    return;
  if (*def->weights_base)
    munmap((void *)(uintptr_t)*def->weights_base, def->weights_size);
  *def->weights_base = NULL;
}
