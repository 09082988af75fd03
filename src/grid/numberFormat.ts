/**
 * How many digits a float column shows. A VOTable says it with `precision` ("3" or "F3": decimals; "E4":
 * significant digits) and `width`; without them the column's meaning decides: positions and epochs to 1e-6
 * (3.6 mas, 0.09 s), other doubles to 8 significant digits, floats to the 7 a float32 holds. Full values stay
 * in the table (export, kernel); this is only what the grid prints.
 */

export interface INumberFormat {
  /** Digits after the decimal point (fixed notation). */
  decimals?: number;
  /** Significant digits. */
  significant?: number;
  /**
   * The values were 4-byte floats, maybe widened to doubles since: print the shortest decimal that gives the
   * stored float back (a float32 21.971 is 21.97100067 as a double, whose 8 digits print as 21.971001).
   */
  float32?: boolean;
}

const POSITION_OR_EPOCH =
  /^(pos\.(eq|galactic|ecliptic|supergalactic)\.|time\.epoch)/;

/** The display format of a float column from its VOTable metadata; `float32` when the values are 4-byte. */
export function columnNumberFormat(
  meta: ReadonlyMap<string, string>,
  float32: boolean
): INumberFormat {
  const single = float32 || meta.get('datatype') === 'float';
  const precision = (meta.get('precision') ?? '').trim().toUpperCase();
  const match = precision.match(/^([FE]?)(\d+)$/);
  if (match) {
    const digits = Math.min(Number(match[2]), 17);
    return match[1] === 'E'
      ? { significant: Math.max(1, digits) }
      : { decimals: digits };
  }
  const width = Number(meta.get('width'));
  if (Number.isInteger(width) && width > 1) {
    // Room for the sign and the point; at most what the storage type holds.
    return {
      significant: Math.min(width - 2 || 1, single ? 7 : 15),
      float32: single
    };
  }
  const ucd = (meta.get('ucd') ?? '').toLowerCase();
  if (POSITION_OR_EPOCH.test(ucd)) {
    return { decimals: 6 };
  }
  return { significant: single ? 7 : 8, float32: single };
}

/** A non-integer number as the format says, without exponent unless the value needs one. */
export function formatNumber(value: number, format: INumberFormat): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  if (format.decimals !== undefined) {
    const abs = Math.abs(value);
    if (abs !== 0 && (abs >= 1e15 || abs < 10 ** -format.decimals / 2)) {
      // Fixed notation would print 0.000 or a 20-digit integer: keep the significant digits instead.
      return value.toExponential(Math.max(1, format.decimals) - 1);
    }
    return value.toFixed(format.decimals);
  }
  const significant = format.significant ?? 15;
  if (format.float32) {
    const stored = Math.fround(value);
    for (let digits = 1; digits < significant; digits++) {
      const shorter = Number(value.toPrecision(digits));
      if (Math.fround(shorter) === stored) {
        return String(shorter);
      }
    }
  }
  return String(Number(value.toPrecision(significant)));
}

/** Digits after the point of a plain decimal ("21.33" -> 2, "22" -> 0); null for "1.2e-7", "NaN", "". */
export function fractionDigits(text: string): number | null {
  const match = /^-?\d+(\.(\d*))?$/.exec(text);
  return match ? (match[2]?.length ?? 0) : null;
}

/**
 * `text` padded on the right to `fraction` digits after the point, so right-aligned cells of one column line up
 * on the point in the grid's monospace font (21.33 above 21.178). Spaces, not zeros: the digits shown stay the
 * ones the format chose. Exponent notation and longer fractions are left as they are.
 */
export function alignOnPoint(text: string, fraction: number): string {
  const digits = fractionDigits(text);
  if (digits === null || digits >= fraction) {
    return text;
  }
  const missing =
    fraction - digits + (digits === 0 && !text.includes('.') ? 1 : 0);
  return text + ' '.repeat(missing);
}
