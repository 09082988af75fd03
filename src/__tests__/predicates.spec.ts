import {
  filterRows,
  parsePredicate,
  PredicateError,
  sortRows
} from '../grid/predicates';

describe('parsePredicate', () => {
  it('compares numbers, nulls never match a comparison', () => {
    const gt = parsePredicate('> 10', true);
    expect([5, 10, 11, null, NaN].map(gt)).toEqual([
      false,
      false,
      true,
      false,
      false
    ]);
    expect(parsePredicate('<=2', true)(2)).toBe(true);
    expect(parsePredicate('!= 3', true)(null)).toBe(true);
    expect(parsePredicate('7', true)(BigInt(7))).toBe(true);
  });

  it('reads ranges in several spellings', () => {
    for (const text of ['1..5', '1 .. 5', '1 to 5', 'between 1 and 5']) {
      const p = parsePredicate(text, true);
      expect([0, 1, 3, 5, 6].map(p)).toEqual([false, true, true, true, false]);
    }
    expect(parsePredicate('-2e1..-1.5', true)(-10)).toBe(true);
  });

  it('matches text: contains by default, = exact, ~ and !~', () => {
    expect(parsePredicate('neb', false)('Crab Nebula')).toBe(true);
    expect(parsePredicate('= M31', false)('M31')).toBe(true);
    expect(parsePredicate('= M31', false)('M310')).toBe(false);
    expect(parsePredicate('!~ galaxy', false)('a Galaxy')).toBe(false);
  });

  it('knows null and not null', () => {
    expect(parsePredicate('null', true)(null)).toBe(true);
    expect(parsePredicate('not null', false)('x')).toBe(true);
    expect(parsePredicate('not null', false)(undefined)).toBe(false);
  });

  it('names what is wrong', () => {
    expect(() => parsePredicate('> abc', true)).toThrow(PredicateError);
    expect(() => parsePredicate('> abc', true)).toThrow(
      /"abc" is not a number/
    );
    expect(() => parsePredicate('abc', true)).toThrow(/not a number/);
  });
});

describe('filterRows and sortRows', () => {
  const cols = [
    [3, 1, null, 2, 5],
    ['c', 'a', 'e', null, 'b']
  ];
  const get = (c: number, r: number) => cols[c][r];

  it('keeps rows passing every filter, in source order', () => {
    const rows = filterRows(
      5,
      [{ column: 0, predicate: parsePredicate('>1', true) }],
      get
    );
    expect(Array.from(rows)).toEqual([0, 3, 4]);
    expect(Array.from(filterRows(3, [], get))).toEqual([0, 1, 2]);
  });

  it('sorts numbers and text with nulls last both ways', () => {
    const all = Int32Array.from([0, 1, 2, 3, 4]);
    expect(Array.from(sortRows(all, true, r => get(0, r), false))).toEqual([
      1, 3, 0, 4, 2
    ]);
    expect(Array.from(sortRows(all, true, r => get(0, r), true))).toEqual([
      4, 0, 3, 1, 2
    ]);
    expect(Array.from(sortRows(all, false, r => get(1, r), false))).toEqual([
      1, 4, 0, 2, 3
    ]);
    expect(Array.from(sortRows(all, false, r => get(1, r), true))).toEqual([
      2, 0, 4, 1, 3
    ]);
  });
});
