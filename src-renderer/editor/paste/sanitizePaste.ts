/**
 * The paste cleaner: HTML from Word, Google Docs or a web page in, the story body's small
 * vocabulary out. Lexical only ever sees:
 *
 *   blocks  <p> <h2> <h3> <blockquote> <ul>/<ol> with <li> (nested lists inside an <li>)
 *   inline  text, <br>, <strong>, <em>, <u>, <s>, <a href> (http:, https:, mailto: only)
 *
 * with no attributes except `href`, no comments, no whitespace-only text between blocks, and
 * inline marks always nested in the order a > strong > em > u > s.
 *
 * Pipeline (all on inert documents — nothing is ever parsed into the live page, nothing runs):
 *
 *  1. Size guard. Over MAX_RICH_PASTE_BYTES (5 MiB of UTF-8, not counting the payload of inline
 *     `src="data:…"` images, which are never pasted anyway — LibreOffice and some mail clients
 *     put whole photos there) the formatting is not worth the risk of freezing the renderer: the
 *     text alone is kept, one `<p>` per line or block, at most MAX_FALLBACK_TEXT_CHARS characters,
 *     and `truncated` is true. The same fallback is used for markup nested deeper than
 *     MAX_NESTING_DEPTH and if cleaning throws.
 *  2. Parse with DOMParser into an inert document (no scripts run, no images load), after
 *     `quietMarkup` has renamed `style`/`on…` attributes and cut `<style>` elements, so the page's
 *     CSP, which such documents inherit, has nothing to report.
 *  3. Prepare, while the source's `style` attributes still exist (DOMPurify removes them):
 *     drop comments and everything whose content must not survive (script, style, iframe,
 *     svg, math, form controls, ruby annotations, `hidden`, `display:none`, Word's
 *     `mso-hide:all` and `mso-list:Ignore` bullets); turn Word's list paragraphs
 *     (`mso-list:l0 level1`) into real nested lists; remove `<br class=Apple-interchange-newline>`;
 *     turn inline styles into tags (font-weight ≥ 600 → strong, italic → em, underline → u,
 *     line-through → s) and unwrap `<b style="font-weight:normal">` (Google Docs' wrapper); then
 *     unwrap every element DOMPurify would unwrap anyway (span, font, o:p …) except images.
 *  4. DOMPurify with an allow-list: the kept tags, their synonyms (b, i, strike, del, h1–h6) and
 *     block containers (div, table cells, …) that only mark paragraph boundaries; attribute
 *     `href` only, URI regexp http/https/mailto. Hooks: `uponSanitizeElement` counts images
 *     (tracking pixels ≤ 2 px are not counted), `afterSanitizeAttributes` checks each link with
 *     the URL parser (no credentials) and strips tracking parameters.
 *  5. Rebuild: DOMPurify's fragment is read into a block/inline model and written out again.
 *     That is where h1/h2 → h2 and h3–h6 → h3, table cells → paragraphs, `<li><p>` → `<li>`,
 *     two or more `<br>` in a paragraph → a paragraph break, whitespace collapsed, leading
 *     indentation (spaces, NBSP, U+3000) and trailing spaces trimmed, empty and `&nbsp;`-only
 *     paragraphs dropped, and bold inside headings dropped (headings are bold already).
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { escapeHtmlAttribute, escapeHtmlText, paragraphsToHtml, plainTextToParagraphs } from './plainTextToHtml.js';

export interface SanitizedPaste {
  /** Clean HTML for Lexical ('' when nothing was left). */
  html: string;
  /** How many images were left out (not counting tracking pixels), for "2 images were not pasted". */
  droppedImages: number;
  /** True when only the text was kept: the HTML was over the size limit, nested too deep, or could not be cleaned. */
  truncated: boolean;
}

/** HTML larger than this (UTF-8 bytes) is pasted as plain text. */
export const MAX_RICH_PASTE_BYTES = 5 * 1024 * 1024;
/**
 * Markup nested deeper than this is pasted as plain text. Real pastes are shallow (the Word, Google
 * Docs and web fixtures in the tests are 4–10 levels deep; Chromium's parser stops at 512); only
 * pathological input goes deeper, and cleaning it gets slow (moving deep subtrees is quadratic).
 */
export const MAX_NESTING_DEPTH = 128;
/** The plain-text fallback keeps at most this many characters (cutting the last paragraph). */
export const MAX_FALLBACK_TEXT_CHARS = 1_000_000;
/** Query parameters removed from pasted links (plus every `utm_*`). Compared case-insensitively. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set(
  'fbclid gclid dclid gbraid wbraid msclkid mc_eid mc_cid igshid yclid spm'.split(' '),
);

type Win = Window & typeof globalThis;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_COMMENT = 0x80;

/** Removed with everything inside them before sanitizing. */
const DROP_TAGS: ReadonlySet<string> = new Set(
  (
    'head title meta link base style script noscript template noembed noframes xml ' +
    'iframe frame frameset object embed applet param canvas audio video source track map svg math ' +
    'input button select textarea datalist output meter progress rt rp ' +
    // DOMPurify's other FORBID_CONTENTS (MathML/SVG leftovers, plaintext, xmp …)
    'annotation-xml desc foreignobject mi mn mo ms mtext colgroup plaintext xmp selectedcontent'
  ).split(' '),
);
const DROP_SELECTOR = [...DROP_TAGS, '[hidden]'].join(',');

const MARK_TAGS: Readonly<Record<string, 'b' | 'i' | 'u' | 's'>> = {
  strong: 'b',
  b: 'b',
  em: 'i',
  i: 'i',
  u: 'u',
  s: 's',
  strike: 's',
  del: 's',
};
const HEADINGS: Readonly<Record<string, 'h2' | 'h3'>> = { h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h3', h5: 'h3', h6: 'h3' };
/** Elements that only separate paragraphs: their inline content becomes `<p>`s. */
const BOUNDARY_TAGS: ReadonlySet<string> = new Set(
  'p div section article header footer main aside nav figure figcaption address center hgroup search details summary fieldset legend dl dt dd pre hr table caption thead tbody tfoot tr td th li'.split(
    ' ',
  ),
);

const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'br',
  'a',
  'ul',
  'ol',
  'blockquote',
  ...Object.keys(MARK_TAGS),
  ...Object.keys(HEADINGS),
  ...BOUNDARY_TAGS,
]);

const PURIFY_CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

export function sanitizePastedHtml(html: string, win: Win): SanitizedPaste {
  let source = html;
  if (exceedsUtf8Bytes(source, MAX_RICH_PASTE_BYTES)) {
    source = source.replace(INLINE_IMAGE_DATA, '$1$2data:$2');
    if (exceedsUtf8Bytes(source, MAX_RICH_PASTE_BYTES)) return textOnly(parse(source, win));
  }
  const doc = parse(source, win);
  if (deeperThan(doc.body, MAX_NESTING_DEPTH)) return textOnly(doc);
  try {
    return cleanRich(doc, win);
  } catch {
    return textOnly(parse(source, win)); // `doc` may be half-prepared
  }
}

/**
 * ` src="data:…"` / ` srcset='data:…'`: the payload is cut before measuring (the attribute stays, so
 * the image is still counted). Only a size measure — DOMPurify still sees, and judges, the result.
 */
const INLINE_IMAGE_DATA = /(\ssrc(?:set)?\s*=\s*)(["'])data:[^"']*\2/gi;

/** An inert document: DOMParser documents run no scripts and load nothing. */
function parse(html: string, win: Win): Document {
  return new win.DOMParser().parseFromString(quietMarkup(html), 'text/html');
}

/** Where the source's `style` attributes are parsed to (DOMPurify drops every data-* attribute). */
const STYLE_ATTRIBUTE = 'data-copydesk-style';
const STYLED = `[${STYLE_ATTRIBUTE}],[style]`;

function styleOf(el: Element): Map<string, string> {
  return parseStyle(el.getAttribute(STYLE_ATTRIBUTE) ?? el.getAttribute('style') ?? '');
}

/** Elements whose content the tokenizer reads as text up to their end tag. */
const RAW_TEXT_END: ReadonlyMap<string, RegExp> = new Map(
  ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'].map((tag) => [
    tag,
    new RegExp(`</${tag}(?=[\\s/>]|$)`, 'gi'),
  ]),
);

const COMMENT_END = /--!?>/g;
const ASCII_LETTER = /^[a-zA-Z]$/;
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/**
 * Makes the markup quiet before it is parsed. Documents made by DOMParser inherit the page's CSP
 * (`style-src 'self'; script-src 'self'`), so Chromium reports — and blocks — every inline style
 * attribute, `<style>` element and event-handler attribute in them: thousands of console errors for
 * one Google Docs paste, and 4–6× slower. So `style` attributes become STYLE_ATTRIBUTE (still read
 * for bold/italic/hidden), `on…` attributes become `data-copydesk-on…`, and `<style>…</style>` becomes
 * an empty comment; all of these are dropped later anyway. A linear scan following the tokenizer's rules
 * for start tags (quoted values, `<p/style=…>`), comments and raw-text elements; whatever it might
 * miss is still removed by DOMPurify, and `style` is still read. Exported for tests.
 */
export function quietMarkup(html: string): string {
  const n = html.length;
  let out = '';
  let copied = 0;
  let i = html.indexOf('<');
  while (i >= 0 && i < n - 1) {
    const next = html.charAt(i + 1);
    const endTag = next === '/';
    if (html.startsWith('<!--', i)) {
      // `<!-->` and `<!--->` are whole (empty) comments; `--!>` also ends one.
      let end = n;
      if (html.startsWith('>', i + 4)) end = i + 5;
      else if (html.startsWith('->', i + 4)) end = i + 6;
      else {
        COMMENT_END.lastIndex = i + 4;
        const match = COMMENT_END.exec(html);
        if (match) end = match.index + match[0].length;
      }
      i = html.indexOf('<', end);
      continue;
    }
    if (next === '!' || next === '?' || (endTag && html.charAt(i + 2) !== '>' && !ASCII_LETTER.test(html.charAt(i + 2)))) {
      const end = html.indexOf('>', i + 2); // a bogus comment: <!DOCTYPE …>, <![if …]>, <?xml …?>, </3>
      i = end < 0 ? -1 : html.indexOf('<', end + 1);
      continue;
    }
    if (!ASCII_LETTER.test(endTag ? html.charAt(i + 2) : next)) {
      i = html.indexOf('<', i + 1); // `<` as text, or `</>`
      continue;
    }
    let j = endTag ? i + 2 : i + 1;
    while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>') j += 1;
    const tag = endTag ? '' : html.slice(i + 1, j).toLowerCase();
    const renames: [start: number, end: number, name: string][] = [];
    for (;;) {
      while (j < n && (isSpace(html[j]) || html[j] === '/')) j += 1;
      if (j >= n || html[j] === '>') break;
      const nameStart = j;
      j += 1; // a name may start with '='
      while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>' && html[j] !== '=') j += 1;
      const name = html.slice(nameStart, j);
      const lower = name.toLowerCase();
      // (end tags may carry attributes too: scanned, but the parser ignores them)
      if (!endTag && lower === 'style') renames.push([nameStart, j, STYLE_ATTRIBUTE]);
      else if (!endTag && lower.length > 2 && lower.startsWith('on')) renames.push([nameStart, j, `data-copydesk-${name}`]);
      let k = j;
      while (k < n && isSpace(html[k])) k += 1;
      if (html[k] !== '=') continue;
      k += 1;
      while (k < n && isSpace(html[k])) k += 1;
      const quote = html[k];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, k + 1);
        j = end < 0 ? n : end + 1;
      } else {
        while (k < n && !isSpace(html[k]) && html[k] !== '>') k += 1;
        j = k;
      }
    }
    const rawTextEnd = RAW_TEXT_END.get(tag);
    if (rawTextEnd) {
      rawTextEnd.lastIndex = j;
      const close = rawTextEnd.exec(html)?.index ?? n;
      if (tag === 'style') {
        // An empty comment, not nothing: `<` + `<style>…</style>text` must not become the tag `<text`.
        const after = html.indexOf('>', close);
        out += `${html.slice(copied, i)}<!---->`;
        copied = after < 0 ? n : after + 1;
        i = html.indexOf('<', copied);
        continue;
      }
      j = close;
    }
    for (const [start, end, name] of renames) {
      out += html.slice(copied, start) + name;
      copied = end;
    }
    i = html.indexOf('<', j);
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/** Iterative, so it is safe on any depth. */
function deeperThan(root: Node, limit: number): boolean {
  let depth = 0;
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.firstChild) {
      node = node.firstChild;
      if (++depth > limit) return true;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth -= 1;
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  return false;
}

// ─── rich path ──────────────────────────────────────────────────────────────────────────────

interface Cleaner {
  purify: DOMPurify;
  images: number;
}

const cleaners = new WeakMap<object, Cleaner>();

function cleanerFor(win: Win): Cleaner {
  const existing = cleaners.get(win);
  if (existing) return existing;
  const cleaner: Cleaner = { purify: createDOMPurify(win), images: 0 };
  cleaner.purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'img' && isCountableImage(node as Element)) cleaner.images += 1;
  });
  cleaner.purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.localName !== 'a') return;
    const href = node.getAttribute('href');
    if (href === null) return;
    const clean = cleanLinkUrl(href);
    if (clean === null) node.removeAttribute('href');
    else if (clean !== href) node.setAttribute('href', clean);
  });
  cleaners.set(win, cleaner);
  return cleaner;
}

function cleanRich(doc: Document, win: Win): SanitizedPaste {
  prepare(doc);
  const cleaner = cleanerFor(win);
  cleaner.images = 0;
  // DOMPurify cannot remove the node it is given, and <body> is not on the list: hand it a <div>.
  const root = doc.createElement('div');
  root.append(...Array.from(doc.body.childNodes));
  const fragment = cleaner.purify.sanitize(root, PURIFY_CONFIG);
  const flow = new Flow();
  flowChildren(fragment, ROOT_CONTEXT, flow);
  flow.flush();
  return { html: serializeBlocks(flow.blocks), droppedImages: cleaner.images, truncated: false };
}

function prepare(doc: Document): void {
  const body = doc.body;
  removeComments(doc, body);
  for (const el of Array.from(body.querySelectorAll(DROP_SELECTOR))) el.remove();
  convertWordLists(doc, body);
  for (const el of Array.from(body.querySelectorAll('br.Apple-interchange-newline'))) el.remove();
  for (const el of Array.from(body.querySelectorAll(STYLED))) {
    if (el.isConnected) applyInlineStyle(doc, el);
  }
  // Unwrap what DOMPurify would unwrap anyway (span, font, o:p …): moving the children is linear,
  // whereas DOMPurify's KEEP_CONTENT deep-clones them once per unwrapped ancestor. Images stay for
  // DOMPurify's hook to count and remove.
  for (const el of Array.from(body.querySelectorAll('*'))) {
    if (!ALLOWED_TAGS.has(el.localName) && el.localName !== 'img') el.replaceWith(...Array.from(el.childNodes));
  }
}

function removeComments(doc: Document, root: Node): void {
  const walker = doc.createTreeWalker(root, SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
}

function parseStyle(style: string): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const value = declaration
      .slice(colon + 1)
      .trim()
      .toLowerCase()
      .replace(/\s*!important$/, '');
    declarations.set(declaration.slice(0, colon).trim().toLowerCase(), value);
  }
  return declarations;
}

function isHiddenStyle(style: Map<string, string>): boolean {
  return style.get('display') === 'none' || style.get('visibility') === 'hidden' || style.get('mso-hide') === 'all';
}

const VOID_TAGS = new Set(['br', 'hr', 'img', 'wbr', 'area', 'col']);

/** Turns the formatting a `style` attribute carries into tags DOMPurify will keep; removes hidden content. */
function applyInlineStyle(doc: Document, el: Element): void {
  const style = styleOf(el);
  if (isHiddenStyle(style) || style.get('mso-list') === 'ignore') {
    el.remove();
    return;
  }
  const tag = el.localName;
  if (VOID_TAGS.has(tag)) return;
  const weight = style.get('font-weight');
  const fontStyle = style.get('font-style');
  const decoration = `${style.get('text-decoration') ?? ''} ${style.get('text-decoration-line') ?? ''}`;
  const wrappers: string[] = [];
  if (weight !== undefined && /^(?:bold|bolder|[6-9]00)$/.test(weight)) wrappers.push('strong');
  if (fontStyle !== undefined && /^(?:italic|oblique)\b/.test(fontStyle)) wrappers.push('em');
  if (/\bunderline\b/.test(decoration)) wrappers.push('u');
  if (/\bline-through\b/.test(decoration)) wrappers.push('s');
  // Google Docs wraps the whole paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
  const unwrap =
    ((tag === 'b' || tag === 'strong') && weight !== undefined && /^(?:normal|lighter|[1-5]00)$/.test(weight)) ||
    ((tag === 'i' || tag === 'em') && fontStyle === 'normal');
  if (wrappers.length === 0 && !unwrap) return;
  let outer: Element | null = null;
  let inner: Element | null = null;
  for (const name of wrappers) {
    const wrapper = doc.createElement(name);
    if (inner) inner.appendChild(wrapper);
    else outer = wrapper;
    inner = wrapper;
  }
  const children = Array.from(el.childNodes);
  if (inner && outer) {
    inner.append(...children);
    if (unwrap) el.replaceWith(outer);
    else el.appendChild(outer);
  } else {
    el.replaceWith(...children);
  }
}

const WORD_LIST = /^l(\d+)\s+level(\d+)/;
/** "1." "a)" "(iv)" "一、" "１．" — anything else (·, o, §, Ø, -) is a bullet. */
const ORDERED_MARKER = /^[(（]?(?:[0-9０-９]+|[a-z]{1,2}|[ivxlcdm]+|[一二三四五六七八九十百]+)[.)、．）]/i;

/** Word writes list items as `<p style="mso-list:l0 level1 lfo1">` with the bullet in a `mso-list:Ignore` span. */
function convertWordLists(doc: Document, body: HTMLElement): void {
  interface Level {
    level: number;
    ordered: boolean;
    list: Element;
  }
  let stack: Level[] = [];
  let previous: Element | null = null;
  let previousId = '';
  const converted: Element[] = [];
  for (const p of Array.from(body.querySelectorAll(`p[${STYLE_ATTRIBUTE}*="mso-list"],p[style*="mso-list"]`))) {
    const match = WORD_LIST.exec(styleOf(p).get('mso-list') ?? '');
    if (!match) continue;
    const id = match[1] ?? '';
    const level = Number(match[2]);
    if (previous === null || p.previousElementSibling !== previous || id !== previousId) stack = [];
    previous = p;
    previousId = id;

    let marker = '';
    for (const span of Array.from(p.querySelectorAll(`[${STYLE_ATTRIBUTE}*="mso-list"],[style*="mso-list"]`))) {
      if (styleOf(span).get('mso-list') !== 'ignore') continue;
      marker += span.textContent ?? '';
      span.remove();
    }
    const ordered = ORDERED_MARKER.test(marker.replace(/[\s\u00a0]+/g, ''));

    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) > level) stack.pop();
    let top = stack.at(-1);
    if (top && top.level === level && top.ordered !== ordered) {
      stack.pop();
      top = stack.at(-1);
    }
    if (!top || top.level < level) {
      const list = doc.createElement(ordered ? 'ol' : 'ul');
      if (!top) {
        p.before(list);
      } else {
        let host = top.list.lastElementChild;
        if (!host) {
          host = doc.createElement('li');
          top.list.appendChild(host);
        }
        host.appendChild(list);
      }
      top = { level, ordered, list };
      stack.push(top);
    }
    const li = doc.createElement('li');
    li.append(...Array.from(p.childNodes));
    top.list.appendChild(li);
    converted.push(p);
  }
  for (const p of converted) p.remove();
}

function isCountableImage(img: Element): boolean {
  if (!img.getAttribute('src') && !img.getAttribute('srcset')) return false;
  const style = styleOf(img);
  for (const size of [img.getAttribute('width'), img.getAttribute('height'), style.get('width'), style.get('height')]) {
    if (size == null) continue;
    const px = Number.parseFloat(size);
    if (Number.isFinite(px) && px <= 2 && !size.trim().endsWith('%')) return false;
  }
  return true;
}

/**
 * The link's URL if it may stay: absolute http(s) or mailto, no user name or password,
 * tracking parameters removed (the rest of the URL is kept exactly as written). Else null.
 */
export function cleanLinkUrl(href: string): string | null {
  const raw = href.replace(/[\t\n\r]/g, '').trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
  if (url.username || url.password) return null;
  return stripTrackingParams(raw);
}

function stripTrackingParams(href: string): string {
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt < 0 ? href : href.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : href.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return href;
  const params = beforeHash.slice(queryAt + 1).split('&');
  const kept = params.filter((param) => !isTrackingParam(param.split('=', 1)[0] ?? ''));
  if (kept.length === params.length) return href;
  const query = kept.filter((param) => param !== '').join('&');
  return beforeHash.slice(0, queryAt) + (query ? `?${query}` : '') + hash;
}

function isTrackingParam(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    // keep the raw name
  }
  name = name.toLowerCase();
  return name.startsWith('utm_') || TRACKING_PARAMS.has(name);
}

// ─── model ──────────────────────────────────────────────────────────────────────────────────

interface Marks {
  readonly b: boolean;
  readonly i: boolean;
  readonly u: boolean;
  readonly s: boolean;
  readonly href: string | null;
}
interface TextRun {
  readonly text: string;
  readonly marks: Marks;
}
type Inline = TextRun | 'br';
interface TextBlock {
  kind: 'p' | 'h2' | 'h3' | 'blockquote';
  content: Inline[];
}
interface ListBlock {
  kind: 'ul' | 'ol';
  items: ListItem[];
}
interface ListItem {
  content: Inline[];
  lists: ListBlock[];
}
type Block = TextBlock | ListBlock;

function isList(block: Block): block is ListBlock {
  return block.kind === 'ul' || block.kind === 'ol';
}
interface Context {
  readonly marks: Marks;
  readonly pre: boolean;
}

const ROOT_CONTEXT: Context = { marks: { b: false, i: false, u: false, s: false, href: null }, pre: false };

/** Collects blocks; loose inline content accumulates in `run` until a block boundary. */
class Flow {
  readonly blocks: Block[] = [];
  run: Inline[] = [];

  flush(): void {
    if (this.run.length === 0) return;
    for (const content of splitLines(tidy(this.run), true)) this.blocks.push({ kind: 'p', content });
    this.run = [];
  }

  add(block: Block | null): void {
    this.flush();
    if (block) this.blocks.push(block);
  }
}

function contextFor(el: Element, ctx: Context): Context {
  const tag = el.localName;
  const mark = MARK_TAGS[tag];
  if (mark) return ctx.marks[mark] ? ctx : { ...ctx, marks: { ...ctx.marks, [mark]: true } };
  if (tag === 'a') {
    const href = el.getAttribute('href');
    return href === null ? ctx : { ...ctx, marks: { ...ctx.marks, href } };
  }
  if (tag === 'pre') return { ...ctx, pre: true };
  return ctx;
}

function pushText(text: string, ctx: Context, out: Inline[]): void {
  if (ctx.pre) {
    text.split(/\r\n?|\n/).forEach((line, index) => {
      if (index > 0) out.push('br');
      if (line) out.push({ text: line, marks: ctx.marks });
    });
    return;
  }
  const collapsed = text.replace(/[\t\n\r\f ]+/g, ' ');
  if (collapsed) out.push({ text: collapsed, marks: ctx.marks });
}

function flowChildren(parent: Node, ctx: Context, flow: Flow): void {
  for (let child = parent.firstChild; child; child = child.nextSibling) flowNode(child, ctx, flow);
}

function flowNode(node: Node, ctx: Context, flow: Flow): void {
  if (node.nodeType === TEXT_NODE) {
    pushText(node.nodeValue ?? '', ctx, flow.run);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const el = node as Element;
  const tag = el.localName;
  const heading = HEADINGS[tag];
  if (tag === 'br') flow.run.push('br');
  else if (heading) flow.add(buildHeading(el, heading, ctx));
  else if (tag === 'blockquote') for (const block of buildQuote(el, ctx)) flow.add(block);
  else if (tag === 'ul' || tag === 'ol') flow.add(buildList(el, ctx));
  else if (BOUNDARY_TAGS.has(tag)) {
    flow.flush();
    flowChildren(el, contextFor(el, ctx), flow);
    flow.flush();
  } else flowChildren(el, contextFor(el, ctx), flow);
}

/** Inline content of a heading or list item: nested blocks become lines; lists go to `lists` if given. */
function collectNode(node: Node, ctx: Context, out: Inline[], lists: ListBlock[] | null): void {
  if (node.nodeType === TEXT_NODE) {
    pushText(node.nodeValue ?? '', ctx, out);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const el = node as Element;
  const tag = el.localName;
  if (tag === 'br') {
    out.push('br');
  } else if ((tag === 'ul' || tag === 'ol') && lists) {
    const list = buildList(el, ctx);
    if (list) lists.push(list);
  } else if (tag === 'ul' || tag === 'ol' || tag === 'blockquote' || BOUNDARY_TAGS.has(tag) || HEADINGS[tag]) {
    lineBreak(out);
    for (let child = el.firstChild; child; child = child.nextSibling) collectNode(child, contextFor(el, ctx), out, lists);
    lineBreak(out);
  } else {
    for (let child = el.firstChild; child; child = child.nextSibling) collectNode(child, contextFor(el, ctx), out, lists);
  }
}

function lineBreak(out: Inline[]): void {
  if (out.length > 0 && out.at(-1) !== 'br') out.push('br');
}

function buildHeading(el: Element, kind: 'h2' | 'h3', ctx: Context): TextBlock | null {
  const content: Inline[] = [];
  for (let child = el.firstChild; child; child = child.nextSibling) collectNode(child, ctx, content, null);
  const unbolded = content.map((item) => (item === 'br' || !item.marks.b ? item : { text: item.text, marks: { ...item.marks, b: false } }));
  const lines = splitLines(tidy(unbolded), false)[0];
  return lines ? { kind, content: lines } : null;
}

/** A quote holds lines, not paragraphs: its paragraphs are joined with <br>; a list inside it splits it. */
function buildQuote(el: Element, ctx: Context): Block[] {
  const inner = new Flow();
  flowChildren(el, ctx, inner);
  inner.flush();
  const blocks: Block[] = [];
  let lines: Inline[] = [];
  const close = (): void => {
    const content = splitLines(lines, false)[0];
    if (content) blocks.push({ kind: 'blockquote', content });
    lines = [];
  };
  for (const block of inner.blocks) {
    if (isList(block)) {
      close();
      blocks.push(block);
    } else {
      if (lines.length > 0) lines.push('br');
      lines.push(...block.content);
    }
  }
  close();
  return blocks;
}

function buildList(el: Element, ctx: Context): ListBlock | null {
  const list: ListBlock = { kind: el.localName === 'ol' ? 'ol' : 'ul', items: [] };
  let loose: ListItem | null = null; // content directly inside <ul>, outside any <li>
  for (let child = el.firstChild; child; child = child.nextSibling) {
    const tag = child.nodeType === ELEMENT_NODE ? (child as Element).localName : '';
    if (tag === 'li') {
      loose = null;
      list.items.push(buildItem(child as Element, ctx));
    } else if (tag === 'ul' || tag === 'ol') {
      // Google Docs nests lists as <ul><li>…</li><ul>…</ul></ul>: the list belongs to the item before it.
      loose = null;
      const nested = buildList(child as Element, ctx);
      if (!nested) continue;
      const last = list.items.at(-1);
      if (last) last.lists.push(nested);
      else list.items.push({ content: [], lists: [nested] });
    } else if (child.nodeType === ELEMENT_NODE || (child.nodeType === TEXT_NODE && (child.nodeValue ?? '').trim())) {
      if (!loose) {
        loose = { content: [], lists: [] };
        list.items.push(loose);
      }
      collectNode(child, ctx, loose.content, loose.lists);
    }
  }
  list.items = list.items
    .map((item) => ({ content: splitLines(tidy(item.content), false)[0] ?? [], lists: item.lists }))
    .filter((item) => item.content.length > 0 || item.lists.length > 0);
  return list.items.length > 0 ? list : null;
}

function buildItem(li: Element, ctx: Context): ListItem {
  const item: ListItem = { content: [], lists: [] };
  for (let child = li.firstChild; child; child = child.nextSibling) collectNode(child, ctx, item.content, item.lists);
  return item;
}

const LEADING_SPACE = /^[ \u00a0\u2002\u2003\u3000]+/;
const TRAILING_SPACE = /[ \u00a0\u2002\u2003\u3000]+$/;

function sameMarks(a: Marks, b: Marks): boolean {
  return a.b === b.b && a.i === b.i && a.u === b.u && a.s === b.s && a.href === b.href;
}

/**
 * Whitespace as a browser would show it: runs already collapsed per text node are collapsed
 * across nodes, lines lose leading indentation (spaces, NBSP, U+3000) and trailing spaces, empty
 * runs disappear, neighbouring runs with the same marks merge. Underline is dropped inside links.
 */
function tidy(items: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let lineStart = true;
  for (const item of items) {
    if (item === 'br') {
      trimLineEnd(out);
      out.push('br');
      lineStart = true;
      continue;
    }
    const previous = out.at(-1);
    let text = item.text;
    if (lineStart) text = text.replace(LEADING_SPACE, '');
    else if (previous !== undefined && previous !== 'br' && previous.text.endsWith(' ')) text = text.replace(/^ /, '');
    if (!text) continue;
    const marks = item.marks.href !== null && item.marks.u ? { ...item.marks, u: false } : item.marks;
    if (previous !== undefined && previous !== 'br' && sameMarks(previous.marks, marks)) {
      out[out.length - 1] = { text: previous.text + text, marks };
    } else {
      out.push({ text, marks });
    }
    lineStart = false;
  }
  trimLineEnd(out);
  return out;
}

function trimLineEnd(out: Inline[]): void {
  for (let last = out.at(-1); last !== undefined && last !== 'br'; last = out.at(-1)) {
    const text = last.text.replace(TRAILING_SPACE, '');
    if (text) {
      out[out.length - 1] = { text, marks: last.marks };
      return;
    }
    out.pop();
  }
}

/**
 * Drops leading and trailing line breaks. With `splitOnBlankLine`, two or more breaks in a row
 * start a new paragraph (web pages and Chinese portals separate paragraphs with <br><br>);
 * otherwise they collapse to one.
 */
function splitLines(items: readonly Inline[], splitOnBlankLine: boolean): Inline[][] {
  const groups: Inline[][] = [];
  let current: Inline[] = [];
  let breaks = 0;
  for (const item of items) {
    if (item === 'br') {
      breaks += 1;
      continue;
    }
    if (current.length > 0 && breaks >= 2 && splitOnBlankLine) {
      groups.push(current);
      current = [];
    } else if (current.length > 0 && breaks > 0) {
      current.push('br');
    }
    breaks = 0;
    current.push(item);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

// ─── output ─────────────────────────────────────────────────────────────────────────────────

const MARK_ORDER = [
  ['b', 'strong'],
  ['i', 'em'],
  ['u', 'u'],
  ['s', 's'],
] as const;

function serializeBlocks(blocks: readonly Block[]): string {
  let html = '';
  for (const block of blocks) {
    html += isList(block) ? serializeList(block) : `<${block.kind}>${serializeInline(block.content)}</${block.kind}>`;
  }
  return html;
}

function serializeList(list: ListBlock): string {
  let html = `<${list.kind}>`;
  for (const item of list.items) html += `<li>${serializeInline(item.content)}${item.lists.map(serializeList).join('')}</li>`;
  return `${html}</${list.kind}>`;
}

function hrefOf(item: Inline | undefined): string | null {
  return item === undefined || item === 'br' ? null : item.marks.href;
}

function serializeInline(items: readonly Inline[]): string {
  let html = '';
  for (let start = 0; start < items.length;) {
    const href = hrefOf(items[start]);
    let end = start + 1;
    while (end < items.length && hrefOf(items[end]) === href) end += 1;
    const inner = serializeMarks(items.slice(start, end), 0);
    html += href === null ? inner : `<a href="${escapeHtmlAttribute(href)}">${inner}</a>`;
    start = end;
  }
  return html;
}

/** Nests marks in a fixed order (strong > em > u > s), each spanning as many runs as possible. */
function serializeMarks(items: readonly Inline[], level: number): string {
  const mark = MARK_ORDER[level];
  if (!mark) return items.map((item) => (item === 'br' ? '<br>' : escapeHtmlText(item.text))).join('');
  const [key, tag] = mark;
  const on = (item: Inline | undefined): boolean => item !== undefined && item !== 'br' && item.marks[key];
  let html = '';
  for (let start = 0; start < items.length;) {
    const value = on(items[start]);
    let end = start + 1;
    while (end < items.length && on(items[end]) === value) end += 1;
    const inner = serializeMarks(items.slice(start, end), level + 1);
    html += value ? `<${tag}>${inner}</${tag}>` : inner;
    start = end;
  }
  return html;
}

// ─── plain-text fallback ────────────────────────────────────────────────────────────────────

function exceedsUtf8Bytes(text: string, limit: number): boolean {
  if (text.length > limit) return true; // every UTF-16 unit is at least one UTF-8 byte
  if (text.length * 3 <= limit) return false; // and at most three
  return new TextEncoder().encode(text).length > limit;
}

const TEXT_BLOCK_TAGS = new Set([...BOUNDARY_TAGS, ...Object.keys(HEADINGS), 'ul', 'ol', 'blockquote', 'br']);

/** The text of `html`, one `<p>` per line or block, formatting dropped. Iterative, so depth does not matter. */
function textOnly(doc: Document): SanitizedPaste {
  // One pass (a 5 MB paste has ~10⁵ elements): skip dropped and hidden subtrees, count images,
  // write a newline at each block's start and end.
  const body = doc.body;
  const parts: string[] = [];
  let droppedImages = 0;
  let node: Node | null = body.firstChild;
  while (node) {
    let enter = false;
    if (node.nodeType === TEXT_NODE) {
      parts.push((node.nodeValue ?? '').replace(/[\t\n\r\f ]+/g, ' '));
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      if (el.localName === 'img') {
        if (isCountableImage(el)) droppedImages += 1;
      } else if (!DROP_TAGS.has(el.localName) && !el.hasAttribute('hidden') && !isHiddenStyle(styleOf(el))) {
        if (TEXT_BLOCK_TAGS.has(el.localName)) parts.push('\n');
        enter = true;
      }
    }
    if (enter && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== body && !node.nextSibling) {
      node = node.parentNode;
      if (node && node.nodeType === ELEMENT_NODE && TEXT_BLOCK_TAGS.has((node as Element).localName)) parts.push('\n');
    }
    node = node && node !== body ? node.nextSibling : null;
  }

  const paragraphs: string[] = [];
  let room = MAX_FALLBACK_TEXT_CHARS;
  for (const paragraph of plainTextToParagraphs(parts.join(''))) {
    if (paragraph.length <= room) {
      paragraphs.push(paragraph);
      room -= paragraph.length;
      continue;
    }
    // Cut the last paragraph at the limit, never between the halves of a surrogate pair.
    const end = /[\ud800-\udbff]/.test(paragraph.charAt(room - 1)) ? room - 1 : room;
    if (end > 0) paragraphs.push(paragraph.slice(0, end));
    break;
  }
  return { html: paragraphsToHtml(paragraphs), droppedImages, truncated: true };
}
