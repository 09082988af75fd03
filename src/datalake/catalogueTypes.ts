/** What the data lake routes answer about the catalogue: instances, sign-in, DIDs, searches, replicas, rules, RSEs. */
import type { AuthState } from '../tokens';

export type DIDType = 'CONTAINER' | 'DATASET' | 'FILE' | string;
export type SearchType =
  'all' | 'collection' | 'container' | 'dataset' | 'file';

/** A configured instance as the server shows it (secret keys removed). */
export interface IInstance {
  name: string;
  display_name?: string;
  rucio_base_url?: string;
  auth_url?: string;
  auth_type: string;
  account?: string;
  vo?: string;
  destination_rse?: string;
  rse_mount_path?: string;
  [key: string]: unknown;
}

export interface IInstancesReply {
  instances: IInstance[];
  workspace_dir: string;
}

export interface IAuthReply {
  instance: string;
  auth_type: string;
  state: AuthState;
  message: string;
}

export interface IDIDRow {
  did: string;
  scope: string;
  name: string;
  type: DIDType;
  bytes: number | null;
  length: number | null;
  adler32: string | null;
  md5: string | null;
}

export type FilterOp = '=' | '!=' | '>' | '>=' | '<' | '<=';
export const FILTER_OPS: FilterOp[] = ['=', '!=', '>', '>=', '<', '<='];

export interface IFilter {
  key: string;
  op: FilterOp;
  value: string;
}

export interface ISearchQuery {
  scope: string;
  pattern?: string;
  type?: SearchType;
  filters?: IFilter[];
  offset?: number;
  limit?: number;
}

export interface ISearchReply {
  scope: string;
  items: IDIDRow[];
  offset: number;
  limit: number;
  has_more: boolean;
}

export interface IContentsReply {
  did: string;
  type: DIDType;
  /** Number of direct children (the DID's length); null when Rucio does not know it. */
  total: number | null;
  items: IDIDRow[];
  offset: number;
  limit: number;
  has_more: boolean;
}

export interface IRule {
  id: string;
  account: string;
  rse_expression: string;
  state: string;
  copies: number;
  expires_at: string | null;
  created_at: string | null;
  error: string | null;
  locks: { ok: number; replicating: number; stuck: number };
  did: string | null;
}

/** File replicas: per RSE with PFNs; dataset replicas: per RSE with availability counts. */
export interface IReplica {
  rse: string;
  state: string;
  pfns?: string[];
  available_files?: number | null;
  files?: number | null;
  available_bytes?: number | null;
  bytes?: number | null;
}

export interface IDetails {
  did: string;
  scope: string;
  name: string;
  type: DIDType;
  bytes: number | null;
  length: number | null;
  open: boolean | null;
  adler32: string | null;
  md5: string | null;
  metadata: Record<string, unknown>;
  system: Record<string, unknown>;
  rules: IRule[];
  replicas: IReplica[];
}

export interface IRSE {
  rse: string;
  id: string;
  type: string | null;
  deterministic: boolean | null;
  volatile: boolean | null;
  availability_read: boolean | null;
  availability_write: boolean | null;
}

export interface IUsage {
  account: string;
  rses: {
    rse: string;
    bytes: number | null;
    files: number | null;
    bytes_limit: number | null;
    bytes_remaining: number | null;
  }[];
}
