/**
 * Typed calls of the Zooniverse routes (jupyter_escape/handlers/zooniverse.py). The server signs in to Panoptes
 * with its own credentials: nothing here ever holds a password or token.
 */
import { requestAPI } from '../handler';

export interface IConfig {
  endpoint: string;
  display_name: string;
  username: string | null;
  signed_in: boolean;
  replay: boolean;
}

export interface IProject {
  id: string;
  display_name: string;
  description: string;
  role: 'owner' | 'collaborator';
  live: boolean;
  classifications_count: number | null;
  subjects_count: number | null;
}

export interface IWorkflow {
  id: string;
  display_name: string;
  version: string | null;
  classifications_count: number | null;
  tasks: { task: string; question: string; answers: string[] }[];
}

export interface ISubjectSet {
  id: string;
  display_name: string;
  subjects_count: number | null;
}

export interface IExportState {
  project_id: string;
  kind: string;
  state: string;
  ready: boolean;
  updated_at?: string | null;
  message?: string;
}

export interface IExportToBasket {
  item_id: string;
  title: string;
  rows: number;
  rows_without_position: number;
}

export interface IUploadJob {
  job_id: string;
  project_id: string;
  subject_set_id: string;
  state: string;
  message: string | null;
  total: number;
  done: number;
  remaining: {
    index: number;
    label: string;
    status: string;
    error: string | null;
  }[];
  orphans: string[];
}

export interface ISnippet {
  id: string;
  title: string;
  language: string;
  code: string;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body)
});

export const zooniverseAPI = {
  config: () => requestAPI<IConfig>('zooniverse/config'),
  projects: () =>
    requestAPI<{ projects: IProject[] }>('zooniverse/projects').then(
      r => r.projects
    ),
  workflows: (pid: string) =>
    requestAPI<{ workflows: IWorkflow[] }>(
      `zooniverse/projects/${encodeURIComponent(pid)}/workflows`
    ).then(r => r.workflows),
  subjectSets: (pid: string) =>
    requestAPI<{ subject_sets: ISubjectSet[] }>(
      `zooniverse/projects/${encodeURIComponent(pid)}/subject-sets`
    ).then(r => r.subject_sets),
  exportState: (pid: string) =>
    requestAPI<IExportState>(
      `zooniverse/projects/${encodeURIComponent(pid)}/export`
    ),
  requestExport: (pid: string) =>
    requestAPI<IExportState>(
      `zooniverse/projects/${encodeURIComponent(pid)}/export`,
      json({ kind: 'classifications' })
    ),
  exportToBasket: (pid: string, mode: 'classifications' | 'subjects') =>
    requestAPI<IExportToBasket>(
      `zooniverse/projects/${encodeURIComponent(pid)}/export/basket`,
      json({ mode })
    ),
  startUpload: (body: {
    project_id: string;
    subject_set_id: string;
    items: { item_id: string; label?: string }[];
    stretch: string;
    interval: string;
  }) => requestAPI<IUploadJob>('zooniverse/uploads', json(body)),
  upload: (id: string) =>
    requestAPI<IUploadJob>(`zooniverse/uploads/${encodeURIComponent(id)}`),
  uploadAction: (id: string, action: 'cancel' | 'resume') =>
    requestAPI<IUploadJob>(
      `zooniverse/uploads/${encodeURIComponent(id)}/${action}`,
      json({})
    ),
  snippets: (params: Record<string, string>) =>
    requestAPI<{ snippets: ISnippet[] }>('zooniverse/snippets', {
      params
    }).then(r => r.snippets)
};
