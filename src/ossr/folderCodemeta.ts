/**
 * A workspace folder as the publish view reads and writes it: its own codemeta.json (checked against the OSSR
 * rules), the files directly in it, and codemeta.json written back into it.
 */
import { Contents } from '@jupyterlab/services';
import { EscapeAPIError } from '../handler';
import { IReport, ossrAPI } from './api';
import { Codemeta } from './codemetaForm';

/** The folder's own codemeta.json with its report; null when it has none. */
export async function existingCodemeta(
  folder: string
): Promise<{ codemeta: Codemeta; report: IReport } | null> {
  try {
    const existing = await ossrAPI.validatePath(folder);
    return existing.codemeta
      ? { codemeta: existing.codemeta, report: existing }
      : null;
  } catch (error) {
    if (error instanceof EscapeAPIError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

/** The files (not folders) directly in `folder`, sorted; none when it cannot be listed. */
export async function folderFiles(
  contents: Contents.IManager,
  folder: string
): Promise<string[]> {
  const listing = await contents
    .get(folder, { content: true })
    .catch(() => null);
  return ((listing?.content as Contents.IModel[] | undefined) ?? [])
    .filter(m => m.type !== 'directory')
    .map(m => m.name)
    .sort();
}

/** Where a folder's codemeta.json is ('' is the server root). */
export function codemetaFile(folder: string): string {
  return folder ? `${folder}/codemeta.json` : 'codemeta.json';
}

/** Write `doc` as the folder's codemeta.json (`file`: codemetaFile(folder)). */
export async function writeCodemeta(
  contents: Contents.IManager,
  file: string,
  doc: Codemeta
): Promise<void> {
  await contents.save(file, {
    type: 'file',
    format: 'text',
    content: JSON.stringify(doc, null, 2) + '\n'
  });
}
