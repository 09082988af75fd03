/** Sizes and times as people read them. Pure. */

/**
 * Bytes in powers of 1024: "512 B", "3.4 KiB", "120 MiB"; "–" for an unknown size. `units: 'KB'` writes the
 * same figures with the short names ("3.4 KB") that the VO and OSSR views have always shown.
 */
export function formatBytes(
  n: number | null | undefined,
  units: 'KiB' | 'KB' = 'KiB'
): string {
  if (n === null || n === undefined) {
    return '–';
  }
  if (n < 1024) {
    return `${n} B`;
  }
  const names =
    units === 'KiB'
      ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB']
      : ['KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < names.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${names[i]}`;
}

/** Seconds since the epoch as a local date and time; '' when unknown. */
export function formatTime(epochSeconds: number | null | undefined): string {
  if (!epochSeconds) {
    return '';
  }
  return new Date(epochSeconds * 1000).toLocaleString();
}
