/** Errors as one line for a notification. */
import { EscapeAPIError } from '../handler';

/** "<service> says: <message>" for server errors, the message otherwise. */
export function errorText(error: unknown, context: string): string {
  if (error instanceof EscapeAPIError) {
    return `${context}: ${error.service ? `${error.service}: ` : ''}${error.message}`;
  }
  return `${context}: ${(error as Error)?.message ?? String(error)}`;
}
