/* tl-index.c — the index of the user's stories, whatever keeps them
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What does not depend on the database happens here, once for every store
 * (tl-index-store.h): each story is analysed with the core, and what the
 * index keeps of it is derived — its id, normalised URL, topic score,
 * SimHash (finds syndicated copies), story words and entity keys. The
 * store only keeps the rows; a story is acknowledged only after the
 * store's transaction commits.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"
#include "tl-sqlite-store.h"
#ifdef TL_HAVE_POSTGRESQL
#include "tl-pg-store.h"
#endif

#include <string.h>

#define MAX_TEXT_BYTES _TL_INDEX_MAX_TEXT_BYTES

struct _TlIndex {
  GObject                      parent_instance;
  TlIndexStore                *store;
  const TlIndexStoreInterface *vt;
  TlAnalyzer                  *analyzer;
  gboolean                     bulk;   /* tl_index_set_bulk() */
};

G_DEFINE_FINAL_TYPE (TlIndex, tl_index, G_TYPE_OBJECT)
G_DEFINE_QUARK (tl-index-error-quark, tl_index_error)

static void
tl_index_finalize (GObject *object)
{
  TlIndex *self = TL_INDEX (object);

  g_clear_object (&self->store);
  g_clear_object (&self->analyzer);
  G_OBJECT_CLASS (tl_index_parent_class)->finalize (object);
}

static void
tl_index_class_init (TlIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_index_finalize;
}

static void
tl_index_init (TlIndex *self)
{
  (void) self;
}

TlAnalyzer *
_tl_index_analyzer (TlIndex *self)
{
  return self->analyzer;
}

TlIndexStore *
_tl_index_store (TlIndex *self)
{
  return self->store;
}

const TlIndexStoreInterface *
_tl_index_vt (TlIndex *self)
{
  return self->vt;
}

/**
 * tl_index_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/telelens/index.db`
 */
char *
tl_index_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "telelens", "index.db", NULL);
}

static TlIndex *
index_new (TlIndexStore *store,
           TlAnalyzer   *analyzer)
{
  TlIndex *self = g_object_new (TL_TYPE_INDEX, NULL);

  self->store = store;
  self->vt = TL_INDEX_STORE_GET_IFACE (store);
  self->analyzer = g_object_ref (analyzer);
  return self;
}

static TlIndex *
open_index (const char  *path,
            TlAnalyzer  *analyzer,
            gboolean     create,
            GError     **error)
{
  g_autofree char *def = NULL;
  TlIndexStore *store;

  g_return_val_if_fail (TL_IS_ANALYZER (analyzer), NULL);

  if (path == NULL)
    path = def = tl_index_default_path ();
  if ((store = tl_sqlite_store_open (path, create, error)) == NULL)
    return NULL;
  return index_new (store, analyzer);
}

/**
 * tl_index_open:
 * @path: (nullable): the database file, %NULL for the default
 * @analyzer: analyzes stored stories
 * @error: return location for a #GError
 *
 * Opens or creates the index (0600, in a 0700 folder when it makes one).
 * A file that is not a Telelens index, or is damaged, gives an error that
 * says so and is left untouched.
 *
 * Returns: (transfer full) (nullable): the index
 */
TlIndex *
tl_index_open (const char  *path,
               TlAnalyzer  *analyzer,
               GError     **error)
{
  return open_index (path, analyzer, TRUE, error);
}

/**
 * tl_index_open_existing:
 * @path: (nullable): the database file, %NULL for the default
 * @analyzer: analyzes stored stories
 * @error: return location for a #GError
 *
 * As tl_index_open(), for commands that only read: a missing file is an
 * error (%TL_INDEX_ERROR_OPEN naming the path), never a new empty index.
 *
 * Returns: (transfer full) (nullable): the index
 */
TlIndex *
tl_index_open_existing (const char  *path,
                        TlAnalyzer  *analyzer,
                        GError     **error)
{
  return open_index (path, analyzer, FALSE, error);
}

/**
 * tl_index_open_location:
 * @location: (nullable): a file (the personal index, %NULL for the
 *   default), `sqlite:PATH`, or `postgresql://HOST[:PORT]/DBNAME?…` (a
 *   team's index; libpq's URL, without a password: libpq reads ~/.pgpass)
 * @analyzer: analyzes stored stories
 * @create: make a missing file (a PostgreSQL database must exist; its
 *   tables are made or brought up to date either way)
 * @error: return location for a #GError; %TL_INDEX_ERROR_INVALID for a
 *   location this Telelens cannot open (its message never shows a password)
 *
 * Returns: (transfer full) (nullable): the index
 */
TlIndex *
tl_index_open_location (const char  *location,
                        TlAnalyzer  *analyzer,
                        gboolean     create,
                        GError     **error)
{
  g_autofree char *path = NULL;
  TlIndexStore *store = NULL;

  g_return_val_if_fail (TL_IS_ANALYZER (analyzer), NULL);

  if (location == NULL)
    return open_index (NULL, analyzer, create, error);
  switch (_tl_index_location_kind (location, &path, error))
    {
    case TL_INDEX_STORE_SQLITE:
      return open_index (path, analyzer, create, error);
    case TL_INDEX_STORE_POSTGRESQL:
#ifdef TL_HAVE_POSTGRESQL
      store = tl_pg_store_open (location, error);
#else
      tl_index_location_check (location, error);
#endif
      break;
    case TL_INDEX_STORE_UNKNOWN:
    default:
      break;
    }
  return store ? index_new (store, analyzer) : NULL;
}

/**
 * tl_index_location_check:
 * @location: as tl_index_open_location()
 * @error: return location for a #GError
 *
 * Whether this Telelens can open a store at @location at all (its kind is
 * known and built in), without opening it.
 *
 * Returns: %TRUE when it can
 */
gboolean
tl_index_location_check (const char  *location,
                         GError     **error)
{
  switch (_tl_index_location_kind (location, NULL, error))
    {
    case TL_INDEX_STORE_SQLITE:
      return TRUE;
    case TL_INDEX_STORE_POSTGRESQL:
#ifdef TL_HAVE_POSTGRESQL
      return TRUE;
#else
      {
        g_autofree char *shown = tl_index_location_redact (location);
        g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                     "store “%s”: this Telelens was built without PostgreSQL (meson -Dpostgresql=enabled, "
                     "with libpq-dev installed)", shown);
        return FALSE;
      }
#endif
    case TL_INDEX_STORE_UNKNOWN:
    default:
      return FALSE;
    }
}

/**
 * tl_index_location_get_file:
 * @location: (nullable): as tl_index_open_location()
 *
 * Returns: (transfer full) (nullable): the file of a personal index (the
 *   default one for %NULL), %NULL for any other store
 */
char *
tl_index_location_get_file (const char *location)
{
  char *path = NULL;

  if (location == NULL)
    return tl_index_default_path ();
  if (_tl_index_location_kind (location, &path, NULL) != TL_INDEX_STORE_SQLITE)
    g_clear_pointer (&path, g_free);
  return path;
}

/**
 * tl_index_get_path:
 * @self: a #TlIndex
 *
 * Returns: where the index is: its file, or its database URL without a
 *   password (safe to print)
 */
const char *
tl_index_get_path (TlIndex *self)
{
  return self->vt->get_location (self->store);
}

gboolean
tl_index_begin (TlIndex  *self,
                GError  **error)
{
  return self->vt->begin (self->store, error);
}

gboolean
tl_index_commit (TlIndex  *self,
                 GError  **error)
{
  return self->vt->commit (self->store, error);
}

void
tl_index_rollback (TlIndex *self)
{
  self->vt->rollback (self->store);
}

/**
 * tl_index_set_bulk:
 * @self: a #TlIndex
 * @bulk: whether to load in bulk
 *
 * For loading many stories: every tl_index_begin() … tl_index_commit() is
 * then one transaction on every store (on PostgreSQL each story otherwise
 * commits on its own, with its counts), all stored or none; a failed
 * commit leaves none of them stored, and the caller tries the batch again.
 * Call it outside a transaction.
 */
void
tl_index_set_bulk (TlIndex  *self,
                   gboolean  bulk)
{
  g_return_if_fail (TL_IS_INDEX (self));
  self->bulk = bulk;
  if (self->vt->set_bulk)
    self->vt->set_bulk (self->store, bulk);
}

/**
 * tl_index_stores_at_commit:
 * @self: a #TlIndex
 *
 * Whether the stories added between tl_index_begin() and tl_index_commit()
 * are stored only by that commit, so that a failure before it (or of it)
 * leaves none of them stored: always on SQLite, and on a store in bulk
 * mode (tl_index_set_bulk()). %FALSE when each story is stored durably
 * when tl_index_add() returns (PostgreSQL outside bulk mode). An import
 * that stops uses it to say exactly which stories are stored.
 *
 * Returns: %TRUE when a batch is stored at its commit, all or nothing
 */
gboolean
tl_index_get_bulk (TlIndex *self)
{
  g_return_val_if_fail (TL_IS_INDEX (self), FALSE);
  return self->bulk;
}

/**
 * tl_index_can_retry:
 * @self: a #TlIndex
 * @error: what a tl_index_add() or tl_index_commit() of @self failed with
 *
 * Whether the same work may succeed when tried again: the connection to
 * the database was lost (tl_index_begin() connects again, waiting for the
 * server) or the database broke a deadlock or a serialization conflict.
 * What the open transaction held was rolled back: the caller stores its
 * batch again, from the start.
 *
 * Returns: %TRUE when trying again may succeed
 */
gboolean
tl_index_can_retry (TlIndex      *self,
                    const GError *error)
{
  g_return_val_if_fail (TL_IS_INDEX (self), FALSE);
  if (error == NULL || g_error_matches (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID))
    return FALSE;
  return self->vt->can_retry != NULL && self->vt->can_retry (self->store, error);
}

gboolean
tl_index_stores_at_commit (TlIndex *self)
{
  g_return_val_if_fail (TL_IS_INDEX (self), TRUE);
  /* A store without set_bulk() always has real transactions. */
  return self->bulk || self->vt->set_bulk == NULL;
}

static void
add_word (const char *w,
          gpointer    data)
{
  GHashTable *seen = ((gpointer *) data)[0];
  GPtrArray *words = ((gpointer *) data)[1];
  char *copy;

  if (g_hash_table_contains (seen, w))
    return;
  copy = g_strdup (w);
  g_hash_table_add (seen, copy);
  g_ptr_array_add (words, copy);
}

static void
store_entity_clear (gpointer data)
{
  g_free (((TlStoreEntity *) data)->key);
}

/**
 * tl_index_add:
 * @self: a #TlIndex
 * @doc: the story
 * @out_id: (out) (optional) (transfer full): its id
 * @out_new: (out) (optional): %FALSE when the id was already stored
 * @error: return location for a #GError
 *
 * Stores one story with its entities. Outside tl_index_begin() it is its own
 * transaction: when this returns %TRUE the story is stored durably. A story
 * refused as %TL_INDEX_ERROR_INVALID is refused before anything is written
 * (an open transaction stays open); any other failure rolls the open
 * transaction back, however deep.
 *
 * Returns: %TRUE on success
 */
gboolean
tl_index_add (TlIndex          *self,
              const TlIndexDoc *doc,
              char            **out_id,
              gboolean         *out_new,
              GError          **error)
{
  g_autoptr(TlAnalysis) analysis = NULL;
  g_autofree char *id = NULL, *url_norm = NULL, *found = NULL, *head = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GArray) entities = NULL;
  TlStoreRecord rec = { 0 };
  const TlEntity *ents;
  guint n_entities;
  gboolean added = FALSE;
  double score;

  g_return_val_if_fail (TL_IS_INDEX (self), FALSE);
  g_return_val_if_fail (doc != NULL && doc->text != NULL, FALSE);

  if (out_new)
    *out_new = FALSE;
  if (strlen (doc->text) > MAX_TEXT_BYTES)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                   "story is larger than %" G_GSIZE_FORMAT " MiB", MAX_TEXT_BYTES >> 20);
      return FALSE;
    }
  id = doc->id && *doc->id ? g_strdup (doc->id) : _tl_index_derive_id (doc->url, doc->title, doc->text);

  /* Already stored, under this id or one it had before: nothing to do
   * (imports are idempotent). */
  found = self->vt->find_story (self->store, id, &local);
  if (local != NULL)
    {
      /* As any failure of the store: the open batch is rolled back (on
       * PostgreSQL a failed statement has aborted it anyway). */
      tl_index_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (found != NULL)
    {
      if (out_id)
        *out_id = g_steal_pointer (&found);
      return TRUE;
    }
  if (out_id)
    *out_id = g_strdup (id);

  analysis = tl_analyzer_analyze (self->analyzer, doc->text, strlen (doc->text), TL_INPUT_AUTO, &local);
  if (analysis == NULL)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "“text”: %s", local->message);
      return FALSE;
    }
  rec.id = id;
  rec.url = doc->url;
  rec.url_norm = url_norm = _tl_index_normalize_url (doc->url);
  rec.title = doc->title ? doc->title : (tl_analysis_get_title (analysis) ? tl_analysis_get_title (analysis) : "");
  rec.outlet = doc->outlet;
  rec.published = doc->published;
  rec.added = g_get_real_time () / G_USEC_PER_SEC;
  rec.text = tl_analysis_get_text (analysis, &rec.text_len);
  tl_analysis_get_topic (analysis, &score);
  rec.topic = score;
  rec.simhash = _tl_simhash (rec.text, rec.text_len);

  {
    const char *t = doc->title ? doc->title : tl_analysis_get_title (analysis);
    gpointer data[2];

    seen = g_hash_table_new (g_str_hash, g_str_equal);
    words = g_ptr_array_new_with_free_func (g_free);
    data[0] = seen;
    data[1] = words;
    head = g_strndup (rec.text, MIN (rec.text_len, TL_INDEX_STORY_WORD_BYTES));
    _tl_index_foreach_story_word (t, head, add_word, data);
    rec.words = words;
  }

  ents = tl_analysis_get_entities (analysis, &n_entities);
  entities = g_array_sized_new (FALSE, FALSE, sizeof (TlStoreEntity), n_entities);
  g_array_set_clear_func (entities, store_entity_clear);
  for (guint i = 0; i < n_entities; i++)
    {
      TlStoreEntity e = { tl_analysis_get_entity_key (analysis, i), ents[i].name,
                          tl_entity_type_to_string (ents[i].type), (int) ents[i].mentions->len };
      g_array_append_val (entities, e);
    }
  rec.entities = entities;

  if (!tl_index_begin (self, error))
    return FALSE;
  if (!self->vt->add_story (self->store, &rec, &added, error))
    goto fail;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = g_date_time_format_iso8601 (now);
    if (!tl_index_set_state (self, "last_ingest", stamp, error))
      goto fail;
  }
  if (!tl_index_commit (self, error))
    return FALSE;
  if (out_new)
    *out_new = added;
  return TRUE;

fail:
  tl_index_rollback (self);
  return FALSE;
}

gboolean
tl_index_get_state (TlIndex    *self,
                    const char *key,
                    char      **value)
{
  return self->vt->get_state (self->store, key, value);
}

gboolean
tl_index_set_state (TlIndex    *self,
                    const char *key,
                    const char *value,
                    GError    **error)
{
  return self->vt->set_state (self->store, key, value, error);
}

guint64
tl_index_count (TlIndex *self)
{
  return self->vt->count (self->store);
}

#define COPY_BATCH 200                                /* stories per transaction */
#define COPY_BATCH_BYTES ((gsize) 32 * 1024 * 1024)   /* or this much text */
#define COPY_ATTEMPTS 4                               /* a batch stored at most this often */

/* Stores @docs from @start in one transaction of @dest, up to
 * COPY_BATCH_BYTES of text, and commits it: *@out_end is where the batch
 * ended (committed) or the story it stopped at (failed). A failure that may
 * pass (the connection lost: the server restarted) rolls the batch back and
 * stores it again, a few times; @stored: the stories before @docs stored
 * for good, for messages. */
static gboolean
copy_batch (TlIndex  *dest,
            GArray   *docs,
            guint     start,
            guint     stored,
            guint    *out_end,
            guint    *out_added,
            GError  **error)
{
  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      gsize bytes = 0;
      guint i = start, n_added = 0;

      if (!tl_index_begin (dest, &local))
        goto failed;
      for (; i < docs->len && bytes < COPY_BATCH_BYTES; i++)
        {
          const TlIndexDoc *d = &g_array_index (docs, TlIndexDoc, i);
          gboolean is_new = FALSE;

          if (!tl_index_add (dest, d, NULL, &is_new, &local))
            {
              g_prefix_error (&local, "story %u (%s): ", stored + i - start + 1, d->id ? d->id : "without an id");
              goto failed;
            }
          n_added += is_new;
          bytes += strlen (d->text);
        }
      if (!tl_index_commit (dest, &local))
        goto failed;
      *out_end = i;
      *out_added = n_added;
      return TRUE;

    failed:
      tl_index_rollback (dest);   /* whatever is left of the batch */
      if (attempt >= COPY_ATTEMPTS || !tl_index_can_retry (dest, local))
        {
          *out_end = i;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (stored == 0)
        g_message ("%s; nothing is copied yet, storing stories 1–%u again", local->message, i - start + 1);
      else
        g_message ("%s; stories 1–%u are copied, storing stories %u–%u again", local->message, stored, stored + 1,
                   stored + i - start + 1);
    }
}

/**
 * tl_index_copy:
 * @self: the index to copy from
 * @dest: the index to copy into
 * @out_added: (out) (optional): stories @dest did not have
 * @out_seen: (out) (optional): stories of @self copied (in @dest now)
 * @error: return location for a #GError
 *
 * Adds every story of @self to @dest, oldest first, under its id, with
 * its title, outlet, date and link; @dest analyses each again (so what is
 * derived is what @dest's Telelens derives). Stories @dest has already
 * are left as they are; copying again adds only what is new. Ids a story
 * had before (doc_aliases) are not copied.
 *
 * @dest loads in bulk (tl_index_set_bulk()): one transaction per 200
 * stories (or 32 MiB of text), all stored or none; a batch rolled back by
 * a failure that may pass (the connection to PostgreSQL lost) is stored
 * again. When the copy stops, the first *@out_seen stories of @self
 * (oldest first) are in @dest for good, *@out_added of them added by this
 * copy, and the ones after them are not; the error names the story it
 * stopped at ("story 250 (ID): …", counted oldest first).
 *
 * Returns: %TRUE when every story was copied
 */
gboolean
tl_index_copy (TlIndex  *self,
               TlIndex  *dest,
               guint    *out_added,
               guint    *out_seen,
               GError  **error)
{
  gint64 after = 0;
  guint added = 0, stored = 0;
  gboolean was_bulk, ok = TRUE;

  g_return_val_if_fail (TL_IS_INDEX (self) && TL_IS_INDEX (dest), FALSE);

  was_bulk = tl_index_get_bulk (dest);
  tl_index_set_bulk (dest, TRUE);
  while (ok)
    {
      g_autoptr(GArray) docs = g_array_new (FALSE, TRUE, sizeof (TlIndexDoc));

      g_array_set_clear_func (docs, (GDestroyNotify) tl_index_doc_clear);
      if (!self->vt->read_stories (self->store, after, COPY_BATCH, docs, &after, error))
        {
          g_prefix_error (error, "story %u, reading %s: ", stored + 1, tl_index_get_path (self));
          ok = FALSE;
          break;
        }
      if (docs->len == 0)
        break;
      for (guint start = 0; ok && start < docs->len;)
        {
          guint end = start, n_added = 0;

          ok = copy_batch (dest, docs, start, stored, &end, &n_added, error);
          if (ok)
            {
              added += n_added;
              stored += end - start;
              start = end;
            }
        }
    }
  tl_index_set_bulk (dest, was_bulk);
  if (out_added)
    *out_added = added;
  if (out_seen)
    *out_seen = stored;
  return ok;
}
