import { LabIcon } from '@jupyterlab/ui-components';

/**
 * The ESCAPE mark: an "E" inside an orbit with a satellite. Inline so the bundle needs no asset loader;
 * `jp-icon3` lets JupyterLab recolour it for the light and dark themes.
 */
const escapeSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 2.5a9.5 9.5 0 1 0 9.3 7.6l-1.95.42A7.5 7.5 0 1 1 14.6 4.96l.6-1.9A9.5 9.5 0 0 0 12 2.5z"/>
    <path d="M8 6.5h8v2.2h-5.6v2.2h4.8v2.2h-4.8v2.2H16v2.2H8z"/>
    <circle cx="19" cy="5" r="2.2"/>
  </g>
</svg>`;

export const escapeIcon = new LabIcon({
  name: 'jupyter-escape:escape',
  svgstr: escapeSvg
});
