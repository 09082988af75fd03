/** A row of buttons acting as tabs: one tab stop, arrow keys (and Home/End) move between them. */
import * as React from 'react';

export interface ITabItem<T extends string> {
  id: T;
  label: string;
}

export interface ITabsProps<T extends string> {
  /** Accessible name of the tab list. */
  label: string;
  items: ITabItem<T>[];
  current: T;
  onSelect: (id: T) => void;
  /** Class of the list (default jp-escape-Tabs) and of each tab (default jp-escape-Tab; the current one also jp-mod-active). */
  className?: string;
  tabClassName?: string;
  /**
   * When given, tab `x` gets the id `${idPrefix}-tab-${x}` and controls `${idPrefix}-panel`: give the panel
   * that id and role="tabpanel".
   */
  idPrefix?: string;
}

export function Tabs<T extends string>(props: ITabsProps<T>): JSX.Element {
  const refs = React.useRef<(HTMLButtonElement | null)[]>([]);
  const { items, idPrefix } = props;
  const tabClass = props.tabClassName ?? 'jp-escape-Tab';
  return (
    <div
      className={props.className ?? 'jp-escape-Tabs'}
      role="tablist"
      aria-label={props.label}
    >
      {items.map((item, i) => {
        const selected = item.id === props.current;
        return (
          <button
            key={item.id}
            ref={el => (refs.current[i] = el)}
            type="button"
            role="tab"
            id={idPrefix ? `${idPrefix}-tab-${item.id}` : undefined}
            aria-controls={idPrefix ? `${idPrefix}-panel` : undefined}
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className={`${tabClass}${selected ? ' jp-mod-active' : ''}`}
            onClick={() => props.onSelect(item.id)}
            onKeyDown={e => {
              const next =
                e.key === 'ArrowRight'
                  ? (i + 1) % items.length
                  : e.key === 'ArrowLeft'
                    ? (i + items.length - 1) % items.length
                    : e.key === 'Home'
                      ? 0
                      : e.key === 'End'
                        ? items.length - 1
                        : -1;
              if (next >= 0) {
                e.preventDefault();
                props.onSelect(items[next].id);
                refs.current[next]?.focus();
              }
            }}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
