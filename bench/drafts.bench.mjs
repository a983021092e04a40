// Drafts library benchmarks (issue: drafts). Prints one JSON object.
//  * save latency p50/p99 for 2k / 10k / 50k-word mixed Chinese/English stories, against a bare
//    temp+fsync+rename of the same bytes in the same run (target: p50 ≤ 1.5× bare);
//  * a library of 5,000 generated stories: list from a cold start (with and without the catalog
//    cache) — target ≤ 300 ms;
//  * the crash loop: SIGKILL a saving child 1,000 times (BENCH_KILLS), torn files and lost
//    acknowledged saves must be 0.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { mkdirSync, mkdtempSync, openSync, fsyncSync, closeSync, writeSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundle, percentiles, time } from './bundle.mjs';

const SAVES = Number(process.env.BENCH_SAVES ?? 60);
const STORIES = Number(process.env.BENCH_STORIES ?? 5000);
const KILLS = Number(process.env.BENCH_KILLS ?? 1000);

const lib = await bundle(
  {
    DraftStore: 'src-main/drafts/DraftStore.ts#DraftStore',
    runCrashLoop: 'src-main/drafts/testing/crashLoop.ts#runCrashLoop',
    serializeStory: 'src-main/drafts/storyFile.ts#serializeStory',
  },
  { crashChild: 'src-main/drafts/testing/crashChild.ts' },
);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'copydesk-bench-drafts-'));

/** A story body of about `words` words: half Chinese characters (1 char = 1 word), half English words. */
function body(words, seed) {
  const zh = '濱江市民公園二期工程昨日竣工並通過驗收周末起免費向市民開放贛江新區管委會表示將增設停車位';
  const en = ['council', 'budget', 'vote', 'river', 'park', 'opens', 'second', 'phase', 'residents', 'weekend', 'mayor', 'said'];
  const paragraphs = [];
  let count = 0;
  let s = seed;
  while (count < words) {
    let text = '';
    for (let i = 0; i < 40; i++) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      text += i % 2 ? `${en[s % en.length]} ` : zh.slice(s % 30, (s % 30) + 3);
      count += i % 2 ? 1 : 3;
    }
    paragraphs.push({ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text }] });
  }
  return { root: { type: 'root', version: 1, children: paragraphs } };
}

/** The baseline: the same temp → fsync → rename → fsync-dir with fs.promises (as the main process must). */
async function bareAtomicWrite(dir, bytes) {
  const file = path.join(dir, 'story.json');
  const temp = path.join(dir, `.story.json.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(temp, 'wx');
  await handle.writeFile(bytes);
  await handle.sync();
  await handle.close();
  await fsp.rename(temp, file);
  const dirHandle = await fsp.open(dir, 'r');
  await dirHandle.sync();
  await dirHandle.close();
}

/** The same with synchronous calls (no thread-pool hops): the floor for this disk. */
function bareAtomicWriteSync(dir, bytes) {
  const file = path.join(dir, 'story.json');
  const temp = path.join(dir, `.story.json.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  writeSync(fd, bytes);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temp, file);
  const dfd = openSync(dir, 'r');
  fsyncSync(dfd);
  closeSync(dfd);
}

async function saveLatency(words) {
  const store = await lib.DraftStore.open({ root: path.join(tmp(), 'lib') });
  let story = await store.create({ headline: `${words} words`, language: 'zh-Hant' });
  const ours = [];
  const bare = [];
  const bareSync = [];
  const bareDir = tmp();
  let bytes = 0;
  for (let i = 0; i < SAVES; i++) {
    const editorState = body(words, i);
    const input = {
      id: story.id,
      baseRevision: story.revision,
      meta: { ...story.meta, headline: `v${i}` },
      content: { editorState },
      photos: [],
    };
    const { value: saved, ms } = await time(() => store.save(input));
    ours.push(ms);
    story = { ...story, revision: saved.revision, meta: input.meta, content: input.content };
    const serialized = Buffer.from(lib.serializeStory({ ...story, updatedAt: saved.updatedAt }));
    bytes = serialized.length;
    bare.push((await time(() => bareAtomicWrite(bareDir, serialized))).ms);
    bareSync.push(time(() => bareAtomicWriteSync(bareDir, serialized)).ms);
  }
  const o = percentiles(ours);
  const b = percentiles(bare);
  return {
    words,
    story_bytes: bytes,
    copydesk_save: o,
    baseline_bare_atomic_write: b,
    baseline_bare_atomic_write_sync: percentiles(bareSync),
    ratio_p50: +(o.p50_ms / b.p50_ms).toFixed(2),
    ratio_p99: +(o.p99_ms / b.p99_ms).toFixed(2),
  };
}

async function libraryList() {
  const root = path.join(tmp(), 'lib');
  const seedStore = await lib.DraftStore.open({ root });
  const template = await seedStore.create({ headline: 'seed' });
  // Fixture: write 5,000 story files directly (creating them through saves would only measure fsync).
  const t0 = Date.now();
  for (let i = 0; i < STORIES; i++) {
    const id = seedStore.nextId();
    const dir = path.join(root, 'stories', id);
    mkdirSync(dir, { recursive: true });
    const story = {
      ...template,
      id,
      meta: { ...template.meta, headline: `第${i}篇 story ${i}`, status: ['draft', 'ready', 'editing'][i % 3] },
      content: { editorState: body(300, i) },
    };
    writeFileSync(path.join(dir, 'story.json'), lib.serializeStory(story));
  }
  const fixtureMs = Date.now() - t0;
  const noCache = await time(async () => (await lib.DraftStore.open({ root })).list());
  const withCache = await time(async () => (await lib.DraftStore.open({ root })).list());
  const warm = await lib.DraftStore.open({ root });
  await warm.list();
  const filtered = [];
  for (let i = 0; i < 50; i++) filtered.push((await time(() => warm.list({ status: ['ready'] }))).ms);
  // Search: the first query builds the index from the files (no cache); then timed queries.
  const searcher = await lib.DraftStore.open({ root });
  const rebuild = await time(() => searcher.list({ query: '公園' }));
  const queries = ['公園', '贛江新區', '市民', 'council', 'budget vote', '停車位 mayor', '第12篇', 'story 4999', '濱江', 'weekend'];
  const searchTimes = [];
  for (let i = 0; i < 200; i++) {
    const query = queries[i % queries.length];
    searchTimes.push((await time(() => searcher.list({ query, ...(i % 3 === 0 ? { status: ['ready'] } : {}) }))).ms);
  }
  const persist = await time(() => searcher.search.persist());
  const warmStart = await lib.DraftStore.open({ root });
  const cachedFirstQuery = await time(() => warmStart.list({ query: '公園' }));
  return {
    stories: withCache.value.stories.length,
    search_index_rebuild_ms: +rebuild.ms.toFixed(1),
    search_index_save_ms: +persist.ms.toFixed(1),
    search_first_query_with_cache_ms: +cachedFirstQuery.ms.toFixed(1),
    search: percentiles(searchTimes),
    fixture_ms: fixtureMs,
    cold_list_without_cache_ms: +noCache.ms.toFixed(1),
    cold_list_with_cache_ms: +withCache.ms.toFixed(1),
    warm_filtered_list: percentiles(filtered),
  };
}

// BENCH_PARTS=save,library,crash picks parts (default: all).
const parts = new Set((process.env.BENCH_PARTS ?? 'save,library,crash').split(','));
const result = {};
if (parts.has('save')) {
  result.save_latency = [];
  for (const words of [2000, 10000, 50000]) result.save_latency.push(await saveLatency(words));
}
if (parts.has('library')) result.library = await libraryList();
if (parts.has('crash') && KILLS > 0) {
  const { ms, value } = await time(() =>
    lib.runCrashLoop({ root: path.join(tmp(), 'lib'), childScript: lib.crashChild, kills: KILLS, seed: 7 }),
  );
  result.crash_loop = {
    kills: value.kills,
    torn: value.torn,
    lost_acknowledged: value.lost,
    mismatched: value.mismatched,
    acknowledged_saves: value.acknowledgedSaves,
    seconds: +(ms / 1000).toFixed(1),
  };
}
rmSync(lib.dir, { recursive: true, force: true });
console.log(JSON.stringify(result));
