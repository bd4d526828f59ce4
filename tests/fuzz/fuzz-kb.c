/* fuzz-kb.c — knowledge-base and watch-list files
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) error = NULL;

  if (tl_knowledge_base_load_data (kb, (const char *) data, size, "fuzz.json", TRUE, &error))
    {
      for (guint i = 0; i < tl_knowledge_base_get_n_entities (kb); i++)
        {
          const TlKbEntity *e = tl_knowledge_base_get_nth (kb, i);
          FUZZ_CHECK (e->id && e->name && e->type < TL_N_ENTITY_TYPES && e->aliases);
        }
      /* Whatever loaded must compile into an analyzer and analyse. */
      {
        g_autoptr(TlAnalyzer) an = tl_analyzer_new (kb, NULL);
        g_autoptr(TlAnalysis) a = an ? tl_analyzer_analyze (an, "Huawei said so.", 15, TL_INPUT_TEXT, NULL) : NULL;
        FUZZ_CHECK (an != NULL && a != NULL);
      }
    }
  else
    FUZZ_CHECK (error != NULL && error->message[0] != '\0' && tl_knowledge_base_get_n_entities (kb) == 0);
  return 0;
}
