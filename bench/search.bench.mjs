// Drafts search index (src-main/drafts/search) on 5,000 synthetic stories — a third Traditional
// Chinese, a third Simplified (converted from Traditional with OpenCC's phrase converter), a third
// English, ~2,000 characters/words each, from a seeded PRNG. Measures the full build, the cache
// (JSON size, save, load), and search latency over 200 queries, against a naive linear scan
// (`text.includes`) of the same normalised texts in the same run. The TypeScript is bundled on the
// fly with esbuild into a temp .cjs. Prints one JSON object. Target (issue): search p95 ≤ 20 ms.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STORIES = Number(process.env.BENCH_STORIES ?? 5000);
const QUERIES = 200;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'copydesk-search-bench-'));

const bundle = path.join(tmp, 'search.cjs');
await build({
  stdin: {
    contents: `
      export { StoryIndex } from './src-main/drafts/search/StoryIndex.ts';
      export { normalizeText, tokenize } from './src-main/drafts/search/tokenize.ts';
      export { loadIndex, saveIndex } from './src-main/drafts/search/indexCache.ts';
      export { Converter as t2s } from 'opencc-js/t2cn';
      export { Converter as s2t } from 'opencc-js/cn2t';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
});
const { StoryIndex, normalizeText, tokenize, loadIndex, saveIndex, t2s, s2t } = createRequire(import.meta.url)(bundle);
const toSimplified = t2s({ from: 'tw', to: 'cn' });
const toTraditional = s2t({ from: 'cn', to: 'tw' });

// ── corpus ────────────────────────────────────────────────────────────────────────────────────
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20240601);
const pick = (list) => list[Math.floor(rnd() * list.length)];
/** Zipf-like index in [0, n): small indexes far more often. */
const zipf = (n) => Math.min(n - 1, Math.floor(Math.exp(rnd() * Math.log(n + 1)) - 1));

const HANT =
  '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎存未遠叫台單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功包片史委乎查輕易早曾除農找裝廣顯阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害斗雙境客紀採舉殺攻父蘇密低朝友訴止細願千值仍男錢破網熱助倒育屬坐帝限船臉職速刻樂否剛威毛狀率甚獨球般普怕彈校苦創假久錯承印晚蘭試股拿腦預誰益陽若微尼繼送急血驚傷素藥適波夜省初喜衛源食險待述陸習置居勞財環排福納歡雷警獲模充負雲停木遊龍樹疑層冷洲衝射略範竟句室異激漢村策演簡卡罪判擔州靜退既衣宗積餘痛檢差富靈協角佔配征修皮揮勝降階審沉堅善劉讀超免壓銀買皇養伊懷執副亂抗犯追幫宣佛歲航優怪香田鐵控稅左右份穿藝背陣草腳概惡塊頓敢守酒島託央戶烈洋哥索胡款靠評版寶座釋景顧弟登貨互付伯慢歐換聞危忙核暗姐介壞討麗良序升監臨亮露永呼味野架域沙掉括艦魚雜誤湯康訪遇贛鎮';
const hanChars = [...HANT];
const zhVocab = Array.from({ length: 6000 }, () => {
  const length = 1 + Math.floor(rnd() * 3) + (rnd() < 0.15 ? 1 : 0);
  let word = '';
  for (let k = 0; k < length; k++) word += hanChars[zipf(hanChars.length)];
  return word;
});
const ZH_NAMES = ['江西省', '南昌市', '贛江新區', '立法會', '財政預算', '行政長官', '國際機場', '颱風警告', '消費者委員會', '科學園區'];
const LATIN_IN_ZH = ['GDP', 'AI', 'iPhone', 'COVID-19', 'NASA', '5G', 'Tesla', 'WHO', '2024', '3.5%'];

const EN_BASE = (
  'the of and to a in for is on that by this with it from at as was are be has have had not but or which an they their its he she were been ' +
  'said would will more after also new council city government budget minister police court school hospital market company year years million ' +
  'percent report people state public health housing transport election vote party water energy price prices week month officials plan plans ' +
  'workers union bank trade tax policy reform data study research climate flood storm fire port airport railway station bridge district river ' +
  'mayor president spokesman committee hearing investigation judge trial evidence witness statement agreement contract project funding'
).split(' ');
const syllables = [
  'ka',
  'ro',
  'mi',
  'sel',
  'tan',
  'dor',
  'vin',
  'lu',
  'pra',
  'ex',
  'on',
  'ter',
  'gal',
  'bri',
  'mo',
  'cus',
  'ven',
  'dal',
  'pi',
  'nor',
];
const enVocab = [...EN_BASE];
while (enVocab.length < 12000) {
  let word = '';
  const n = 2 + Math.floor(rnd() * 3);
  for (let k = 0; k < n; k++) word += pick(syllables);
  enVocab.push(word);
}
const EN_NAMES = ['Ganjiang New Area', 'Legislative Council', 'Budget', 'Nanchang', 'Typhoon', 'Harbour Tunnel'];

function zhText(chars) {
  let text = '';
  while (text.length < chars) {
    let clause = '';
    const words = 3 + Math.floor(rnd() * 6);
    for (let k = 0; k < words; k++) {
      const r = rnd();
      clause += r < 0.02 ? pick(ZH_NAMES) : r < 0.03 ? ` ${pick(LATIN_IN_ZH)} ` : zhVocab[zipf(zhVocab.length)];
    }
    text += clause + (rnd() < 0.3 ? '。' : '，') + (rnd() < 0.05 ? '\n\n' : '');
  }
  return text;
}
function enText(words) {
  const out = [];
  for (let k = 0; k < words; k++) {
    let word = rnd() < 0.01 ? pick(EN_NAMES) : enVocab[zipf(enVocab.length)];
    if (k === 0 || out[k - 1]?.endsWith('.')) word = word[0].toUpperCase() + word.slice(1);
    out.push(word + (rnd() < 0.07 ? '.' : rnd() < 0.05 ? ',' : ''));
  }
  return out.join(' ');
}

const SECTIONS = ['Politics', 'Business', 'City', 'World', 'Sport', 'Culture'];
const STATUSES = ['draft', 'ready', 'editing', 'approved', 'filed'];
const TAGS = ['選舉', '经济', 'housing', 'transport', '颱風', 'courts', '教育', 'health'];
const T0 = Date.parse('2023-01-01T00:00:00Z');
const docs = [];
for (let i = 0; i < STORIES; i++) {
  const language = ['zh-Hant', 'zh-Hans', 'en'][i % 3];
  let headline, deck, body;
  if (language === 'en') {
    headline = enText(10).replace(/[.,]/g, '');
    deck = enText(30);
    body = enText(2000);
  } else {
    headline = zhText(18).replace(/[，。\n]/g, '');
    deck = zhText(60);
    body = zhText(2000);
    if (language === 'zh-Hans') [headline, deck, body] = [headline, deck, body].map(toSimplified);
  }
  const updated = T0 + Math.floor(rnd() * 730 * 86_400_000);
  docs.push({
    id: `S${String(i).padStart(5, '0')}`,
    revision: 1 + Math.floor(rnd() * 9),
    headline,
    deck,
    body,
    tags: [pick(TAGS), pick(TAGS)],
    section: pick(SECTIONS),
    language,
    status: pick(STATUSES),
    createdAt: new Date(updated - 86_400_000).toISOString(),
    updatedAt: new Date(updated).toISOString(),
  });
}
const corpusBytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d.headline + d.deck + d.body + d.tags.join('')), 0);

// ── queries ───────────────────────────────────────────────────────────────────────────────────
const isHan = (s) => /^\p{Script=Han}+$/u.test(s);
function hanSubstring(doc, length) {
  for (;;) {
    const at = Math.floor(rnd() * (doc.body.length - length));
    const s = doc.body.slice(at, at + length);
    if (isHan(s)) return s;
  }
}
function enWord(doc) {
  for (;;) {
    const w = pick(doc.body.split(/\s+/)).replace(/[.,]/g, '');
    if (w.length >= 4) return w;
  }
}
const zhDocs = docs.filter((d) => d.language !== 'en');
const enDocs = docs.filter((d) => d.language === 'en');
const queries = [];
for (let q = 0; q < QUERIES; q++) {
  const kind = ['cjk2', 'cjk4', 'english', 'multi'][q % 4];
  let text;
  if (kind === 'cjk2') text = hanSubstring(pick(zhDocs), 2);
  else if (kind === 'cjk4') {
    const doc = pick(zhDocs);
    text = hanSubstring(doc, 4);
    // Every other one in the other script: Traditional → Simplified and back.
    if (q % 8 < 4) text = doc.language === 'zh-Hant' ? toSimplified(text) : toTraditional(text);
  } else if (kind === 'english') text = enWord(pick(enDocs));
  else if (q % 8 < 4) {
    const doc = pick(enDocs);
    text = `${enWord(doc)} ${enWord(doc)}`;
  } else {
    // A Han run and a Latin term (or a second run) from the same Chinese story.
    const doc = pick(zhDocs);
    const latin = LATIN_IN_ZH.filter((term) => /^[a-z]+$/i.test(term) && doc.body.includes(term));
    text = `${hanSubstring(doc, 3)} ${latin.length > 0 ? pick(latin) : hanSubstring(doc, 2)}`;
  }
  let filters;
  if (q % 2 === 1) {
    const from = T0 + Math.floor(rnd() * 500) * 86_400_000;
    filters = pick([
      { status: ['draft', 'editing'] },
      { language: pick(['zh-Hant', 'zh-Hans', 'en']) },
      { section: pick(SECTIONS) },
      { updatedFrom: new Date(from).toISOString(), updatedTo: new Date(from + 180 * 86_400_000).toISOString() },
    ]);
  }
  queries.push({ kind, text, filters });
}
const singleChar = Array.from({ length: 20 }, () => ({ kind: 'cjk1', text: hanSubstring(pick(zhDocs), 1) }));

// ── measure ───────────────────────────────────────────────────────────────────────────────────
const now = () => performance.now();
const round = (x) => Math.round(x * 1000) / 1000;
function quantiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  return { p50_ms: q(0.5), p95_ms: q(0.95), max_ms: round(sorted[sorted.length - 1]) };
}

// A full collection before and after, to see what the index itself keeps on the heap.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const heapUsed = () => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
const heapBefore = heapUsed();
let t = now();
const index = StoryIndex.create();
for (const doc of docs) index.upsert(doc);
const buildMs = now() - t;
const indexHeapMB = Math.round((heapUsed() - heapBefore) / 1e6);

t = now();
const json = JSON.stringify(index.toJSON());
const toJsonMs = now() - t;
const cacheFile = path.join(tmp, 'cache', 'search-index.json');
t = now();
await saveIndex(cacheFile, index);
const saveMs = now() - t;
t = now();
const loaded = await loadIndex(cacheFile);
const loadMs = now() - t;
if (loaded === null || loaded.size !== index.size) throw new Error('cache round trip failed');

function timeAll(list, run) {
  const times = [];
  const results = [];
  for (const query of list) {
    const start = now();
    results.push(run(query));
    times.push(now() - start);
  }
  return { times, results };
}
const runIndex = (q) => loaded.search(q.text, q.filters);
const cold = timeAll(queries, runIndex); // first pass on the freshly loaded index
const warm = timeAll(queries, runIndex);
const byKind = {};
for (const kind of ['cjk2', 'cjk4', 'english', 'multi']) byKind[kind] = quantiles(warm.times.filter((_, i) => queries[i].kind === kind));
const single = timeAll(singleChar, runIndex);
timeAll(singleChar, runIndex);

// Baseline: the same normalised text (headline, deck, tags, body), every query term must be a substring.
t = now();
const texts = docs.map((d) => normalizeText([d.headline, d.deck, ...d.tags, d.body].join('\n')));
const normaliseMs = now() - t;
const matchesFilters = (d, f) =>
  !f ||
  ((!f.status || f.status.includes(d.status)) &&
    (!f.section || d.section === f.section) &&
    (!f.language || d.language === f.language) &&
    (!f.updatedFrom || (d.updatedAt >= f.updatedFrom && d.updatedAt <= f.updatedTo)));
const runBaseline = (q) => {
  const terms = q.text.split(/\s+/).filter(Boolean).map(normalizeText);
  const hits = [];
  for (let i = 0; i < docs.length; i++)
    if (matchesFilters(docs[i], q.filters) && terms.every((term) => texts[i].includes(term))) hits.push(docs[i].id);
  return hits;
};
timeAll(queries, runBaseline);
const baseline = timeAll(queries, runBaseline);

// Agreement on the Chinese queries, all hits (no limit), with the linear scan, which is exact.
// `extraHits`: bigram matches the index could not check (beyond the stored lead), kept and ranked last.
const agreement = {};
for (const kind of ['cjk2', 'cjk4']) {
  const counts = { expectedHits: 0, found: 0, extraHits: 0 };
  queries.forEach((q, i) => {
    if (q.kind !== kind) return;
    const truth = new Set(baseline.results[i]);
    const got = new Set(loaded.search(q.text, q.filters, 1e9).map((h) => h.id));
    counts.expectedHits += truth.size;
    for (const id of truth) if (got.has(id)) counts.found++;
    for (const id of got) if (!truth.has(id)) counts.extraHits++;
  });
  agreement[kind] = { ...counts, recall: round(counts.found / Math.max(1, counts.expectedHits)) };
}

// Why the tokenizer does what it does (see tokenize.ts): Intl.Segmenter and OpenCC's phrase converter, per story.
const sampleEn = enDocs.slice(0, 10).map((d) => d.body);
const sampleZh = zhDocs.slice(0, 40).map((d) => d.body);
const perStory = (list, fn) => {
  const start = now();
  for (const s of list) fn(s);
  return round((now() - start) / list.length);
};
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const phraseFold = t2s({ from: 'tw', to: 'cn' });

const result = {
  stories: STORIES,
  corpusBytes,
  build: { ms: Math.round(buildMs), perStoryMs: round(buildMs / STORIES), indexHeapMB },
  index: { jsonBytes: Buffer.byteLength(json), toJsonMs: Math.round(toJsonMs) },
  cache: { fileBytes: statSync(cacheFile).size, saveMs: Math.round(saveMs), loadMs: Math.round(loadMs) },
  search: {
    queries: QUERIES,
    mix: '50 × 2-char CJK, 50 × 4-char CJK (half in the other script), 50 × English word, 50 × multi-term; every other query filtered',
    ...quantiles(warm.times),
    coldFirstPass: quantiles(cold.times),
    byKind,
    meanHits: round(warm.results.reduce((sum, hits) => sum + hits.length, 0) / QUERIES),
    singleCharQueries: { n: singleChar.length, ...quantiles(single.times) },
  },
  baseline: {
    what: 'linear scan: every query term `includes` in the normalised text of each of the stories',
    normaliseMs: Math.round(normaliseMs),
    ...quantiles(baseline.times),
    meanHits: round(baseline.results.reduce((sum, hits) => sum + hits.length, 0) / QUERIES),
  },
  cjkAgreementWithBaseline: agreement,
  tokenizerChoices: {
    englishStoryMs: {
      tokenize: perStory(sampleEn, (s) => tokenize(s)),
      intlSegmenter: perStory(sampleEn, (s) => [...segmenter.segment(s)]),
    },
    chineseStoryMs: { normalizeText: perStory(sampleZh, normalizeText), openccPhraseConverter: perStory(sampleZh, phraseFold) },
  },
  target: { searchP95Ms: 20, met: quantiles(warm.times).p95_ms <= 20 },
};
rmSync(tmp, { recursive: true, force: true });
console.log(JSON.stringify(result, null, 2));
