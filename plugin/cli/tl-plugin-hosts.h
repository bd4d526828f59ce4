/* tl-plugin-hosts.h — the readers `telelens plugin` installs into
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One row per reader generation (a Liferea series, an Evolution series):
 * how to recognise it, which Telelens build it takes, where that build
 * goes, and how it is enabled. Adding a host is adding a row in
 * tl-plugin-hosts.c (HACKING.md, "Installing into a host").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *reader;        /* what the user reads: "Liferea" */
  const char *program;       /* found on PATH; `PROGRAM --version` prints its version */
  const char *package;       /* Debian package, asked when the program cannot say (dpkg-query) */
  const char *generation;    /* "1.15": what the build is made for */
  const char *from_version;  /* the versions this row takes: from_version <= v < before_version */
  const char *before_version;
  const char *module;        /* the name the host enables (libpeas Module=), also in messages */
  const char *files[3];      /* what the build consists of; files[0] is the loadable module */
  const char *optional_file; /* installed with them when the build has it (Liferea 1.14/1.15: the
                              * web process extension, plugin/webext; without it the reader decorates) */
  const char *schema;        /* its compiled settings schema, copied beside it for a per-user
                              * install (system-wide, GLib's schema dir has it), or NULL */
  const char *needs;         /* a library files[0] must link (DT_NEEDED prefix): the host's toolkit */
  const char *refuses;       /* one it must not link (the other generation's), or NULL */
  const char *series_tag;    /* when the generations' files have the same names: files[0]
                              * holds this text followed by the generation it was built for */
  const char *user_dir;      /* per-user plugin dir under $XDG_DATA_HOME, or NULL: none */
  const char *system_dir;    /* where the host's own plugins are (packages install here) */
  const char *builds_dir;    /* where `meson install` put this build (the default --from) */
  const char *build_subdir;  /* where a build tree has it: "plugin/liferea" */
  const char *build_how;     /* how to make a build for this generation */
  const char *enable_schema; /* GSettings schema of the host's list of active plugins, or NULL:
                              * the host loads every module in its folders */
  const char *enable_key;    /* its key (type as) */
} TlHostGeneration;

const TlHostGeneration *tl_host_generations (guint *n);

int       tl_version_compare     (const char *a,
                                  const char *b);
char     *tl_version_parse       (const char *text);
gboolean  tl_host_generation_takes (const TlHostGeneration *gen,
                                    const char             *version);

char    **tl_elf_needed          (const char  *path,
                                  GError     **error);
gboolean  tl_host_links          (char       **needed,
                                  const char  *prefix);
char     *tl_host_build_series   (const char  *module,
                                  const char  *tag);

gboolean  tl_host_check_build    (const TlHostGeneration *gen,
                                  const char             *dir,
                                  const char             *version,
                                  GError                **error);
gboolean  tl_host_find_build     (const TlHostGeneration *gen,
                                  const char             *dir,
                                  const char             *version,
                                  GError                **error);

G_END_DECLS
