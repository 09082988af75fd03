import { ISignal } from '@lumino/signaling';
import * as React from 'react';

/**
 * Re-render the calling component whenever one of `signals` fires.
 *
 * React 18 mounts asynchronously, so a signal may fire between the first render and the subscription; one
 * extra render right after subscribing picks up anything missed. Components read the model's current state
 * while rendering rather than the signal's payload.
 */
export function useSignals(signals: ISignal<unknown, unknown>[]): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const bump = () => setTick(tick => tick + 1);
    for (const signal of signals) {
      signal.connect(bump);
    }
    bump();
    return () => {
      for (const signal of signals) {
        signal.disconnect(bump);
      }
    };
    // The signals are fixed for a component's lifetime (they belong to one model).
  }, signals);
}
