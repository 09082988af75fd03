import {
  authorsOf,
  rulesFor,
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
});
