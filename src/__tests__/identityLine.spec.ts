import { nullTranslator } from '@jupyterlab/translation';
import { formatExpiry } from '../services/IdentityLine';

const trans = nullTranslator.load('jupyter_escape');

describe('formatExpiry', () => {
  const now = Date.UTC(2026, 11, 4, 12, 0, 0);
  const inSeconds = (s: number) => now / 1000 + s;

  it('says expired for a credential past its expiry', () => {
    expect(formatExpiry(inSeconds(-1), now, trans)).toBe('expired');
    expect(formatExpiry(inSeconds(0), now, trans)).toBe('expired');
  });

  it('counts seconds, then minutes, then hours', () => {
    expect(formatExpiry(inSeconds(1), now, trans)).toBe('in 1 second');
    expect(formatExpiry(inSeconds(90), now, trans)).toBe('in 90 seconds');
    expect(formatExpiry(inSeconds(600), now, trans)).toBe('in 10 minutes');
    expect(formatExpiry(inSeconds(3 * 3600), now, trans)).toBe('in 3 hours');
  });
});
