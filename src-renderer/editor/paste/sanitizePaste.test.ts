// @vitest-environment node
import { createHeadlessEditor } from '@lexical/headless';
import { $generateNodesFromDOM } from '@lexical/html';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { $getRoot, $insertNodes } from 'lexical';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanLinkUrl, MAX_NESTING_DEPTH, MAX_RICH_PASTE_BYTES, quietMarkup, sanitizePastedHtml } from './sanitizePaste.js';

type Win = Window & typeof globalThis;
let win: Win;

beforeAll(() => {
  win = new JSDOM('').window as unknown as Win;
});

function clean(html: string) {
  return sanitizePastedHtml(html, win);
}

const FORBIDDEN_IN_OUTPUT: readonly RegExp[] = [
  /\son\w+\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /data:/i,
  /style=/i,
  /class=/i,
  /\sid=/i,
  /<script/i,
  /<style/i,
  /<img/i,
  /<iframe/i,
  /<svg/i,
  /<math/i,
  /<!--/,
];
const OUTPUT_TAGS = new Set(['p', 'h2', 'h3', 'br', 'strong', 'em', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote']);

/** Every tag is on the story's list, the only attribute is an http(s)/mailto href, nothing dangerous is left. */
function expectSafe(html: string): void {
  for (const pattern of FORBIDDEN_IN_OUTPUT) expect(html).not.toMatch(pattern);
  expectSafeMarkup(html);
}

/**
 * The same, for the markup only: pasted text may legitimately say "onerror=" or "javascript:"
 * (e.g. the text left over when a `<script>` ends early) and, escaped, it is only text. Checked on
 * the string and again on the DOM a browser would build from it.
 */
function expectSafeMarkup(html: string): void {
  const tags = [...html.matchAll(/<[^>]*>/g)].map(([tag]) => tag).join('');
  for (const pattern of FORBIDDEN_IN_OUTPUT) expect(tags).not.toMatch(pattern);
  for (const [, tag, attributes] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(OUTPUT_TAGS.has(tag ?? '')).toBe(true);
    if (attributes) expect(attributes).toMatch(/^ href="(?:https?|mailto):[^"<>]*"$/);
  }
  const body = new win.DOMParser().parseFromString(html, 'text/html').body;
  for (const el of Array.from(body.querySelectorAll('*'))) {
    expect(OUTPUT_TAGS.has(el.localName)).toBe(true);
    for (const attribute of Array.from(el.attributes)) {
      expect(attribute.name).toBe('href');
      expect(cleanLinkUrl(attribute.value)).toBe(attribute.value);
    }
  }
  const walker = body.ownerDocument.createTreeWalker(body, 0x80 /* comments */);
  expect(walker.nextNode()).toBeNull();
}

// ─── fixtures ───────────────────────────────────────────────────────────────────────────────

/** Word 365 on Windows, Traditional Chinese, as Chromium hands it over (CF_HTML body). */
const WORD_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/reporter/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:新細明體;
	panose-1:2 2 5 0 0 0 0 0 0 0;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	font-size:12.0pt;
	font-family:"Calibri",sans-serif;}
-->
</style>
<!--[if gte mso 10]>
<style>
 table.MsoNormalTable
	{mso-style-name:表格內文;}
</style>
<![endif]-->
</head>

<body lang=ZH-TW style='tab-interval:24.0pt;word-wrap:break-word'>
<!--StartFragment-->

<h1><span lang=ZH-TW style='font-family:"新細明體",serif;mso-ascii-font-family:Calibri;
mso-hansi-font-family:Calibri'>濱江市民公園二期竣工</span><span lang=EN-US><o:p></o:p></span></h1>

<p class=MsoNormal><span lang=ZH-TW style='font-family:"新細明體",serif'>【本報訊】濱江市民公園二期工程昨日竣工，</span><b><span
lang=ZH-TW style='font-family:"新細明體",serif'>周末起免費開放</span></b><span lang=ZH-TW
style='font-family:"新細明體",serif'>。</span><span lang=EN-US><o:p></o:p></span></p>

<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>

<p class=MsoNormal><i style='mso-bidi-font-style:normal'><span lang=ZH-TW>市府表示</span></i><span
lang=ZH-TW>，園區新增</span><span lang=EN-US>3</span><span lang=ZH-TW>座兒童遊樂場</span><span
lang=EN-US style='mso-spacerun:yes'>&nbsp; </span><span lang=EN-US>(<a
href="https://www.city.gov.tw/news?id=12&amp;utm_source=word&amp;utm_medium=doc">詳見市府公告</a>)</span><span
lang=EN-US><o:p></o:p></span></p>

<p class=MsoListParagraphCxSpFirst style='margin-left:24.0pt;mso-add-space:auto;
text-indent:-24.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:
Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=ZH-TW>兒童遊樂場</span><span lang=EN-US><o:p></o:p></span></p>

<p class=MsoListParagraphCxSpMiddle style='margin-left:48.0pt;mso-add-space:auto;
text-indent:-24.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
lang=EN-US style='font-family:Wingdings;mso-fareast-font-family:Wingdings;
mso-bidi-font-family:Wingdings'><span style='mso-list:Ignore'>n<span
style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]><span
lang=ZH-TW>共融式鞦韆</span><span lang=EN-US><o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast style='margin-left:24.0pt;mso-add-space:auto;
text-indent:-24.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:
Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=ZH-TW>自行車道</span><span lang=EN-US><o:p></o:p></span></p>

<p class=MsoListParagraphCxSpFirst style='margin-left:24.0pt;mso-add-space:auto;
text-indent:-24.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
lang=EN-US style='mso-bidi-font-family:Calibri'><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
lang=ZH-TW>上午九時開園</span><span lang=EN-US><o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast style='margin-left:24.0pt;mso-add-space:auto;
text-indent:-24.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
lang=EN-US style='mso-bidi-font-family:Calibri'><span style='mso-list:Ignore'>2.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
lang=ZH-TW>晚上十時閉園</span><span lang=EN-US><o:p></o:p></span></p>

<p class=MsoNormal><span lang=ZH-TW>園內不設停車場</span><span lang=ZH-TW
style='display:none;mso-hide:all'>（內部註記：勿刊）</span><s><span lang=ZH-TW>（原訂設置）</span></s><span
lang=ZH-TW>。</span><b style='mso-bidi-font-weight:normal'><span lang=EN-US>Free</span></b><span
lang=EN-US> entry.<o:p></o:p></span></p>

<p class=MsoNormal><span lang=EN-US><!--[if gte vml 1]><v:shape id="圖片_x0020_1"
 o:spid="_x0000_i1025" type="#_x0000_t75" style='width:300pt;height:200pt;
 visibility:visible;mso-wrap-style:square'>
 <v:imagedata src="file:///C:/Users/reporter/AppData/Local/Temp/msohtmlclip1/01/clip_image001.jpg"
  o:title=""/>
</v:shape><![endif]--><![if !vml]><img width=400 height=267
src="file:///C:/Users/reporter/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg"
v:shapes="圖片_x0020_1"><![endif]></span><span lang=ZH-TW>圖：園區一景</span></p>

<p class=MsoNormal><span lang=ZH-TW>記者王小明</span><a style='mso-footnote-id:ftn1'
href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span
lang=EN-US>[1]</span></span></a></p>

<!--EndFragment-->
</body>

</html>
`;

const WORD_EXPECTED =
  '<h2>濱江市民公園二期竣工</h2>' +
  '<p>【本報訊】濱江市民公園二期工程昨日竣工，<strong>周末起免費開放</strong>。</p>' +
  '<p><em>市府表示</em>，園區新增3座兒童遊樂場&nbsp; (<a href="https://www.city.gov.tw/news?id=12">詳見市府公告</a>)</p>' +
  '<ul><li>兒童遊樂場<ul><li>共融式鞦韆</li></ul></li><li>自行車道</li></ul>' +
  '<ol><li>上午九時開園</li><li>晚上十時閉園</li></ol>' +
  '<p>園內不設停車場<s>（原訂設置）</s>。<strong>Free</strong> entry.</p>' +
  '<p>圖：園區一景</p>' +
  '<p>記者王小明[1]</p>';

const GDOCS_SPAN =
  'font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-variant:normal;vertical-align:baseline;white-space:pre;white-space:pre-wrap;';
const gd = (style: string, text: string) => `<span style="${GDOCS_SPAN}${style}">${text}</span>`;
const NORMAL = 'font-weight:400;font-style:normal;text-decoration:none;';

/** Google Docs in Chrome: the docs-internal-guid wrapper, formatting only as inline styles, <li><p>. */
const GDOCS_HTML =
  '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5a1b2c3d-7fff-1234-abcd-0123456789ab">' +
  '<h1 dir="ltr" style="line-height:1.38;margin-top:20pt;margin-bottom:6pt;">' +
  gd('font-size:20pt;' + NORMAL, 'City budget passes') +
  '</h1>' +
  '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">' +
  gd(NORMAL, 'The council voted ') +
  gd('font-weight:700;font-style:normal;text-decoration:none;', '9 to 2') +
  gd(NORMAL, ' on Tuesday, ') +
  gd('font-weight:400;font-style:italic;text-decoration:none;', 'after a long debate') +
  gd(NORMAL, '. The ') +
  gd(
    'font-weight:400;font-style:normal;text-decoration:underline;-webkit-text-decoration-skip:none;text-decoration-skip-ink:none;',
    'final',
  ) +
  gd(NORMAL, '&nbsp;figure was ') +
  gd(
    'font-weight:400;font-style:normal;text-decoration:line-through;-webkit-text-decoration-skip:none;text-decoration-skip-ink:none;',
    '$4.1m',
  ) +
  gd(NORMAL, ' $4.2m, ') +
  gd('font-weight:700;font-style:italic;text-decoration:underline;', 'a record') +
  gd(NORMAL, '.') +
  '</p><br>' +
  '<h3 dir="ltr" style="line-height:1.38;margin-top:16pt;margin-bottom:4pt;">' +
  gd('font-size:14pt;color:#434343;' + NORMAL, 'What changes') +
  '</h3>' +
  '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;">' +
  `<li dir="ltr" style="list-style-type:disc;${GDOCS_SPAN}${NORMAL}" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation">` +
  gd(NORMAL, 'Bus fares') +
  '</p></li>' +
  '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;">' +
  `<li dir="ltr" style="list-style-type:circle;${GDOCS_SPAN}${NORMAL}" aria-level="2"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation">` +
  gd('font-weight:700;font-style:normal;text-decoration:none;', 'Free') +
  gd(NORMAL, ' for under-12s') +
  '</p></li></ul>' +
  `<li dir="ltr" style="list-style-type:disc;${GDOCS_SPAN}${NORMAL}" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation">` +
  gd(NORMAL, 'Library hours ') +
  '<a href="https://example.org/library?hours=1&amp;utm_medium=email&amp;utm_campaign=budget" style="text-decoration:none;">' +
  gd(
    'color:#1155cc;font-weight:400;font-style:normal;text-decoration:underline;-webkit-text-decoration-skip:none;text-decoration-skip-ink:none;',
    'extended',
  ) +
  '</a></p></li></ul><br>' +
  '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">' +
  gd(NORMAL, '“We listened,” the mayor said.') +
  '</p>' +
  '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">' +
  `<span style="${GDOCS_SPAN}${NORMAL}"><span style="border:none;display:inline-block;overflow:hidden;width:602px;height:339px;">` +
  '<img src="https://lh7-rt.googleusercontent.com/docsz/AD_4nXc-example?key=abc" width="602" height="339" style="margin-left:0px;margin-top:0px;" /></span></span>' +
  '</p></b><br class="Apple-interchange-newline">';

const GDOCS_EXPECTED =
  '<h2>City budget passes</h2>' +
  '<p>The council voted <strong>9 to 2</strong> on Tuesday, <em>after a long debate</em>. The <u>final</u>&nbsp;figure was <s>$4.1m</s> $4.2m, <strong><em><u>a record</u></em></strong>.</p>' +
  '<h3>What changes</h3>' +
  '<ul><li>Bus fares<ul><li><strong>Free</strong> for under-12s</li></ul></li><li>Library hours <a href="https://example.org/library?hours=1">extended</a></li></ul>' +
  '<p>“We listened,” the mayor said.</p>';

/** A hostile web page, copied whole. */
const WEB_HTML = `<html><head><title>Evil page</title>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<link rel="stylesheet" href="https://evil.example/x.css">
<style>body { background: url("javascript:alert(1)") }</style>
<script>alert('head')</script></head>
<body onload="alert(1)">
<div class="article-body" id="main" data-track="1">
<h3 class="title" onclick="alert(1)">Breaking: <em>storm</em> hits coast</h3>
<p style="color:red" onmouseover="alert(1)">Heavy rain <script>document.write('injected')</script>fell overnight.<img src="x" onerror="alert(1)"></p>
<p><a href="javascript:alert(1)">Click here</a> or <a href="JaVaScRiPt:alert(1)">here</a> or <a href=" java&#x09;script:alert(1)">there</a> or
<a href="https://example.com/a?utm_source=x&amp;id=3&amp;fbclid=y" target="_blank" rel="noopener" onclick="track()">read the report</a>.</p>
<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>, <a href="vbscript:msgbox(1)">vb</a>,
<a href="file:///etc/passwd">file</a>, <a href="/relative/path">relative</a>, <a href="https://user:pw@example.com/">creds</a>,
<a href="mailto:desk@example.com?subject=Tip&amp;utm_campaign=z">mail the desk</a>.</p>
<iframe src="https://evil.example/frame" srcdoc="<script>alert(1)</script>">iframe text</iframe>
<svg onload="alert(1)"><script>alert(2)</script><text>svg text</text></svg>
<math><mi xlink:href="javascript:alert(1)">x</mi><mtext><img src=x onerror=alert(1)></mtext></math>
<form action="javascript:alert(1)"><input type="text" value="typed" onfocus="alert(1)" autofocus><button formaction="javascript:alert(1)">Submit</button><select><option>Choose</option></select><textarea>draft</textarea></form>
<object data="data:text/html,<script>alert(1)</script>">object text</object><embed src="javascript:alert(1)">
<noscript><img src="https://tracker.example/pixel.gif"></noscript>
<img src="https://tracker.example/p.gif" width="1" height="1" alt="">
<p>Photo: <img src="data:image/png;base64,iVBORw0KGgo=" alt="inline"> Reuters</p>
<table class="data"><tr><th>City</th><th>Rain (mm)</th></tr>
<tr><td>Keelung</td><td><table><tr><td>120</td><td><b>record</b></td></tr></table></td></tr></table>
<p><span></span><span class="empty"> </span></p>
<p>&nbsp;</p>
<p>x &lt;b&gt; y<!-- a comment --> and 3 &lt; 4</p>
<blockquote cite="https://example.com"><p>First line.</p><p>Second line.</p></blockquote>
<ol start="3"><li>Three</li><li>Four</li></ol>
<hr><p>Written by <a href="https://example.com/staff/lee" class="author">Lee</a></p>
</div>
</body></html>`;

const WEB_EXPECTED =
  '<h3>Breaking: <em>storm</em> hits coast</h3>' +
  '<p>Heavy rain fell overnight.</p>' +
  '<p>Click here or here or there or <a href="https://example.com/a?id=3">read the report</a>.</p>' +
  '<p>data link, vb, file, relative, creds, <a href="mailto:desk@example.com?subject=Tip">mail the desk</a>.</p>' +
  '<p>Photo: Reuters</p>' +
  '<p>City</p><p>Rain (mm)</p><p>Keelung</p><p>120</p><p><strong>record</strong></p>' +
  '<p>x &lt;b&gt; y and 3 &lt; 4</p>' +
  '<blockquote>First line.<br>Second line.</blockquote>' +
  '<ol><li>Three</li><li>Four</li></ol>' +
  '<p>Written by <a href="https://example.com/staff/lee">Lee</a></p>';

/** A mainland news portal: U+3000 indentation, <br><br> paragraphs, hidden anti-copy text, share widgets. */
const PORTAL_HTML = `<div class="article" id="artibody">
<p style="text-indent:2em;">\u3000\u3000新华社北京5月3日电（记者王小明）国家统计局3日发布数据显示，<strong>一季度国内生产总值同比增长5.3%</strong>。</p>
<p align="center"><img src="//n.sinaimg.cn/news/crawl/w550h330/20240503/abc.jpg" alt="资料图" width="550" height="330"></p>
<p align="center"><font face="楷体">资料图</font></p>
<p>\u3000\u3000统计局新闻发言人表示，<a href="https://finance.sina.com.cn/stock/?spm=a2c6h.12873639&amp;from=news" target="_blank">消费市场</a>稳步回升。<br><br>\u3000\u3000分地区看，东部地区增长较快。<span style="display:none">来源：某某网 版权所有 转载请注明</span></p>
<div class="show_author">（责任编辑：李四 SN123）</div>
<div class="article-share"><a href="javascript:void(0)" onclick="share('weibo')">分享到微博</a></div>
<script type="text/javascript">var _hmt = _hmt || [];</script>
</div>`;

const PORTAL_EXPECTED =
  '<p>新华社北京5月3日电（记者王小明）国家统计局3日发布数据显示，<strong>一季度国内生产总值同比增长5.3%</strong>。</p>' +
  '<p>资料图</p>' +
  '<p>统计局新闻发言人表示，<a href="https://finance.sina.com.cn/stock/?from=news">消费市场</a>稳步回升。</p>' +
  '<p>分地区看，东部地区增长较快。</p>' +
  '<p>（责任编辑：李四 SN123）</p>' +
  '<p>分享到微博</p>';

// ─── tests ──────────────────────────────────────────────────────────────────────────────────

describe('sanitizePastedHtml: real-world fixtures', () => {
  it('cleans Word HTML: conditional comments, <o:p>, MsoNormal, mso-* styles, list paragraphs, lang=ZH-TW spans', () => {
    const result = clean(WORD_HTML);
    expect(result).toEqual({ html: WORD_EXPECTED, droppedImages: 1, truncated: false });
    expectSafe(result.html);
  });

  it('cleans Google Docs HTML: drops the docs-internal-guid wrapper, turns styled spans into marks, flattens <li><p>', () => {
    const result = clean(GDOCS_HTML);
    expect(result).toEqual({ html: GDOCS_EXPECTED, droppedImages: 1, truncated: false });
    expectSafe(result.html);
  });

  it('defuses a hostile web page and keeps its text', () => {
    const result = clean(WEB_HTML);
    expect(result).toEqual({ html: WEB_EXPECTED, droppedImages: 2, truncated: false });
    expectSafe(result.html);
    for (const leaked of [
      'Evil page',
      'injected',
      'alert',
      'iframe text',
      'svg text',
      'object text',
      'typed',
      'Submit',
      'Choose',
      'draft',
    ]) {
      expect(result.html).not.toContain(leaked);
    }
  });

  it('cleans a Chinese news portal fragment', () => {
    const result = clean(PORTAL_HTML);
    expect(result).toEqual({ html: PORTAL_EXPECTED, droppedImages: 1, truncated: false });
    expectSafe(result.html);
  });
});

describe('sanitizePastedHtml: rules', () => {
  const cases: [string, string, string][] = [
    [
      'h1/h2 → h2, h3–h6 → h3',
      '<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6>',
      '<h2>A</h2><h2>B</h2><h3>C</h3><h3>D</h3><h3>E</h3><h3>F</h3>',
    ],
    [
      'synonyms',
      '<p><b>b</b> <i>i</i> <strike>x</strike> <del>y</del> <s>z</s> <u>u</u></p>',
      '<p><strong>b</strong> <em>i</em> <s>x</s> <s>y</s> <s>z</s> <u>u</u></p>',
    ],
    [
      'marks nest in a fixed order and merge',
      '<p><em><strong>a</strong></em><strong>b</strong></p>',
      '<p><strong><em>a</em>b</strong></p>',
    ],
    ['bold inside headings is dropped', '<h2><strong>Big</strong> <em>news</em></h2>', '<h2>Big <em>news</em></h2>'],
    ['underline inside links is dropped', '<p><a href="https://a.test/"><u>x</u></a></p>', '<p><a href="https://a.test/">x</a></p>'],
    ['text-decoration-line', '<p><span style="text-decoration-line: underline line-through">x</span></p>', '<p><u><s>x</s></u></p>'],
    [
      'font-weight bold/600, oblique',
      '<p><span style="font-weight: bold">a</span><span style="FONT-WEIGHT:600 !important">b</span><span style="font-style:oblique 10deg">c</span></p>',
      '<p><strong>ab</strong><em>c</em></p>',
    ],
    [
      '<b style=font-weight:normal> is not bold',
      '<p><b style="font-weight:normal">plain</b> <strong style="font-weight: 400; font-style: italic">it</strong></p>',
      '<p>plain <em>it</em></p>',
    ],
    ['div blocks become paragraphs', '<div>one</div><div>two<div>three</div>four</div>', '<p>one</p><p>two</p><p>three</p><p>four</p>'],
    ['<br><br> splits a paragraph, one <br> stays', '<p>a<br>b<br><br>c<br> &nbsp; <br>d</p>', '<p>a<br>b</p><p>c</p><p>d</p>'],
    ['leading/trailing breaks and top-level <br> go', '<br><p><br>a<br></p><br><br>', '<p>a</p>'],
    ['whitespace collapses across elements', '<p>  a \n <b> b </b>  c\t</p>', '<p>a <strong>b </strong>c</p>'],
    [
      'NBSP-only and empty paragraphs collapse',
      '<p>&nbsp;</p><p> </p><p><span></span></p><p>\u3000</p><p>x</p><p>&nbsp;&nbsp;</p>',
      '<p>x</p>',
    ],
    ['empty spans and inline wrappers vanish', '<p>a<span></span><b></b><a href="https://x.test/"></a>b</p>', '<p>ab</p>'],
    [
      'nested lists in Lexical-friendly form',
      '<ol><li><p>a</p><ul><li>b</li></ul></li><li>c</li></ol>',
      '<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>',
    ],
    [
      '<li> with two paragraphs becomes one item with a line break',
      '<ul><li><p>a</p><p>b</p></li><li></li></ul>',
      '<ul><li>a<br>b</li></ul>',
    ],
    [
      'a list directly inside a list joins the previous item',
      '<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>',
      '<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>',
    ],
    [
      'blockquote keeps lines, not paragraphs',
      '<blockquote><p>a</p><blockquote><p><i>b</i></p></blockquote></blockquote>',
      '<blockquote>a<br><em>b</em></blockquote>',
    ],
    ['pre keeps its line breaks', '<pre>line 1\nline 2\n</pre>', '<p>line 1<br>line 2</p>'],
    [
      'table cells become paragraphs',
      '<table><thead><tr><th>H</th></tr></thead><tbody><tr><td><p>a</p><p>b</p></td><td>c</td></tr></tbody></table>',
      '<p>H</p><p>a</p><p>b</p><p>c</p>',
    ],
    ['Apple-interchange-newline', 'x<br class="Apple-interchange-newline">', '<p>x</p>'],
    ['ruby annotations are not text', '<p><ruby>漢<rp>(</rp><rt>ㄏㄢˋ</rt><rp>)</rp></ruby>字</p>', '<p>漢字</p>'],
    [
      'hidden content is not pasted',
      '<p>a<span hidden>b</span><span style="visibility:hidden">c</span><span style="display: none !important">d</span>e</p>',
      '<p>ae</p>',
    ],
    ['entities stay escaped', '<p>Tom &amp; Jerry &lt;3 &quot;q&quot;</p>', '<p>Tom &amp; Jerry &lt;3 "q"</p>'],
    ['comments never remove text (DOMPurify SAFE_FOR_XML)', '<p>if a &lt;b then<!-- x --></p>', '<p>if a &lt;b then</p>'],
    ['plain text without tags', 'just text', '<p>just text</p>'],
    ['nothing', '', ''],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    const result = clean(input);
    expect(result.html).toBe(expected);
    expect(result.truncated).toBe(false);
    expectSafe(result.html);
  });

  it('counts dropped images, but not tracking pixels or images without a source', () => {
    const html =
      '<p>a<img src="https://x.test/1.jpg"><img srcset="https://x.test/2.jpg 2x"><picture><source srcset="https://x.test/3.webp"><img src="https://x.test/3.jpg"></picture></p>' +
      '<img src="https://t.test/p.gif" width="1" height="1"><img src="https://t.test/q.gif" style="width:0;height:0"><img alt="no source">';
    expect(clean(html)).toEqual({ html: '<p>a</p>', droppedImages: 3, truncated: false });
  });
});

describe('cleanLinkUrl', () => {
  it.each([
    ['https://example.com/a?utm_source=x&id=3&fbclid=y', 'https://example.com/a?id=3'],
    ['https://example.com/a?UTM_Campaign=x&gclid=1&mc_eid=2&spm=a.b.c#top', 'https://example.com/a#top'],
    ['https://example.com/a?id=3&q=%E6%96%B0%E8%81%9E+x', 'https://example.com/a?id=3&q=%E6%96%B0%E8%81%9E+x'],
    ['https://例子.测试/路径?utm_medium=1&頁=2', 'https://例子.测试/路径?頁=2'],
    ['http://example.com', 'http://example.com'],
    ['  https://example.com/\n  ', 'https://example.com/'],
    ['mailto:desk@example.com?subject=Tip&utm_source=nl', 'mailto:desk@example.com?subject=Tip'],
    ['HTTPS://EXAMPLE.COM/', 'HTTPS://EXAMPLE.COM/'],
  ])('keeps %j as %j', (input, expected) => {
    expect(cleanLinkUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/',
    '/relative',
    '//example.com/protocol-relative',
    '#anchor',
    'https://user:pass@example.com/',
    '',
  ])('refuses %j', (input) => {
    expect(cleanLinkUrl(input)).toBeNull();
  });
});

describe('quietMarkup (no inline style, <style> or handler reaches the CSP-bound parser)', () => {
  it.each([
    ['<p style="font-weight:bold">x</p>', '<p data-copydesk-style="font-weight:bold">x</p>'],
    ['<P STYLE=color:red>x</P>', '<P data-copydesk-style=color:red>x</P>'],
    ['<p/style="a"><br/style=\'b\'>', '<p/data-copydesk-style="a"><br/data-copydesk-style=\'b\'>'],
    ['<p\n  style = "a" style>', '<p\n  data-copydesk-style = "a" data-copydesk-style>'],
    [`<p title='a style="x" > b' style="c">`, `<p title='a style="x" > b' data-copydesk-style="c">`],
    ['<p data-style="a" xstyle="b" styles="c">style="d"</p>', '<p data-style="a" xstyle="b" styles="c">style="d"</p>'],
    [
      '<img src=x onerror=alert(1) ONLOAD="b()" on="c" one>',
      '<img src=x data-copydesk-onerror=alert(1) data-copydesk-ONLOAD="b()" on="c" data-copydesk-one>',
    ],
    ['a<style type="text/css">p > b { color: red }</style>b<STYLE>x</STYLE >c<style>unclosed', 'a<!---->b<!---->c<!---->'],
    ['<style title="</style>">p{}</style>x', '<!---->x'],
    ['<style>a</styles>b</style>c', '<!---->c'],
    ['<<style></style>text', '<<!---->text'],
    ['<!-- <p style="a"> --><p style="b">', '<!-- <p style="a"> --><p data-copydesk-style="b">'],
    [`<script>s = "<p style='a'>"</script><p style="b">`, `<script>s = "<p style='a'>"</script><p data-copydesk-style="b">`],
    ['<textarea><p style="a"></TEXTAREA><p style="b">', '<textarea><p style="a"></TEXTAREA><p data-copydesk-style="b">'],
    ['<p title="never closed style="x">', '<p title="never closed style="x">'],
    ['a < b <3 <', 'a < b <3 <'],
  ])('%j', (input, expected) => {
    expect(quietMarkup(input)).toBe(expected);
  });

  it('changes nothing else the HTML parser sees', () => {
    const attribute = fc.constantFrom(
      'style="font-weight:700"',
      "style='font-style:italic'",
      'style=display:none',
      'STYLE="x"',
      'style',
      'title="a>b style=c"',
      'title=\'<p style="d">\'',
      'title="</style>"',
      'onerror="x()"',
      'ONCLICK=y',
      'class=MsoNormal',
      '/',
    );
    const tag = fc.constantFrom(
      'p',
      'span',
      'b',
      'div',
      'a',
      'img',
      'br',
      'td',
      'script',
      'style',
      'textarea',
      'title',
      'o:p',
      'font',
      'table',
    );
    const raw = fc.constantFrom(
      'text',
      ' style="x" ',
      '<',
      '>',
      '"',
      "'",
      '<!-- <p style="y"> -->',
      '<!--',
      '-->',
      '</script>',
      '</style>',
      '<![if !vml]>',
    );
    const html = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        raw,
        fc
          .tuple(tag, fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 3 }))
          .map(([name, attributes, children]) => `<${[name, ...attributes].join(' ')}>${children.join('')}</${name}>`),
      ),
    })).node;
    /** The document as a string, with `style`/`on…` read as their renamed forms and <style> elements left out. */
    const canonical = (node: Node): string => {
      if (node.nodeType === 3) return node.nodeValue ?? '';
      if (node.nodeType !== 1) return '';
      const el = node as Element;
      if (el.localName === 'style') return '';
      const attributes = Array.from(el.attributes, ({ name, value }) => {
        const renamed =
          name === 'style' ? 'data-copydesk-style' : name.length > 2 && name.startsWith('on') ? `data-copydesk-${name}` : name;
        return `${renamed}=${JSON.stringify(value)}`;
      }).sort();
      return `<${[el.localName, ...attributes].join(' ')}>${Array.from(el.childNodes, canonical).join('')}</>`;
    };
    const parse = (markup: string) => new win.DOMParser().parseFromString(markup, 'text/html').body; // <head> is never read
    fc.assert(
      fc.property(html, (input) => {
        const quiet = parse(quietMarkup(input));
        expect(quiet.querySelectorAll('style, [style], [onerror], [onclick]')).toHaveLength(0);
        expect(canonical(quiet)).toBe(canonical(parse(input)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('sanitizePastedHtml: size guard and robustness', () => {
  it('keeps only the text of HTML over 5 MB', () => {
    const paragraph = (n: number) =>
      `<p style="color:red" class="x">段落 ${n} <b>bold</b> <a href="https://x.test/?utm_source=y">link</a><img src="https://x.test/${n}.jpg"></p>\n`;
    const body = Array.from({ length: 2000 }, (_, n) => paragraph(n)).join('');
    const html = `<style>p { color: red }</style><script>${'alert(1);'.repeat(MAX_RICH_PASTE_BYTES / 9)}</script>${body}<table><tr><td>a</td><td>b</td></tr></table>`;
    expect(html.length).toBeGreaterThan(MAX_RICH_PASTE_BYTES);
    const result = clean(html);
    expect(result.truncated).toBe(true);
    expect(result.droppedImages).toBe(2000);
    const expected = Array.from({ length: 2000 }, (_, n) => `<p>段落 ${n} bold link</p>`).join('') + '<p>a</p><p>b</p>';
    expect(result.html).toBe(expected);
  });

  it('does not count inline image data towards the limit', () => {
    const photo = `data:image/jpeg;base64,${'/9j/4AAQSkZJRgABAQ'.repeat(MAX_RICH_PASTE_BYTES / 16)}`;
    const html = `<p><b>Caption</b></p><img src="${photo}" onerror="alert(1)"><img srcset='${photo} 2x'><p><i>Credit</i></p>`;
    expect(html.length).toBeGreaterThan(2 * MAX_RICH_PASTE_BYTES);
    expect(clean(html)).toEqual({ html: '<p><strong>Caption</strong></p><p><em>Credit</em></p>', droppedImages: 2, truncated: false });
  });

  it('measures the limit in UTF-8 bytes: 1.8 M Chinese characters are over it', () => {
    const result = clean(`<p>${'字'.repeat(1_800_000)}</p>`);
    expect(result.truncated).toBe(true);
    expect(result.html).toBe(`<p>${'字'.repeat(1_000_000)}</p>`); // and the text is capped at MAX_FALLBACK_TEXT_CHARS
  });

  it('keeps formatting up to MAX_NESTING_DEPTH levels and only the text beyond', () => {
    const nest = (levels: number) => `${'<span><b>'.repeat(levels / 2)}deep${'</b></span>'.repeat(levels / 2)}<p>after</p>`;
    expect(clean(nest(MAX_NESTING_DEPTH - 8))).toEqual({
      html: '<p><strong>deep</strong></p><p>after</p>',
      droppedImages: 0,
      truncated: false,
    });
    // 600 is beyond even Chromium's parser, which stops nesting at 512 levels.
    expect(clean(nest(600))).toEqual({ html: '<p>deep</p><p>after</p>', droppedImages: 0, truncated: true });
  });
});

describe('sanitizePastedHtml: what Lexical makes of the output', () => {
  function lexicalTree(html: string): string[] {
    const editor = createHeadlessEditor({
      nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode],
      onError: (error) => {
        throw error;
      },
    });
    editor.update(
      () => {
        const dom = new win.DOMParser().parseFromString(html, 'text/html');
        $getRoot().clear().select();
        $insertNodes($generateNodesFromDOM(editor, dom));
      },
      { discrete: true },
    );
    const lines: string[] = [];
    const walk = (
      node: { type: string; tag?: string; url?: string; text?: string; format?: number; children?: unknown[] },
      depth: number,
    ) => {
      const label = [node.type, node.tag, node.url, node.text === undefined ? undefined : `${JSON.stringify(node.text)}/${node.format}`];
      lines.push('  '.repeat(depth) + label.filter(Boolean).join(' '));
      for (const child of node.children ?? []) walk(child as typeof node, depth + 1);
    };
    for (const child of editor.getEditorState().toJSON().root.children) walk(child as Parameters<typeof walk>[0], 0);
    return lines;
  }

  it('imports the Google Docs paste as headings, marks and a nested list', () => {
    expect(lexicalTree(clean(GDOCS_HTML).html)).toEqual([
      'heading h2',
      '  text "City budget passes"/0',
      'paragraph',
      '  text "The council voted "/0',
      '  text "9 to 2"/1',
      '  text " on Tuesday, "/0',
      '  text "after a long debate"/2',
      '  text ". The "/0',
      '  text "final"/8',
      '  text "\u00a0figure was "/0',
      '  text "$4.1m"/4',
      '  text " $4.2m, "/0',
      '  text "a record"/11',
      '  text "."/0',
      'heading h3',
      '  text "What changes"/0',
      'list ul',
      '  listitem',
      '    text "Bus fares"/0',
      '  listitem',
      '    list ul',
      '      listitem',
      '        text "Free"/1',
      '        text " for under-12s"/0',
      '  listitem',
      '    text "Library hours "/0',
      '    link https://example.org/library?hours=1',
      '      text "extended"/0',
      'paragraph',
      '  text "“We listened,” the mayor said."/0',
    ]);
  });

  it('imports a quote as one quote node with line breaks', () => {
    expect(lexicalTree(clean('<blockquote><p>a</p><p>b</p></blockquote>').html)).toEqual([
      'quote',
      '  text "a"/0',
      '  linebreak',
      '  text "b"/0',
    ]);
  });
});

describe('sanitizePastedHtml: properties', () => {
  const text = fc.constantFrom('hello', '新聞', ' ', '\n', '&nbsp;', '&lt;', '&amp;', 'x>y', '"', "'", '\u3000');
  const dangerousAttribute = fc.constantFrom(
    'onerror="alert(1)"',
    'onload=alert(1)',
    'ONCLICK="x()"',
    "onmouseover='a()'",
    'href="javascript:alert(1)"',
    'href="  JaVaScRiPt:alert(1)"',
    'href="java&#x0A;script:alert(1)"',
    'href="data:text/html;base64,PHNjcmlwdD4="',
    'href="vbscript:x"',
    'href="https://ok.test/?utm_source=a&amp;id=1"',
    'href="mailto:a@b.test"',
    'src="data:image/png;base64,AAAA"',
    'src="javascript:alert(1)"',
    'srcdoc="<script>alert(1)</script>"',
    'style="background:url(javascript:alert(1));font-weight:700"',
    'style="font-style:italic;text-decoration:underline"',
    'style="display:none"',
    'class="MsoNormal"',
    'id="docs-internal-guid-1"',
    'data-x="1"',
    'xlink:href="javascript:alert(1)"',
    'formaction="javascript:alert(1)"',
    'action="javascript:alert(1)"',
  );
  const tag = fc.constantFrom(
    'script',
    'style',
    'img',
    'iframe',
    'svg',
    'math',
    'mtext',
    'foreignObject',
    'a',
    'p',
    'span',
    'b',
    'i',
    'u',
    'div',
    'h1',
    'h4',
    'ul',
    'ol',
    'li',
    'table',
    'td',
    'blockquote',
    'object',
    'embed',
    'form',
    'input',
    'button',
    'template',
    'noscript',
    'textarea',
    'title',
    'xmp',
    'select',
    'option',
    'video',
    'o:p',
    'base',
    'meta',
    'br',
  );
  const raw = fc.constantFrom(
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '<![if !supportLists]>',
    '<![endif]>',
    '<!--[if gte mso 9]><img src=x onerror=alert(1)><![endif]-->',
    '</p>',
    '<img src=x onerror=alert(1)//',
    '"><script>alert(1)</script>',
    '<svg><style><img src=x onerror=alert(1)></style></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="javascript:alert(1)">',
  );
  const html = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      raw,
      fc
        .tuple(tag, fc.array(dangerousAttribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
        .map(
          ([name, attributes, children, closed]) => `<${[name, ...attributes].join(' ')}>${children.join('')}${closed ? `</${name}>` : ''}`,
        ),
    ),
  })).node;

  it('never lets anything dangerous through, whatever the markup', () => {
    fc.assert(
      fc.property(html, (input) => {
        const result = sanitizePastedHtml(input, win);
        expect(result.truncated).toBe(false);
        expectSafeMarkup(result.html);
      }),
      { numRuns: 800 },
    );
  });

  it('is idempotent: cleaning clean output changes nothing', () => {
    fc.assert(
      fc.property(html, (input) => {
        const once = sanitizePastedHtml(input, win).html;
        expect(sanitizePastedHtml(once, win)).toEqual({ html: once, droppedImages: 0, truncated: false });
      }),
      { numRuns: 400 },
    );
  });
});
