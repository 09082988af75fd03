/** The icon of each kind of basket item. */
import {
  fileIcon,
  jsonIcon,
  LabIcon,
  launchIcon,
  linkIcon,
  searchIcon,
  tableRowsIcon,
  treeViewIcon
} from '@jupyterlab/ui-components';
import { BasketKind } from './tokens';

export function kindIcon(kind: BasketKind): LabIcon {
  switch (kind) {
    case 'vo_service':
      return launchIcon;
    case 'vo_query':
      return searchIcon;
    case 'vo_rows':
      return tableRowsIcon;
    case 'datalink_product':
      return linkIcon;
    case 'datalake_did':
      return treeViewIcon;
    case 'ossr_record':
      return jsonIcon;
    default:
      return fileIcon;
  }
}
