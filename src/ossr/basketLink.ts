/** The OSSR's link to the research basket: is it there, and a record added to it as an item. */
import { EscapeAPIError, requestAPI } from '../handler';
import { post } from './requests';
import { IRecordView } from './types';

/** Is the research basket there (its routes answer)? Asked once. */
let basketProbe: Promise<boolean> | null = null;
export function basketAvailable(): Promise<boolean> {
  basketProbe ??= requestAPI<unknown>('basket')
    .then(() => true)
    .catch(error => !(error instanceof EscapeAPIError && error.status === 404));
  return basketProbe;
}

export function addToBasket(
  record: IRecordView,
  sandbox = false
): Promise<{ id: string }> {
  return post<{ id: string }>('basket/items', {
    kind: 'ossr_record',
    title: record.version
      ? `${record.title} (${record.version})`
      : record.title,
    payload: {
      record_id: record.id,
      conceptrecid: record.conceptrecid,
      doi: record.doi,
      version: record.version,
      title: record.title,
      html_url: record.html_url,
      ...(sandbox ? { sandbox: true } : {})
    }
  });
}
