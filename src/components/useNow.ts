/** A React hook: the time now (ms), ticking every second while `ticking` (elapsed times of running work). */
import * as React from 'react';

export function useNow(ticking: boolean): number {
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    if (!ticking) {
      return;
    }
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}
