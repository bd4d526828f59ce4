/* tl-evolution-message.c — a shown message as a story: title, link, outlet, date
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The text itself is read from the page (TlReaderView); only the metadata
 * comes from the message. A feed article from News and Blogs carries the
 * feed's address in X-RSS-Feed, and its own link only in its HTML body,
 * which starts <h4><a href="LINK">TITLE</a></h4>. A personal mail has no
 * link: it is never sent to the index as a story of its own.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-evolution-host.h"

#include <string.h>

/* The first text/html part, depth first (an article is one part; a mail
 * may be multipart/alternative or mixed). */
static CamelDataWrapper *
find_html (CamelDataWrapper *dw,
           guint             depth)
{
  CamelContentType *ct;

  if (dw == NULL || depth > 8)
    return NULL;
  if (CAMEL_IS_MEDIUM (dw))
    return find_html (camel_medium_get_content (CAMEL_MEDIUM (dw)), depth + 1);
  if (CAMEL_IS_MULTIPART (dw))
    {
      guint n = camel_multipart_get_number (CAMEL_MULTIPART (dw));
      for (guint i = 0; i < n && i < 64; i++)
        {
          CamelDataWrapper *found = find_html (CAMEL_DATA_WRAPPER (camel_multipart_get_part (CAMEL_MULTIPART (dw), i)),
                                               depth + 1);
          if (found)
            return found;
        }
      return NULL;
    }
  ct = camel_data_wrapper_get_mime_type_field (dw);
  return ct && camel_content_type_is (ct, "text", "html") ? dw : NULL;
}

/* The article's own link: the first href of the body's <h4><a>. */
static char *
feed_link (CamelMimeMessage *message)
{
  CamelDataWrapper *html = find_html (CAMEL_DATA_WRAPPER (message), 0);
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *raw = NULL, *href = NULL;
  char *body;
  gsize len;

  if (html == NULL)
    return NULL;
  out = g_memory_output_stream_new_resizable ();
  if (camel_data_wrapper_decode_to_output_stream_sync (html, out, NULL, NULL) < 0 ||
      !g_output_stream_close (out, NULL, NULL))
    return NULL;
  len = MIN (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), 65536);
  body = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  raw = g_strndup (body, len);
  re = g_regex_new ("<h4[^>]*>\\s*<a\\s[^>]*href=\"([^\"]{1,2000})\"", G_REGEX_CASELESS, 0, NULL);
  if (!g_utf8_validate (raw, -1, NULL) || !g_regex_match (re, raw, 0, &match))
    return NULL;
  href = g_match_info_fetch (match, 1);
  {
    /* Entities Evolution writes in attributes. */
    g_autoptr(GString) s = g_string_new (href);
    g_string_replace (s, "&quot;", "\"", 0);
    g_string_replace (s, "&lt;", "<", 0);
    g_string_replace (s, "&gt;", ">", 0);
    g_string_replace (s, "&#39;", "'", 0);
    g_string_replace (s, "&amp;", "&", 0);
    if (!g_str_has_prefix (s->str, "http://") && !g_str_has_prefix (s->str, "https://"))
      return NULL;
    return g_string_free (g_steal_pointer (&s), FALSE);
  }
}

/**
 * tl_evolution_story_from_parts:
 * @parts: the display's part list
 * @story: (out caller-allocates): filled; free with tl_evolution_story_clear()
 *
 * Returns: %FALSE when the parts hold no message
 */
gboolean
tl_evolution_story_from_parts (EMailPartList    *parts,
                               TlEvolutionStory *story)
{
  CamelMimeMessage *message = e_mail_part_list_get_message (parts);
  CamelFolder *folder = e_mail_part_list_get_folder (parts);
  const char *subject, *feed;
  gint offset = 0;
  time_t date;

  memset (story, 0, sizeof *story);
  if (message == NULL)
    return FALSE;
  subject = camel_mime_message_get_subject (message);
  story->title = g_strdup (subject && *subject ? subject : NULL);
  feed = camel_medium_get_header (CAMEL_MEDIUM (message), "X-RSS-Feed");
  story->is_feed = feed != NULL;
  if (story->is_feed)
    {
      story->url = feed_link (message);
      if (folder)
        story->outlet = g_strdup (camel_folder_get_display_name (folder));
    }
  else
    {
      CamelInternetAddress *from = camel_mime_message_get_from (message);
      const char *name = NULL, *email = NULL;
      if (from && camel_internet_address_get (from, 0, &name, &email))
        story->outlet = g_strdup (name && *name ? name : email);
    }
  date = camel_mime_message_get_date (message, &offset);
  if (date != CAMEL_MESSAGE_DATE_CURRENT && date > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (date);
      if (dt)
        story->published = g_date_time_format_iso8601 (dt);
    }
  return TRUE;
}

void
tl_evolution_story_clear (TlEvolutionStory *story)
{
  g_clear_pointer (&story->title, g_free);
  g_clear_pointer (&story->url, g_free);
  g_clear_pointer (&story->outlet, g_free);
  g_clear_pointer (&story->published, g_free);
}
