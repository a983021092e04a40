import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMatches, foldForFind } from './find.js';

const exact = { matchCase: true, ignoreWidth: false };
const loose = { matchCase: false, ignoreWidth: true };

describe('findMatches', () => {
  it('finds every non-overlapping match with offsets into the original text', () => {
    expect(findMatches('濱江公園與濱江大橋', '濱江', exact)).toEqual([
      [0, 2],
      [5, 7],
    ]);
    expect(findMatches('aaaa', 'aa', exact)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(findMatches('anything', '', exact)).toEqual([]);
  });

  it('ignores case only when asked', () => {
    expect(findMatches('Council council COUNCIL', 'council', exact)).toEqual([[8, 15]]);
    expect(findMatches('Council council COUNCIL', 'council', loose)).toHaveLength(3);
  });

  it('treats full-width and half-width forms alike when asked', () => {
    expect(findMatches('ＣＯＶＩＤ－１９疫情', 'covid-19', loose)).toEqual([[0, 8]]);
    expect(findMatches('時間：2023', '時間:', loose)).toEqual([[0, 3]]);
    expect(findMatches('時間：2023', '時間:', exact)).toEqual([]);
    expect(findMatches('記者　陳志遠', '記者 陳', loose)).toEqual([[0, 4]]);
  });

  it('folding never changes the length, so offsets stay valid (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), fc.boolean(), (text, matchCase, ignoreWidth) => {
        expect(foldForFind(text, { matchCase, ignoreWidth })).toHaveLength(text.length);
      }),
    );
    expect(foldForFind('İﬁ㍻', loose)).toHaveLength(3);
  });
});
