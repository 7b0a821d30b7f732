import type sanitizeHtmlType from 'sanitize-html';

type Sanitize = typeof sanitizeHtmlType;
let sanitizeHtml: Sanitize | undefined;

/**
 * Loads sanitize-html on first use (it is only needed when an article is written, not to serve
 * pages). Every writer awaits this before calling the synchronous functions below.
 */
export async function prepareSanitizer(): Promise<void> {
  if (!sanitizeHtml) {
    const mod = (await import('sanitize-html')) as unknown as { default?: Sanitize } & Sanitize;
    sanitizeHtml = mod.default ?? mod;
  }
}

function sanitizer(): Sanitize {
  if (!sanitizeHtml) throw new Error('article HTML sanitised before prepareSanitizer()');
  return sanitizeHtml;
}

/**
 * The one gate for article HTML: an allow-list of the tags the editor produces (tiptap's
 * starter kit and image extension) and of their harmless attributes. No script, no event
 * handler, no style attribute, no javascript: or data: URL; images only from the portal's own
 * media path (/media/<id>; the CSP allows images from the site only). Everything stored in articles.body_html has passed through here.
 */
const OPTIONS: sanitizeHtmlType.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'ul', 'ol', 'li',
    'a', 'img', 'hr', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'figure', 'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // h1 is the page's own title: an article's headings start at h2.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};
OPTIONS.allowedAttributes = { ...(OPTIONS.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel'] };

/** Sanitised article HTML; image sources are kept only under /media/. */
export function sanitizeArticleHtml(input: string): string {
  const clean = sanitizer()(input, {
    ...OPTIONS,
    transformTags: {
      ...OPTIONS.transformTags,
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        const ok = /^\/media\/[0-9a-f-]{36}$/.test(src);
        const { src: _drop, ...rest } = attribs;
        return { tagName, attribs: ok ? { ...rest, src } : rest };
      },
    },
  });
  return clean.trim();
}

/** The plain text of article HTML (for search, summaries and similarity). */
export function htmlToText(input: string): string {
  return sanitizer()(input.replace(/<\/(p|h[1-6]|li|blockquote|tr|pre)>/gi, '$&\n').replace(/<br\s*\/?>/gi, '\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
