/* tl-plugin-hosts.c — the readers `telelens plugin` knows, and how to tell
 * a build's generation from the libraries it links
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-plugin-hosts.h"

#include <elf.h>
#include <errno.h>
#include <gio/gio.h>
#include <string.h>

/* A module built for one generation and loaded into another can abort the
 * host inside a library's start-up (two libsoups, two GTKs) before any of
 * our code runs: `needs`/`refuses` let install and status tell them apart
 * by what the module links, not only by its name. */
static const TlHostGeneration generations[] = {
  {
    .reader = "Liferea", .program = "liferea", .package = "liferea",
    .generation = "1.14", .from_version = "1.14", .before_version = "1.15",
    .module = "telelens-liferea114",
    .files = { "libtelelens-liferea114.so", "telelens-liferea114.plugin" }, .schema = "gschemas.compiled",
    .needs = "libwebkit2gtk-4.0.so", .refuses = "libsoup-3.0.so",
    .optional_file = "libtelelens-webext-webkit2gtk40.so",
    .user_dir = "liferea/plugins", .system_dir = TL_LIFEREA_SYSTEM_DIR,
    .builds_dir = TL_LIFEREA_BUILDS_DIR, .build_subdir = "plugin/liferea",
    .build_how = "build for this one (meson setup -Dliferea_generations=1.14)",
    .enable_schema = "net.sf.liferea.plugins", .enable_key = "active-plugins",
  },
  {
    .reader = "Liferea", .program = "liferea", .package = "liferea",
    .generation = "1.15", .from_version = "1.15", .before_version = "1.16",
    .module = "telelens-liferea115",
    .files = { "libtelelens-liferea115.so", "telelens-liferea115.plugin" }, .schema = "gschemas.compiled",
    .needs = "libwebkit2gtk-4.1.so", .refuses = "libsoup-2.4.so",
    .optional_file = "libtelelens-webext-webkit2gtk41.so",
    .user_dir = "liferea/plugins", .system_dir = TL_LIFEREA_SYSTEM_DIR,
    .builds_dir = TL_LIFEREA_BUILDS_DIR, .build_subdir = "plugin/liferea",
    .build_how = "build for this one (meson setup -Dliferea_generations=1.15)",
    .enable_schema = "net.sf.liferea.plugins", .enable_key = "active-plugins",
  },
  /* GTK 4, libpeas-2 (plugin/liferea2/): the same folders and list of
   * active plugins; a GTK 3 library in its process would abort it. */
  {
    .reader = "Liferea", .program = "liferea", .package = "liferea",
    .generation = "2.0", .from_version = "2.0", .before_version = "2.1",
    .module = "telelens-liferea20",
    .files = { "libtelelens-liferea20.so", "telelens-liferea20.plugin" }, .schema = "gschemas.compiled",
    .needs = "libwebkitgtk-6.0.so", .refuses = "libgtk-3.so",
    .optional_file = "libtelelens-webext-webkitgtk60.so",
    .user_dir = "liferea/plugins", .system_dir = TL_LIFEREA_SYSTEM_DIR,
    .builds_dir = TL_LIFEREA_BUILDS_DIR, .build_subdir = "plugin/liferea",
    .build_how = "build for this one (meson setup -Dliferea_generations=2.0, on a system with Liferea 2.0)",
    .enable_schema = "net.sf.liferea.plugins", .enable_key = "active-plugins",
  },
  /* Evolution loads every module in its folders (no list to enable it in);
   * its module interface changes with each release, and the module has one
   * name in every series: the series it was built for is written inside it
   * (plugin/evolution/tl-evolution-module.c). One row per series Debian
   * ships (12: 3.46, 13: 3.56); a new series is a new row. */
#define EVOLUTION_SERIES(series, next)                                                       \
  {                                                                                          \
    .reader = "Evolution", .program = "evolution", .package = "evolution",                   \
    .generation = series, .from_version = series, .before_version = next,                    \
    .module = "telelens-evolution",                                                          \
    .files = { "libtelelens-evolution.so" }, .schema = "gschemas.compiled",                  \
    .needs = "libevolution-shell.so", .refuses = "libsoup-2.4.so",                            \
    .series_tag = "telelens-evolution-series=",                                              \
    .user_dir = TL_EVOLUTION_USER_DIR, .system_dir = TL_EVOLUTION_SYSTEM_DIR,                \
    .builds_dir = TL_EVOLUTION_BUILDS_DIR, .build_subdir = "plugin/evolution",                \
    .build_how = "build against this Evolution (apt install evolution-dev "                  \
                 "evolution-data-server-dev libebook1.2-dev; meson setup -Devolution=enabled)", \
  }
  EVOLUTION_SERIES ("3.46", "3.47"),
  EVOLUTION_SERIES ("3.56", "3.57"),
#undef EVOLUTION_SERIES
};

const TlHostGeneration *
tl_host_generations (guint *n)
{
  *n = G_N_ELEMENTS (generations);
  return generations;
}

/* --- Versions --------------------------------------------------------------- */

/* Numeric components, compared one by one ("1.15.8-1" > "1.15"; a missing
 * component counts as 0); anything after them (a Debian revision's letters,
 * "~rc1") is ignored. */
int
tl_version_compare (const char *a,
                    const char *b)
{
  while (*a || *b)
    {
      guint64 x = 0, y = 0;
      gboolean ax = g_ascii_isdigit (*a), by = g_ascii_isdigit (*b);

      if (!ax && !by)
        break;
      while (g_ascii_isdigit (*a))
        x = x * 10 + (guint64) (*a++ - '0');
      while (g_ascii_isdigit (*b))
        y = y * 10 + (guint64) (*b++ - '0');
      if (x != y)
        return x < y ? -1 : 1;
      if (*a == '.' && g_ascii_isdigit (a[1]))
        a++;
      else
        while (*a) a++;
      if (*b == '.' && g_ascii_isdigit (b[1]))
        b++;
      else
        while (*b) b++;
    }
  return 0;
}

/* The first "N.N[.N…]" in a program's --version text ("Liferea 1.15.8"),
 * or in a Debian version ("1.14.4-3"). */
char *
tl_version_parse (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("(?<![0-9.])([0-9]+\\.[0-9]+(?:\\.[0-9]+)*)", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  if (text == NULL || !g_regex_match (re, text, 0, &m))
    return NULL;
  return g_match_info_fetch (m, 1);
}

gboolean
tl_host_generation_takes (const TlHostGeneration *gen,
                          const char             *version)
{
  return tl_version_compare (version, gen->from_version) >= 0 &&
         tl_version_compare (version, gen->before_version) < 0;
}

/* --- What an ELF module links ----------------------------------------------- */

static gboolean
vaddr_to_offset (const Elf64_Phdr *ph,
                 guint             phnum,
                 guint64           vaddr,
                 guint64          *offset)
{
  for (guint i = 0; i < phnum; i++)
    if (ph[i].p_type == PT_LOAD && vaddr >= ph[i].p_vaddr && vaddr - ph[i].p_vaddr < ph[i].p_filesz)
      {
        *offset = vaddr - ph[i].p_vaddr + ph[i].p_offset;
        return TRUE;
      }
  return FALSE;
}

/**
 * tl_elf_needed:
 * @path: a shared object or program
 *
 * The libraries it names as DT_NEEDED, read the way the dynamic loader
 * does (program headers, not sections), with every offset checked: the
 * file may be anything.
 *
 * Returns: (transfer full): the names, or %NULL with @error set
 */
char **
tl_elf_needed (const char  *path,
               GError     **error)
{
  g_autoptr(GMappedFile) map = g_mapped_file_new (path, FALSE, error);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree guint64 *needed = NULL;
  const guint8 *data;
  gsize size;
  Elf64_Ehdr eh;
  g_autofree Elf64_Phdr *ph = NULL;
  guint64 dyn_off = 0, dyn_size = 0, strtab = 0, strsz = 0, str_off = 0;
  guint n_needed = 0, cap = 0;
  gboolean have_dyn = FALSE;

  if (map == NULL)
    return NULL;
  data = (const guint8 *) g_mapped_file_get_contents (map);
  size = g_mapped_file_get_length (map);
  if (size < SELFMAG || memcmp (data, ELFMAG, SELFMAG) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not an ELF file", path);
      return NULL;
    }
  if (size < sizeof eh)
    goto damaged;
  memcpy (&eh, data, sizeof eh);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
      eh.e_phentsize != sizeof (Elf64_Phdr))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a 64-bit little-endian ELF file this machine can load", path);
      return NULL;
    }
  if (eh.e_phoff > size || (guint64) eh.e_phnum * sizeof (Elf64_Phdr) > size - eh.e_phoff)
    goto damaged;
  ph = g_new (Elf64_Phdr, eh.e_phnum ? eh.e_phnum : 1);
  memcpy (ph, data + eh.e_phoff, (gsize) eh.e_phnum * sizeof (Elf64_Phdr));
  for (guint i = 0; i < eh.e_phnum; i++)
    if (ph[i].p_type == PT_DYNAMIC)
      {
        dyn_off = ph[i].p_offset;
        dyn_size = ph[i].p_filesz;
        have_dyn = TRUE;
      }
  if (!have_dyn)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s links no libraries (no dynamic section)", path);
      return NULL;
    }
  if (dyn_off > size || dyn_size > size - dyn_off)
    goto damaged;
  for (guint64 o = dyn_off; o + sizeof (Elf64_Dyn) <= dyn_off + dyn_size; o += sizeof (Elf64_Dyn))
    {
      Elf64_Dyn d;
      memcpy (&d, data + o, sizeof d);
      if (d.d_tag == DT_NULL)
        break;
      if (d.d_tag == DT_STRTAB)
        strtab = d.d_un.d_ptr;
      else if (d.d_tag == DT_STRSZ)
        strsz = d.d_un.d_val;
      else if (d.d_tag == DT_NEEDED)
        {
          if (n_needed == cap)
            needed = g_renew (guint64, needed, cap = cap ? cap * 2 : 8);
          needed[n_needed++] = d.d_un.d_val;
        }
    }
  if (!vaddr_to_offset (ph, eh.e_phnum, strtab, &str_off) || str_off > size || strsz > size - str_off)
    goto damaged;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_needed; i++)
    {
      const char *s = (const char *) data + str_off + needed[i];
      if (needed[i] >= strsz || memchr (s, '\0', strsz - needed[i]) == NULL)
        goto damaged;
      g_ptr_array_add (names, g_strdup (s));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);

damaged:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s is truncated or damaged (its ELF headers point outside the file); rebuild or reinstall it", path);
  return NULL;
}

/* --- What a build is for ---------------------------------------------------- */

/**
 * tl_host_build_series:
 * @module: a module file
 * @tag: the text the series follows in it ("telelens-evolution-series=")
 *
 * Returns: (transfer full) (nullable): the series ("3.46") the module says it
 *   was built for, or %NULL when it says none
 */
char *
tl_host_build_series (const char *module,
                      const char *tag)
{
  g_autoptr(GMappedFile) map = g_mapped_file_new (module, FALSE, NULL);
  const char *data, *at, *end;
  gsize size, n = 0, tag_len = strlen (tag);

  if (map == NULL)
    return NULL;
  data = g_mapped_file_get_contents (map);
  size = g_mapped_file_get_length (map);
  if (data == NULL || (at = memmem (data, size, tag, tag_len)) == NULL)
    return NULL;
  at += tag_len;
  end = data + size;
  while (at + n < end && n < 16 && (g_ascii_isdigit (at[n]) || at[n] == '.'))
    n++;
  return n ? g_strndup (at, n) : NULL;
}

/* Whether @needed (tl_elf_needed ()) has a library starting with @prefix. */
gboolean
tl_host_links (char      **needed,
               const char *prefix)
{
  for (guint i = 0; needed && needed[i]; i++)
    if (g_str_has_prefix (needed[i], prefix))
      return TRUE;
  return FALSE;
}

/**
 * tl_host_check_build:
 * @gen: a reader generation
 * @dir: a folder with its files
 * @version: the reader's version (messages)
 *
 * Refuses what would break the reader: a module for another generation,
 * whatever its file is called, by what it links and what it says it is for.
 *
 * Returns: %TRUE when @dir holds a build for @gen
 */
gboolean
tl_host_check_build (const TlHostGeneration *gen,
                     const char             *dir,
                     const char             *version,
                     GError                **error)
{
  g_autofree char *module = g_build_filename (dir, gen->files[0], NULL);
  g_auto(GStrv) needed = NULL;

  if ((needed = tl_elf_needed (module, error)) == NULL)
    return FALSE;
  if (!tl_host_links (needed, gen->needs) || (gen->refuses && tl_host_links (needed, gen->refuses)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a build for %s %s (it must link %s%s%s): loading it would abort %s %s",
                   module, gen->reader, gen->generation, gen->needs, gen->refuses ? " and not " : "",
                   gen->refuses ? gen->refuses : "", gen->reader, version);
      return FALSE;
    }
  if (gen->series_tag)
    {
      g_autofree char *series = tl_host_build_series (module, gen->series_tag);
      if (g_strcmp0 (series, gen->generation) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s is a build for %s %s, not %s: %s's module interface changes with each "
                       "release, loading it would break %s %s; %s, or install the package made for "
                       "this release", module, gen->reader, series ? series : "(no series written in it)",
                       gen->generation, gen->reader, gen->reader, version, gen->build_how);
          return FALSE;
        }
    }
  if (gen->files[1])
    {
      g_autofree char *plugin = g_build_filename (dir, gen->files[1], NULL);
      g_autoptr(GKeyFile) kf = g_key_file_new ();
      g_autofree char *declared = NULL;

      if (!g_key_file_load_from_file (kf, plugin, G_KEY_FILE_NONE, error))
        {
          g_prefix_error (error, "%s: ", plugin);
          return FALSE;
        }
      declared = g_key_file_get_string (kf, "Plugin", "Module", NULL);
      if (g_strcmp0 (declared, gen->module) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s names module “%s”, not %s",
                       plugin, declared ? declared : "", gen->module);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tl_host_find_build:
 *
 * The build for @gen in @dir, or why there is none (naming the generations
 * whose files are there instead): %G_IO_ERROR_NOT_FOUND when @dir has no
 * build of this reader at all.
 *
 * Returns: %TRUE when @dir holds a build for @gen
 */
gboolean
tl_host_find_build (const TlHostGeneration *gen,
                    const char             *dir,
                    const char             *version,
                    GError                **error)
{
  g_autoptr(GString) others = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (gen->files) && gen->files[i]; i++)
    {
      g_autofree char *p = g_build_filename (dir, gen->files[i], NULL);
      if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (generations); j++)
        {
          g_autofree char *q = g_build_filename (dir, generations[j].files[0], NULL);
          if (&generations[j] != gen && strcmp (generations[j].program, gen->program) == 0 &&
              strcmp (generations[j].files[0], gen->files[0]) != 0 && g_file_test (q, G_FILE_TEST_IS_REGULAR))
            g_string_append_printf (others, "%s%s %s (%s)", others->len ? ", " : "",
                                    generations[j].reader, generations[j].generation, generations[j].module);
        }
      if (others->len)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "%s holds Telelens for %s, not for %s %s (no %s): loading another generation's "
                     "build would abort %s; %s, or install the package made for this release", dir,
                     others->str, gen->reader, version, gen->files[i], gen->reader, gen->build_how);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     "no Telelens build for %s %s in %s (no %s): install the package, or build it and "
                     "run “telelens plugin install --from BUILD/%s”",
                     gen->reader, version, dir, gen->files[i], gen->build_subdir);
      return FALSE;
    }
  return tl_host_check_build (gen, dir, version, error);
}
