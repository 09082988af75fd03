/**
 * Spectral coverage in the units astronomers read. The registry (RegTAP `rr.res_spectral`) stores photon
 * energies in joules; nobody reads "2.65e-25 J" as LOFAR's 150 MHz. The band decides the unit: radio in
 * frequency, millimetre to ultraviolet in wavelength, X-ray and gamma ray in photon energy.
 */

const PLANCK = 6.62607015e-34; // J s
const LIGHT = 299792458; // m / s
const ELECTRON_VOLT = 1.602176634e-19; // J

interface IScale {
  unit: string;
  /** The quantity in SI (Hz, m or eV) that is one of this unit. */
  size: number;
}

const FREQUENCY: IScale[] = [
  { unit: 'kHz', size: 1e3 },
  { unit: 'MHz', size: 1e6 },
  { unit: 'GHz', size: 1e9 }
];
const WAVELENGTH: IScale[] = [
  { unit: 'nm', size: 1e-9 },
  { unit: 'µm', size: 1e-6 },
  { unit: 'mm', size: 1e-3 }
];
const ENERGY: IScale[] = [
  { unit: 'eV', size: 1 },
  { unit: 'keV', size: 1e3 },
  { unit: 'MeV', size: 1e6 },
  { unit: 'GeV', size: 1e9 },
  { unit: 'TeV', size: 1e12 }
];

/** The largest unit in which `value` is at least 1 (the smallest unit when none is). */
function pickScale(scales: IScale[], value: number): IScale {
  let chosen = scales[0];
  for (const scale of scales) {
    if (value >= scale.size) {
      chosen = scale;
    }
  }
  return chosen;
}

/** Three significant digits without trailing zeros or exponent noise (150, 1.42, 0.0211). */
export function roundForDisplay(value: number): string {
  if (value === 0 || !Number.isFinite(value)) {
    return String(value);
  }
  return String(Number(value.toPrecision(3)));
}

/** Which way the band is read: 'frequency' (radio), 'wavelength' (mm to UV) or 'energy' (X-ray, gamma). */
export function spectralQuantity(
  joules: number
): 'frequency' | 'wavelength' | 'energy' {
  const metres = (PLANCK * LIGHT) / joules;
  if (metres > 1e-3) {
    return 'frequency'; // longer than 1 mm: radio, read in MHz/GHz
  }
  if (metres >= 10e-9) {
    return 'wavelength'; // 1 mm to 10 nm: sub-mm, infrared, optical, ultraviolet
  }
  return 'energy'; // shorter than 10 nm (above ~124 eV): X-ray and gamma ray
}

/** One photon energy as a value and unit of its own band ("144 MHz", "475 nm", "2 keV"). */
function formatOne(joules: number): string {
  const quantity = spectralQuantity(joules);
  const [value, scales] =
    quantity === 'frequency'
      ? [joules / PLANCK, FREQUENCY]
      : quantity === 'wavelength'
        ? [(PLANCK * LIGHT) / joules, WAVELENGTH]
        : [joules / ELECTRON_VOLT, ENERGY];
  const scale = pickScale(scales, value);
  return `${roundForDisplay(value / scale.size)} ${scale.unit}`;
}

/**
 * A spectral interval given in joules, as text in the band's unit, low to high:
 * "120–240 MHz", "400–900 nm", "0.5–10 keV". One unit for both ends, chosen by the middle of the interval;
 * an interval across bands (radio to optical) gives each end in its own: "129 MHz – 475 nm".
 */
export function formatSpectralRange(lowJ: number, highJ: number): string {
  if (!(lowJ > 0) || !(highJ > 0)) {
    return `${lowJ}–${highJ} J`;
  }
  const [a, b] = lowJ <= highJ ? [lowJ, highJ] : [highJ, lowJ];
  if (spectralQuantity(a) !== spectralQuantity(b)) {
    return `${formatOne(a)} – ${formatOne(b)}`;
  }
  const middle = Math.sqrt(a * b);
  const quantity = spectralQuantity(middle);
  let values: [number, number];
  let scale: IScale;
  if (quantity === 'frequency') {
    values = [a / PLANCK, b / PLANCK];
    scale = pickScale(FREQUENCY, middle / PLANCK);
  } else if (quantity === 'wavelength') {
    // Wavelength falls as energy rises: the low end is the high energy.
    values = [(PLANCK * LIGHT) / b, (PLANCK * LIGHT) / a];
    scale = pickScale(WAVELENGTH, (PLANCK * LIGHT) / middle);
  } else {
    values = [a / ELECTRON_VOLT, b / ELECTRON_VOLT];
    scale = pickScale(ENERGY, middle / ELECTRON_VOLT);
  }
  const [low, high] = values.map(v => roundForDisplay(v / scale.size));
  return low === high ? `${low} ${scale.unit}` : `${low}–${high} ${scale.unit}`;
}
