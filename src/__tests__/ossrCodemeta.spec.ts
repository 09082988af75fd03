import {
  authorsOf,
  maintainerIndex,
  maintainerName,
  rulesFor,
  setMaintainer,
  setAuthors,
  setTerm,
  termText
} from '../ossr/codemetaForm';

describe('codemeta form helpers', () => {
  it('shows lists joined and writes them back as lists', () => {
    const doc = { keywords: ['CTA', 'Python'] };
    expect(termText(doc, 'keywords', true)).toBe('CTA, Python');
    expect(setTerm(doc, 'keywords', 'CTA, Python, LST', true).keywords).toEqual(
      ['CTA', 'Python', 'LST']
    );
    // typing "a, " keeps the trailing item so the next keyword can be typed
    expect(
      termText(setTerm(doc, 'keywords', 'CTA, ', true), 'keywords', true)
    ).toBe('CTA, ');
    expect('keywords' in setTerm(doc, 'keywords', '', true)).toBe(false);
  });

  it('removes a text term when emptied and reads licence objects', () => {
    expect('name' in setTerm({ name: 'x' }, 'name', '', false)).toBe(false);
    expect(
      termText(
        { license: { url: 'https://spdx.org/licenses/MIT' } },
        'license',
        false
      )
    ).toBe('https://spdx.org/licenses/MIT');
  });

  it('edits authors without losing their other fields', () => {
    const doc = {
      author: [
        {
          '@type': 'Person',
          givenName: 'Ada',
          familyName: 'Lovelace',
          email: 'ada@example.org'
        }
      ]
    };
    const authors = authorsOf(doc);
    expect(authors[0]).toMatchObject({
      givenName: 'Ada',
      familyName: 'Lovelace',
      orcid: ''
    });
    const next = setAuthors(doc, [
      { ...authors[0], orcid: 'https://orcid.org/0000-0002-1825-0097' }
    ]);
    expect(next.author[0]).toEqual({
      '@type': 'Person',
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: 'ada@example.org',
      '@id': 'https://orcid.org/0000-0002-1825-0097'
    });
  });

  it('picks the failing rules of one term', () => {
    const report = {
      compliant: false,
      errors: 1,
      warnings: 1,
      rules: [
        {
          rule: 'required.name',
          term: 'name',
          level: 'error' as const,
          message: 'name missing'
        },
        {
          rule: 'version.semver',
          term: 'softwareVersion',
          level: 'warn' as const,
          message: 'not semver'
        },
        {
          rule: 'required.author',
          term: 'author',
          level: 'ok' as const,
          message: 'ok'
        }
      ]
    };
    expect(rulesFor(report, 'name').map(r => r.message)).toEqual([
      'name missing'
    ]);
    expect(rulesFor(report, 'softwareVersion').map(r => r.message)).toEqual([
      'not semver'
    ]);
    expect(rulesFor(report, 'author')).toEqual([]);
    expect(rulesFor(null, 'name')).toEqual([]);
  });

  it('picks the maintainer among the authors and writes that author', () => {
    const ada = {
      '@type': 'Person',
      givenName: 'Ada',
      familyName: 'Lovelace',
      '@id': 'https://orcid.org/0000-0002-1825-0097'
    };
    const grace = {
      '@type': 'Person',
      givenName: 'Grace',
      familyName: 'Hopper'
    };
    const doc = { author: [ada, grace] };
    expect(maintainerIndex(doc)).toBe(-1);
    const second = setMaintainer(doc, 1);
    expect(second.maintainer).toEqual(grace);
    expect(maintainerIndex(second)).toBe(1);
    // the chosen author's other fields (the ORCID) come along
    expect(setMaintainer(doc, 0).maintainer).toEqual(ada);
    expect('maintainer' in setMaintainer(second, -1)).toBe(false);
    // a maintainer who is not an author is named, and is not taken for one
    const outsider = {
      ...doc,
      maintainer: { givenName: 'Alan', familyName: 'Turing' }
    };
    expect(maintainerIndex(outsider)).toBe(-1);
    expect(maintainerName(outsider)).toBe('Alan Turing');
    expect(maintainerIndex({ maintainer: grace })).toBe(-1);
  });
});
