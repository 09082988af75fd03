/**
 * DataGrid draws on a canvas, which cannot use CSS variables: read the JupyterLab theme's values and build
 * the grid style and renderers from them (again whenever the theme changes).
 */
import { DataGrid, RendererMap, TextRenderer } from '@lumino/datagrid';

function cssVar(css: CSSStyleDeclaration, name: string, fallback: string) {
  return css.getPropertyValue(name).trim() || fallback;
}

/** `color` with alpha `a`; accepts #rgb, #rrggbb and rgb()/rgba() (anything else is returned as is). */
export function withAlpha(color: string, a: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (hex) {
    let h = hex[1];
    if (h.length === 3) {
      h = h
        .split('')
        .map(c => c + c)
        .join('');
    }
    const n = parseInt(h, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
  }
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/i.exec(color);
  if (rgb) {
    return `rgba(${rgb[1].trim()}, ${rgb[2].trim()}, ${rgb[3].trim()}, ${a})`;
  }
  return color;
}

export interface IGridTheme {
  style: DataGrid.Style;
  body: TextRenderer;
  header: TextRenderer;
}

export function gridTheme(): IGridTheme {
  const css = getComputedStyle(document.body);
  const bg0 = cssVar(css, '--jp-layout-color0', '#ffffff');
  const bg1 = cssVar(css, '--jp-layout-color1', '#ffffff');
  const bg2 = cssVar(css, '--jp-layout-color2', '#eeeeee');
  const brand = cssVar(css, '--jp-brand-color1', '#1976d2');
  const line = cssVar(css, '--jp-border-color3', '#eeeeee');
  const headerLine = cssVar(css, '--jp-border-color2', '#e0e0e0');
  const text = cssVar(css, '--jp-ui-font-color1', '#000000');
  const headerText = cssVar(css, '--jp-ui-font-color0', '#000000');
  const codeFont = cssVar(css, '--jp-code-font-family', 'monospace');
  const uiFont = cssVar(css, '--jp-ui-font-family', 'sans-serif');
  const alternate = withAlpha(cssVar(css, '--jp-layout-color2', bg2), 0.45);
  return {
    style: {
      ...DataGrid.defaultStyle,
      voidColor: bg1,
      backgroundColor: bg0,
      rowBackgroundColor: i => (i % 2 === 0 ? bg0 : alternate),
      gridLineColor: line,
      headerBackgroundColor: bg2,
      headerGridLineColor: headerLine,
      selectionFillColor: withAlpha(brand, 0.18),
      selectionBorderColor: brand,
      cursorBorderColor: brand,
      headerSelectionFillColor: withAlpha(brand, 0.25),
      headerSelectionBorderColor: brand
    },
    body: new TextRenderer({
      font: `12px ${codeFont}`,
      textColor: text,
      horizontalAlignment: config =>
        config.metadata?.numeric ? 'right' : 'left',
      elideDirection: 'right'
    }),
    header: new TextRenderer({
      font: `bold 12px ${uiFont}`,
      textColor: headerText,
      // A number column's name sits over its right-aligned values.
      horizontalAlignment: config =>
        config.region === 'column-header' && config.metadata?.numeric
          ? 'right'
          : 'left',
      elideDirection: 'right'
    })
  };
}

/** Paint `grid` with the current theme's colours. */
export function applyGridTheme(grid: DataGrid): void {
  const theme = gridTheme();
  grid.style = theme.style;
  grid.cellRenderers = new RendererMap({
    body: theme.body,
    'column-header': theme.header,
    'row-header': theme.header,
    'corner-header': theme.header
  });
}

/** Repaint `grid` whenever the user switches theme; disconnect the result when the grid leaves the page. */
export function followTheme(grid: DataGrid): MutationObserver {
  const observer = new MutationObserver(() => applyGridTheme(grid));
  observer.observe(document.body, {
    attributes: true,
    attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
  });
  return observer;
}
