/* fuzz-common.h — shared set-up for the libFuzzer targets
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <telelens/telelens.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A finding is a crash: abort() so libFuzzer records the input. */
#define FUZZ_CHECK(cond) do { if (!(cond)) { g_printerr ("property failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); abort (); } } while (0)

static inline TlAnalyzer *
fuzz_analyzer (void)
{
  static TlAnalyzer *analyzer;

  if (analyzer == NULL)
    {
      TlKnowledgeBase *kb = tl_knowledge_base_new ();
      if (!tl_knowledge_base_load_bundled (kb, NULL))
        abort ();
      analyzer = tl_analyzer_new (kb, NULL);
      g_object_unref (kb);
    }
  return analyzer;
}
