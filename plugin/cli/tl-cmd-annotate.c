/* tl-cmd-annotate.c — telelens annotate
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"

#include <stdio.h>
#include <errno.h>
#include <string.h>

int
tl_cmd_annotate (int    argc,
                 char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *input_format = NULL;
  g_autofree char *watch_list = NULL;
  g_auto(GStrv) files = NULL;
  gboolean no_watch_list = FALSE;
  double threshold = -1.0, possible_from = -1.0;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlKnowledgeBase) kb = NULL;
  g_autoptr(TlAnalyzer) analyzer = NULL;
  g_autoptr(TlAnalysis) analysis = NULL;
  g_autofree char *contents = NULL;
  const char *path;
  TlInputFormat in_fmt = TL_INPUT_AUTO;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Output: json (default), html or text (the analysed text)", "FORMAT" },
    { "input", 'i', 0, G_OPTION_ARG_STRING, &input_format,
      "Read the input as auto (default: HTML when it starts with <), text or html", "KIND" },
    { "watch-list", 0, 0, G_OPTION_ARG_FILENAME, &watch_list,
      "Merge this watch list (default: $XDG_DATA_HOME/telelens/watchlist.json)", "FILE" },
    { "no-watch-list", 0, 0, G_OPTION_ARG_NONE, &no_watch_list,
      "Use the bundled knowledge base only", NULL },
    { "topic-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      "Score from which a story is telecom security (0–1, default 0.5)", "SCORE" },
    { "topic-possible-from", 0, 0, G_OPTION_ARG_DOUBLE, &possible_from,
      "Score from which a story is possibly telecom security (0–1, default 0.2)", "SCORE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "[FILE|-]" },
    { NULL }
  };

  ctx = g_option_context_new ("[FILE|-] — analyse one story");
  g_option_context_set_summary (ctx,
    "Finds the entities, attributions and topic of a story and writes them as JSON,\n"
    "as a standalone HTML page, or writes the text that was analysed.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      tl_cli_fail ("annotate: %s", error->message);
      return 2;
    }
  if (format == NULL)
    format = g_strdup ("json");
  if (strcmp (format, "json") != 0 && strcmp (format, "html") != 0 &&
      strcmp (format, "text") != 0)
    {
      tl_cli_fail ("annotate: unknown format “%s”; use json, html or text", format);
      return 2;
    }
  if (input_format != NULL)
    {
      if (strcmp (input_format, "text") == 0)
        in_fmt = TL_INPUT_TEXT;
      else if (strcmp (input_format, "html") == 0)
        in_fmt = TL_INPUT_HTML;
      else if (strcmp (input_format, "auto") != 0)
        {
          tl_cli_fail ("annotate: unknown input kind “%s”; use auto, text or html", input_format);
          return 2;
        }
    }
  if (threshold != -1.0 && (threshold < 0.0 || threshold > 1.0))
    {
      tl_cli_fail ("annotate: --topic-threshold must be between 0 and 1 (got %g)", threshold);
      return 2;
    }
  if (possible_from != -1.0 && (possible_from < 0.0 || possible_from > 1.0))
    {
      tl_cli_fail ("annotate: --topic-possible-from must be between 0 and 1 (got %g)", possible_from);
      return 2;
    }
  if (files != NULL && g_strv_length (files) > 1)
    {
      tl_cli_fail ("annotate: give one story at a time (got %u files)", g_strv_length (files));
      return 2;
    }
  path = files ? files[0] : "-";

  if (!tl_cli_read_input (path, &contents, &length, &error))
    {
      tl_cli_fail ("%s", error->message);
      return 1;
    }
  if ((kb = tl_cli_load_kb (watch_list, no_watch_list)) == NULL)
    return 1;
  if ((analyzer = tl_analyzer_new (kb, &error)) == NULL)
    {
      tl_cli_fail ("cannot start the analyzer: %s", error->message);
      return 1;
    }
  if (threshold >= 0.0)
    tl_analyzer_set_topic_threshold (analyzer, threshold);
  if (possible_from >= 0.0)
    tl_analyzer_set_topic_lower_bound (analyzer, possible_from);
  analysis = tl_analyzer_analyze (analyzer, contents, length, in_fmt, &error);
  if (analysis == NULL)
    {
      tl_cli_fail ("%s: %s", strcmp (path, "-") == 0 ? "standard input" : path, error->message);
      return 1;
    }

  if (strcmp (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = tl_analysis_to_json (analysis);
      g_autofree char *out = tl_json_write (node, TRUE, NULL);

      fputs (out, stdout);
      fputc ('\n', stdout);
    }
  else if (strcmp (format, "html") == 0)
    {
      g_autofree char *out = tl_analysis_to_html (analysis);
      fputs (out, stdout);
    }
  else
    {
      gsize len;
      const char *text = tl_analysis_get_text (analysis, &len);
      fwrite (text, 1, len, stdout);
      if (len > 0 && text[len - 1] != '\n')
        fputc ('\n', stdout);
    }
  if (fflush (stdout) != 0)
    {
      tl_cli_fail ("cannot write the output: %s", g_strerror (errno));
      return 1;
    }
  return 0;
}
