import * as React from 'react';

/**
 * Focus moves to what an action adds: after "+ Add a filter" (or any button that appends a row), the new row's
 * first field has the focus, so a keyboard user types into it instead of tabbing back through the form.
 * Returns `arm`, to call in the click handler before the list grows; growth from anything else (restored
 * state, a reload) leaves the focus where it is.
 */
export function useFocusNewRow(
  count: number,
  container: React.RefObject<HTMLElement | null>,
  fieldSelector: string
): () => void {
  const armed = React.useRef(false);
  const previous = React.useRef(count);
  React.useEffect(() => {
    if (armed.current && count > previous.current) {
      const fields =
        container.current?.querySelectorAll<HTMLElement>(fieldSelector);
      fields?.[fields.length - 1]?.focus();
    }
    armed.current = false;
    previous.current = count;
  }, [count]);
  return () => {
    armed.current = true;
  };
}
