/* tl-matcher.c — Aho–Corasick automaton over case-folded UTF-8 bytes
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * All knowledge-base aliases are matched in one pass over the text. Bytes
 * are folded before they enter the automaton: ASCII letters to lowercase and
 * the two-byte UTF-8 capitals of Latin-1 (À–Þ) to their small forms, which
 * keeps byte offsets unchanged. Case rules per alias, word boundaries and the
 * choice between overlapping hits are the caller's.
 *
 * Layout: states live in flat arrays. The root and the states of depth one
 * get a dense row of 256 transitions; the text spends nearly all its time
 * there. Deeper states keep a short sorted edge list and a failure link, so
 * memory stays proportional to the alias bytes rather than 256 per state.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-matcher-private.h"

#include <string.h>

#define DENSE_DEPTH 2   /* states shallower than this are dense */
#define NO_STATE G_MAXUINT32

typedef struct {
  guint32 first_edge;  /* into edges[] (sparse states) */
  guint32 dense;       /* row index into dense[] or NO_STATE */
  guint32 fail;
  guint32 out;         /* first output index into outs[] or NO_STATE */
  guint32 out_link;    /* nearest state on the fail chain with outputs */
  guint16 n_edges;
  guint16 depth;
} State;

typedef struct {
  guint8  byte;
  guint32 target;
} Edge;

typedef struct {
  guint32 pattern;
  guint32 length;
  guint32 next;        /* next output of the same state, or NO_STATE */
} Output;

struct _TlMatcher {
  /* Build-time trie: (state << 8 | byte) → child. */
  GHashTable *build;
  GArray     *states;   /* State */
  GArray     *edges;    /* Edge */
  GArray     *outs;     /* Output */
  guint32    *dense;    /* rows of 256 */
  guint       n_dense;
  gboolean    compiled;
};

static inline guint8
fold_byte (guint8 prev,
           guint8 b)
{
  if (b >= 'A' && b <= 'Z')
    return b + 32;
  /* U+00C0–U+00DE except U+00D7 (×): second byte 0x80–0x9E after 0xC3. */
  if (prev == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97)
    return b + 32;
  return b;
}

TlMatcher *
_tl_matcher_new (void)
{
  TlMatcher *self = g_new0 (TlMatcher, 1);
  State root = { 0, NO_STATE, 0, NO_STATE, NO_STATE, 0, 0 };

  self->build = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->states = g_array_new (FALSE, TRUE, sizeof (State));
  /* Reserved, so their data is never NULL even with no pattern at all. */
  self->edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), 64);
  self->outs = g_array_sized_new (FALSE, FALSE, sizeof (Output), 64);
  g_array_append_val (self->states, root);
  return self;
}

void
_tl_matcher_free (TlMatcher *self)
{
  if (self == NULL)
    return;
  if (self->build)
    g_hash_table_destroy (self->build);
  g_array_unref (self->states);
  g_array_unref (self->edges);
  g_array_unref (self->outs);
  g_free (self->dense);
  g_free (self);
}

static gint64 *
build_key (guint32 state,
           guint8  b)
{
  gint64 *key = g_new (gint64, 1);
  *key = ((gint64) state << 8) | b;
  return key;
}

void
_tl_matcher_add (TlMatcher  *self,
                 const char *pattern,
                 gsize       length,
                 guint       id)
{
  guint32 s = 0;
  guint8 prev = 0;
  Output out;

  g_return_if_fail (!self->compiled);
  g_return_if_fail (length > 0);

  for (gsize i = 0; i < length; i++)
    {
      guint8 b = fold_byte (prev, (guint8) pattern[i]);
      gint64 key = ((gint64) s << 8) | b;
      gpointer child;

      prev = (guint8) pattern[i];
      child = g_hash_table_lookup (self->build, &key);
      if (child == NULL)
        {
          State st = { 0, NO_STATE, 0, NO_STATE, NO_STATE, 0, 0 };
          guint32 n = self->states->len;

          st.depth = MIN (g_array_index (self->states, State, s).depth + 1, G_MAXUINT16);
          g_array_append_val (self->states, st);
          /* Children are stored +1 so that state 0 is never a NULL value. */
          g_hash_table_insert (self->build, build_key (s, b), GUINT_TO_POINTER (n + 1));
          s = n;
        }
      else
        s = GPOINTER_TO_UINT (child) - 1;
    }

  out.pattern = id;
  out.length = (guint32) length;
  out.next = g_array_index (self->states, State, s).out;
  g_array_append_val (self->outs, out);
  g_array_index (self->states, State, s).out = self->outs->len - 1;
}

static int
edge_cmp (gconstpointer a,
          gconstpointer b)
{
  const Edge *ea = a, *eb = b;
  return (int) ea->byte - (int) eb->byte;
}

static guint32
sparse_step (const TlMatcher *self,
             const State     *st,
             guint8           b)
{
  const Edge *e = &g_array_index (self->edges, Edge, st->first_edge);

  for (guint i = 0; i < st->n_edges; i++)
    {
      if (e[i].byte == b)
        return e[i].target;
      if (e[i].byte > b)
        break;
    }
  return NO_STATE;
}

/* goto(s, b) with failure links; defined for every state once compiled. */
static inline guint32
step (const TlMatcher *self,
      guint32          s,
      guint8           b)
{
  const State *states = (const State *) (gpointer) self->states->data;

  for (;;)
    {
      const State *st = &states[s];
      guint32 t;

      if (st->dense != NO_STATE)
        return self->dense[(gsize) st->dense * 256 + b];
      t = sparse_step (self, st, b);
      if (t != NO_STATE)
        return t;
      s = st->fail;
    }
}

void
_tl_matcher_compile (TlMatcher *self)
{
  GHashTableIter iter;
  gpointer key, value;
  guint32 n_states = self->states->len;
  guint32 *queue;
  guint head = 0, tail = 0;
  State *states;

  g_return_if_fail (!self->compiled);

  /* Gather edges per parent, sorted by parent then byte. */
  {
    typedef struct { guint32 parent; Edge e; } PE;
    GArray *pe = g_array_sized_new (FALSE, FALSE, sizeof (PE),
                                    g_hash_table_size (self->build));
    guint32 *count = g_new0 (guint32, n_states + 1);

    g_hash_table_iter_init (&iter, self->build);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        gint64 k = *(gint64 *) key;
        PE x = { (guint32) (k >> 8), { (guint8) (k & 0xff), GPOINTER_TO_UINT (value) - 1 } };
        g_array_append_val (pe, x);
        count[x.parent + 1]++;
      }
    for (guint32 i = 0; i < n_states; i++)
      count[i + 1] += count[i];
    g_array_set_size (self->edges, pe->len);
    {
      guint32 *fill = g_memdup2 (count, sizeof (guint32) * (n_states + 1));
      for (guint i = 0; i < pe->len; i++)
        {
          PE *x = &g_array_index (pe, PE, i);
          g_array_index (self->edges, Edge, fill[x->parent]++) = x->e;
        }
      g_free (fill);
    }
    states = (State *) (gpointer) self->states->data;
    for (guint32 s = 0; s < n_states; s++)
      {
        states[s].first_edge = count[s];
        states[s].n_edges = (guint16) MIN (count[s + 1] - count[s], 256);
        if (states[s].n_edges > 1)
          qsort (&g_array_index (self->edges, Edge, count[s]), states[s].n_edges,
                 sizeof (Edge), edge_cmp);
      }
    g_free (count);
    g_array_unref (pe);
  }
  g_hash_table_destroy (self->build);
  self->build = NULL;

  /* Dense rows for shallow states. */
  states = (State *) (gpointer) self->states->data;
  for (guint32 s = 0; s < n_states; s++)
    if (states[s].depth <= DENSE_DEPTH - 1 || s == 0)
      states[s].dense = self->n_dense++;
  self->dense = g_new (guint32, (gsize) self->n_dense * 256);

  /* Breadth-first: failure links, output links, dense rows. */
  queue = g_new (guint32, n_states);
  queue[tail++] = 0;
  while (head < tail)
    {
      guint32 s = queue[head++];
      State *st = &states[s];
      const Edge *e = &g_array_index (self->edges, Edge, st->first_edge);

      /* out_link: the nearest proper suffix state that has outputs. */
      if (s != 0)
        {
          State *f = &states[st->fail];
          st->out_link = f->out != NO_STATE ? st->fail : f->out_link;
        }

      for (guint i = 0; i < st->n_edges; i++)
        {
          guint32 t = e[i].target;
          states[t].fail = (s == 0) ? 0 : step (self, st->fail, e[i].byte);
          queue[tail++] = t;
        }

      if (st->dense != NO_STATE)
        {
          guint32 *row = &self->dense[(gsize) st->dense * 256];
          for (guint b = 0; b < 256; b++)
            {
              guint32 t = sparse_step (self, st, (guint8) b);
              if (t == NO_STATE)
                t = (s == 0) ? 0 : step (self, st->fail, (guint8) b);
              row[b] = t;
            }
        }
    }
  g_free (queue);
  self->compiled = TRUE;
}

void
_tl_matcher_scan (const TlMatcher *self,
                  const char      *text,
                  gsize            length,
                  TlMatchFunc      func,
                  gpointer         user_data)
{
  const State *states = (const State *) (gpointer) self->states->data;
  const Output *outs = (const Output *) (gpointer) self->outs->data;
  const guint8 *p = (const guint8 *) text;
  guint32 s = 0;
  guint8 prev = 0;

  g_return_if_fail (self->compiled);

  for (gsize i = 0; i < length; i++)
    {
      guint8 b = fold_byte (prev, p[i]);
      guint32 o;

      prev = p[i];
      s = step (self, s, b);
      o = states[s].out != NO_STATE ? s : states[s].out_link;
      while (o != NO_STATE)
        {
          for (guint32 k = states[o].out; k != NO_STATE; k = outs[k].next)
            {
              TlMatch m = { (guint) (i + 1 - outs[k].length), (guint) (i + 1), outs[k].pattern };
              if (!func (&m, user_data))
                return;
            }
          o = states[o].out_link;
        }
    }
}

guint
_tl_matcher_get_n_states (const TlMatcher *self)
{
  return self->states->len;
}

gsize
_tl_matcher_get_memory (const TlMatcher *self)
{
  return self->states->len * sizeof (State) + self->edges->len * sizeof (Edge) +
         self->outs->len * sizeof (Output) + (gsize) self->n_dense * 256 * sizeof (guint32);
}
