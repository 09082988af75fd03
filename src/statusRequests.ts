/**
 * The two status requests of the EscapeModel: every service (after a handshake, when the last one failed),
 * or one service whose row then replaces its row in the last report.
 */
import { EscapeAPIError, requestAPI } from './handler';
import { HandshakeState, IServiceStatus, IStatusReport } from './tokens';

/** Every service's status; a failed or missing handshake is tried again first (the server may be back). */
export async function requestStatus(
  handshake: HandshakeState,
  checkHandshake: () => Promise<HandshakeState>
): Promise<IStatusReport> {
  if (handshake.kind !== 'ok' && handshake.kind !== 'mismatch') {
    const state = await checkHandshake();
    if (state.kind === 'missing') {
      throw new EscapeAPIError({
        message:
          'The jupyter-escape server extension is not installed or not enabled.',
        status: 404,
        url: 'escape/api/handshake'
      });
    }
  }
  return requestAPI<IStatusReport>('status');
}

/** One service checked again: its row, and `last` with that row in place (null rows leave `last` as is). */
export async function recheckOne(
  id: string,
  last: IStatusReport | null
): Promise<{ row: IServiceStatus | null; report: IStatusReport | null }> {
  const report = await requestAPI<IStatusReport>('status', {
    params: { service: id }
  });
  const row = report.services.find(s => s.id === id) ?? null;
  if (!row || !last) {
    return { row, report: last };
  }
  return {
    row,
    report: {
      ...last,
      services: last.services.map(s => (s.id === id ? row : s)),
      config_errors: report.config_errors
    }
  };
}
