import { describe, expect, it } from 'vitest';
import { LEAD_CHARS, type SearchDoc, type SearchFilters, StoryIndex } from './StoryIndex.js';
import { doc } from './testDoc.js';

function indexOf(...docs: SearchDoc[]): StoryIndex {
  const index = StoryIndex.create();
  for (const d of docs) index.upsert(d);
  return index;
}

const ids = (index: StoryIndex, query: string, filters?: SearchFilters, limit?: number) =>
  index.search(query, filters, limit).map((hit) => hit.id);

/** Text with none of the characters the tests search for. */
const FILLER = '今天天氣很好，我們一起去公園散步，看見很多人在跑步和打球。';

describe('StoryIndex: Chinese substrings', () => {
  const index = indexOf(
    doc('jiangxi', { body: '記者今日在江西省南昌市報道，當地天氣晴朗。' }),
    doc('ganjiang', { body: '國務院批覆設立贛江新區，範圍包括南昌、九江兩市部分區域。' }),
    doc('simplified', { language: 'zh-Hans', body: '国务院批复设立赣江新区，范围包括南昌、九江两市部分区域。' }),
    doc('other', { body: FILLER }),
  );

  it('finds 江西 inside a sentence', () => {
    expect(ids(index, '江西')).toEqual(['jiangxi']);
  });

  it('finds 贛江新區 inside a sentence, in both scripts', () => {
    expect(ids(index, '贛江新區').sort()).toEqual(['ganjiang', 'simplified']);
  });

  it('finds Traditional text with a Simplified query and Simplified text with a Traditional query', () => {
    expect(ids(index, '赣江新区').sort()).toEqual(['ganjiang', 'simplified']);
    expect(ids(index, '范围包括').sort()).toEqual(['ganjiang', 'simplified']);
    expect(ids(index, '批覆設立').sort()).toEqual(['ganjiang', 'simplified']);
    expect(ids(index, '南昌市')).toEqual(['jiangxi']);
  });

  it('finds a single character anywhere in a run, including at its end', () => {
    // 昌 is followed by 市 in one story and ends the run 南昌 in the others.
    expect(ids(index, '昌').sort()).toEqual(['ganjiang', 'jiangxi', 'simplified']);
    expect(ids(index, '晴')).toEqual(['jiangxi']);
  });

  it('returns nothing for an empty, blank or punctuation-only query, or a missing term', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   \n')).toEqual([]);
    expect(index.search('，。！')).toEqual([]);
    expect(index.search('上海')).toEqual([]);
  });
});

describe('StoryIndex: words, width and case', () => {
  const index = indexOf(
    doc('model', { language: 'en', body: 'The new model ABC123 went on sale in March.' }),
    doc('fullwidth', { body: '新型號ＡＢＣ１２３今日上市。' }),
    doc('budget', { language: 'en', headline: 'City Budget Approved', body: 'The council passed the BUDGET on Tuesday.' }),
  );

  it('matches full-width letters and digits with half-width ones', () => {
    expect(ids(index, 'ＡＢＣ１２３').sort()).toEqual(['fullwidth', 'model']);
    expect(ids(index, 'abc123').sort()).toEqual(['fullwidth', 'model']);
  });

  it('matches English words in any case, as whole words', () => {
    expect(ids(index, 'budget')).toEqual(['budget']);
    expect(ids(index, 'BUDGET')).toEqual(['budget']);
    expect(ids(index, 'Budget approved')).toEqual(['budget']);
    expect(ids(index, 'budg')).toEqual([]);
  });
});

describe('StoryIndex: several terms', () => {
  const index = indexOf(
    doc('both', { body: '贛江新區公布 budget 細節。' }),
    doc('chinese-only', { body: '贛江新區公布細節。' }),
    doc('english-only', { language: 'en', body: 'The budget details.' }),
  );

  it('requires every term (AND)', () => {
    expect(ids(index, '贛江新區 budget')).toEqual(['both']);
    expect(ids(index, 'budget 赣江新区')).toEqual(['both']);
    expect(ids(index, '贛江新區').sort()).toEqual(['both', 'chinese-only']);
    expect(ids(index, '贛江新區 budget 上海')).toEqual([]);
  });
});

describe('StoryIndex: filters', () => {
  const index = indexOf(
    doc('a', { body: '颱風', status: 'draft', section: 'City', language: 'zh-Hant', updatedAt: '2024-03-01T10:00:00.000Z' }),
    doc('b', { body: '台风', status: 'editing', section: 'City', language: 'zh-Hans', updatedAt: '2024-03-15T23:30:00.000Z' }),
    doc('c', { body: '颱風', status: 'filed', section: 'World', language: 'zh-Hant', updatedAt: '2024-04-02T00:00:00.000Z' }),
    // 08:00 on 16 March in Hong Kong is 00:00 UTC on 16 March.
    doc('d', { body: '颱風', status: 'approved', section: 'City', language: 'zh-Hant', updatedAt: '2024-03-16T08:00:00+08:00' }),
  );

  it('filters by a list of statuses (an empty list filters nothing)', () => {
    expect(ids(index, '颱風', { status: ['draft', 'filed'] }).sort()).toEqual(['a', 'c']);
    expect(ids(index, '颱風', { status: ['ready'] })).toEqual([]);
    expect(ids(index, '颱風', { status: [] }).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filters by section and language', () => {
    expect(ids(index, '颱風', { section: 'City' }).sort()).toEqual(['a', 'b', 'd']);
    expect(ids(index, '颱風', { language: 'zh-Hans' })).toEqual(['b']);
    expect(ids(index, '颱風', { section: 'City', language: 'zh-Hant', status: ['approved'] })).toEqual(['d']);
  });

  it('filters by an inclusive range of update times, respecting offsets', () => {
    expect(ids(index, '颱風', { updatedFrom: '2024-03-01T10:00:00.000Z', updatedTo: '2024-03-15T23:30:00.000Z' }).sort()).toEqual([
      'a',
      'b',
    ]);
    expect(ids(index, '颱風', { updatedFrom: '2024-03-16T00:00:00Z' }).sort()).toEqual(['c', 'd']);
    expect(ids(index, '颱風', { updatedTo: '2024-03-15T23:59:59Z' }).sort()).toEqual(['a', 'b']);
    // A date-only upper bound includes that whole (UTC) day.
    expect(ids(index, '颱風', { updatedFrom: '2024-03-15', updatedTo: '2024-03-16' }).sort()).toEqual(['b', 'd']);
  });

  it('rejects a date filter that is not a date', () => {
    expect(() => index.search('颱風', { updatedFrom: 'last week' })).toThrow(RangeError);
  });
});

describe('StoryIndex: updates', () => {
  it('replaces a story on upsert and forgets it on remove', () => {
    const index = indexOf(doc('a', { revision: 1, body: '江西省' }), doc('b', { body: '江西省' }));
    expect(index.size).toBe(2);
    expect(index.revisionOf('a')).toBe(1);

    index.upsert(doc('a', { revision: 2, body: '廣東省' }));
    expect(index.size).toBe(2);
    expect(index.revisionOf('a')).toBe(2);
    expect(ids(index, '江西')).toEqual(['b']);
    expect(ids(index, '广东')).toEqual(['a']);

    index.remove('b');
    expect(index.has('b')).toBe(false);
    expect(index.revisionOf('b')).toBeUndefined();
    expect(index.size).toBe(1);
    expect(ids(index, '江西')).toEqual([]);
    expect(index.ids()).toEqual(['a']);
    index.remove('missing');
    expect(index.size).toBe(1);
  });
});

describe('StoryIndex: ranking and snippets', () => {
  it('ranks a headline match above body matches', () => {
    const index = indexOf(
      doc('body', { headline: '天氣報告', body: `${FILLER}山竹${FILLER}山竹${FILLER}山竹` }),
      doc('headline', { headline: '颱風山竹吹襲', body: FILLER }),
      doc('en-body', { language: 'en', headline: 'Weather', body: 'The typhoon hit. The typhoon left. Typhoon warnings.' }),
      doc('en-headline', { language: 'en', headline: 'Typhoon hits city', body: 'Rain all day.' }),
    );
    expect(ids(index, '山竹')).toEqual(['headline', 'body']);
    expect(ids(index, 'typhoon')).toEqual(['en-headline', 'en-body']);
  });

  it('cuts a snippet of about 80 characters around the first match, in the story’s own script', () => {
    const body = `${FILLER.repeat(3)}國務院批覆設立贛江新區，範圍包括南昌。${FILLER.repeat(3)}`;
    const index = indexOf(doc('a', { headline: '新區成立', deck: '', body }));
    const [hit] = index.search('赣江新区');
    expect(hit?.snippet).toContain('贛江新區');
    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(hit?.snippet.endsWith('…')).toBe(true);
    expect(hit?.snippet.length).toBeLessThanOrEqual(82);
    expect(hit?.snippet.length).toBeGreaterThanOrEqual(70);
  });

  it('takes the snippet from the headline, then the deck, then the body', () => {
    const index = indexOf(
      doc('h', { headline: '南昌新聞', deck: '南昌的摘要', body: '南昌的正文' }),
      doc('d', { headline: '新聞', deck: '南昌的摘要', body: '南昌的正文' }),
      doc('b', { headline: '新聞', deck: '摘要', body: 'Mayor said:  南昌的正文' }),
    );
    const snippets = Object.fromEntries(index.search('南昌').map((hit) => [hit.id, hit.snippet]));
    expect(snippets).toEqual({ h: '南昌新聞', d: '南昌的摘要', b: 'Mayor said: 南昌的正文' });
  });

  it('stops at the limit (200 by default)', () => {
    const index = StoryIndex.create();
    for (let i = 0; i < 250; i++) index.upsert(doc(`s${i}`, { body: `第${i}篇：颱風消息` }));
    expect(index.search('颱風')).toHaveLength(200);
    expect(index.search('颱風', {}, 3)).toHaveLength(3);
    expect(index.search('颱風', {}, 0)).toEqual([]);
  });

  it('searches tags', () => {
    const index = indexOf(doc('a', { tags: ['選舉', 'Politics'], body: FILLER }), doc('b', { body: FILLER }));
    expect(ids(index, '选举')).toEqual(['a']);
    expect(ids(index, 'politics')).toEqual(['a']);
  });
});

describe('StoryIndex: runs of three or more characters (bigram AND precision)', () => {
  // The decision (see StoryIndex.ts): a run is the AND of its bigrams, checked against the stored
  // headline, deck, tags and the first LEAD_CHARS characters of the body.
  const longFiller = FILLER.repeat(Math.ceil(LEAD_CHARS / FILLER.length) + 1);

  it('drops a story that has all the bigrams but not the run, when all of its text was checked', () => {
    // 江西 and 西省 (in 陝西省) both occur, 江西省 does not; the body fits in the lead.
    const index = indexOf(doc('false', { body: '江西和陝西省都下雨。' }), doc('true', { body: '江西省南昌市' }));
    expect(ids(index, '江西省')).toEqual(['true']);
  });

  it('drops a story whose bigrams are spread over different fields', () => {
    // 江西 only in the headline, 西省 only in the (long) body: 江西省 cannot be in the body.
    const index = indexOf(doc('spread', { headline: '江西新聞', body: `${longFiller}陝西省` }));
    expect(ids(index, '江西省')).toEqual([]);
  });

  it('keeps a possible match beyond the lead, ranked after every checked match', () => {
    const index = indexOf(
      // Both have 江西 and 西省 only after the lead: one really has 江西省, one does not; neither can be checked.
      doc('deep-true', { body: `${longFiller}他到了江西省。` }),
      doc('deep-false', { body: `${longFiller}江西和陝西省。` }),
      // Checked matches: in the headline and at the start of the body.
      doc('headline', { headline: '江西省新聞', body: longFiller }),
      doc('lead', { body: `江西省消息。${longFiller}` }),
    );
    const found = ids(index, '江西省');
    expect(found.slice(0, 2).sort()).toEqual(['headline', 'lead']);
    expect(found.slice(2).sort()).toEqual(['deep-false', 'deep-true']);
  });
});

describe('StoryIndex: serialisation', () => {
  const docs = [
    doc('a', { headline: '贛江新區成立', deck: '南昌', body: `${FILLER}國務院批覆。`, tags: ['江西'], updatedAt: '2024-02-01T00:00:00Z' }),
    doc('b', { language: 'zh-Hans', status: 'filed', body: '赣江新区 budget 通过', updatedAt: '2024-03-01T00:00:00Z' }),
    doc('c', { language: 'en', section: 'World', headline: 'Budget vote', body: 'ABC123 and the budget.' }),
  ];
  const queries: [string, SearchFilters][] = [
    ['赣江新区', {}],
    ['budget', {}],
    ['budget', { language: 'en' }],
    ['江西', {}],
    ['昌', {}],
    ['ａｂｃ１２３', {}],
    ['新區 budget', { status: ['filed'] }],
  ];

  it('round-trips through toJSON, JSON text and fromJSON with the same results', () => {
    const index = indexOf(...docs);
    index.upsert(doc('d', { body: '臨時' }));
    index.remove('d'); // leaves garbage that toJSON compacts away
    const copy = StoryIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(copy).not.toBeNull();
    for (const [query, filters] of queries) expect(copy?.search(query, filters)).toEqual(index.search(query, filters));
    expect(copy?.size).toBe(3);
    expect(copy?.revisionOf('a')).toBe(1);
    expect(copy?.has('d')).toBe(false);
    // And the copy keeps working after updates.
    copy?.upsert(doc('e', { body: '贛江新區' }));
    expect(
      copy
        ?.search('赣江新区')
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['a', 'b', 'e']);
  });

  it('returns null for anything that is not a cache of this version', () => {
    const good = indexOf(...docs).toJSON() as Record<string, unknown>;
    const variants: unknown[] = [
      null,
      42,
      'index',
      [],
      {},
      { ...good, format: 'something-else' },
      { ...good, version: 999 },
      { ...good, tokenizer: '0:old' },
      { ...good, docs: 'x' },
      { ...good, docs: [['a', 1, 'lost', 'News', 'zh-Hant', '2024-01-01T00:00:00Z', '', '', [], '', 1, 0, 0, 0, 0]] },
      { ...good, docs: [...(good.docs as unknown[]), (good.docs as unknown[])[0]] }, // duplicate id
      { ...good, postings: 'not base64!' },
      { ...good, postings: (good.postings as string).slice(0, 12) },
      { ...good, termBytes: '' },
      { ...good, terms: `${good.terms as string}\nextra` },
    ];
    for (const variant of variants) expect(StoryIndex.fromJSON(variant)).toBeNull();
  });
});

describe('StoryIndex: supplementary-plane Han characters', () => {
  // U+2000B 𠀋 is a surrogate pair: its run used to add 江西 and 西省 as second terms, which
  // shadowed the first ones (江西 then missed 'before') and made toJSON write them twice.
  const index = indexOf(
    doc('before', { body: '記者今日在江西省報道。' }),
    doc('astral', { headline: '𠀋江西省', body: '人名用字𠀋江西省，又見𠀋江西省。' }),
    doc('after', { body: '江西天氣晴朗。' }),
    doc('other', { body: FILLER }),
  );

  it('finds a BMP bigram in stories indexed before and after a run with a supplementary-plane character', () => {
    expect(ids(index, '江西').sort()).toEqual(['after', 'astral', 'before']);
    expect(ids(index, '西省').sort()).toEqual(['astral', 'before']);
    expect(ids(index, '江西省').sort()).toEqual(['astral', 'before']);
  });

  it('finds bigrams mixing BMP and supplementary-plane characters, and the character alone', () => {
    expect(ids(index, '𠀋江')).toEqual(['astral']);
    expect(ids(index, '𠀋江西省')).toEqual(['astral']);
    expect(ids(index, '𠀋')).toEqual(['astral']);
    expect(ids(index, '江𠀋')).toEqual([]);
    expect(index.search('𠀋江')[0]?.snippet).toBe('𠀋江西省');
  });

  it('round-trips through toJSON and fromJSON with the same results', () => {
    const json = JSON.parse(JSON.stringify(index.toJSON())) as { terms: string };
    const terms = json.terms.split('\n');
    expect(new Set(terms).size).toBe(terms.length);
    const copy = StoryIndex.fromJSON(json);
    expect(copy).not.toBeNull();
    for (const query of ['江西', '西省', '江西省', '𠀋江', '𠀋', '江']) expect(copy?.search(query)).toEqual(index.search(query));
    copy?.upsert(doc('later', { body: '江西' }));
    expect(
      copy
        ?.search('江西')
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['after', 'astral', 'before', 'later']);
  });
});
