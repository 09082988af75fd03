/**
 * Named points in time on the page's performance timeline (`performance.mark`), at the steps a linked selection
 * goes through (plot -> selection model -> grid, sky, plot highlight). The benchmarks read them to say where the
 * time between a user's action and the views' pictures goes (benchmarks/plots/brush.bench.spec.ts); a mark costs
 * microseconds, and only the latest of each name is kept so the timeline does not grow.
 */
export function markStep(name: string): void {
  const full = `escape:${name}`;
  if (typeof performance !== 'undefined' && performance.mark) {
    performance.clearMarks?.(full);
    performance.mark(full);
  }
}
