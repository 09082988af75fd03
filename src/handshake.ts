/**
 * The handshake with the server extension: which versions answer, or that none does (not installed or not
 * enabled: 404), or why the request failed.
 */
import { EscapeAPIError, requestAPI } from './handler';
import { HandshakeState, IHandshakeReply } from './tokens';
import { API_VERSION, FRONTEND_VERSION } from './version';

export async function fetchHandshake(): Promise<HandshakeState> {
  try {
    const reply = await requestAPI<IHandshakeReply>('handshake');
    if (
      reply.server_version !== FRONTEND_VERSION ||
      reply.api_version !== API_VERSION
    ) {
      return {
        kind: 'mismatch',
        serverVersion: reply.server_version,
        frontendVersion: FRONTEND_VERSION,
        apiVersion: reply.api_version,
        frontendApiVersion: API_VERSION
      };
    }
    return {
      kind: 'ok',
      serverVersion: reply.server_version,
      apiVersion: reply.api_version
    };
  } catch (error) {
    if (error instanceof EscapeAPIError && error.isNotFound) {
      return { kind: 'missing' };
    }
    return {
      kind: 'error',
      message: (error as Error).message,
      status: error instanceof EscapeAPIError ? error.status : 0
    };
  }
}
