/**
 * A network, PostgreSQL or Redis connection error in a few words, without addresses, credentials or data:
 * health answers and logs show it to people who need not see the rest.
 */
export function connectionFailureReason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case '28P01':
    case '28000':
      return 'authentication failed';
    case '3D000':
      return 'database does not exist';
    case '57P01':
    case '57P02':
    case '57P03':
      return 'server starting up or shutting down';
    case '53300':
      return 'too many connections';
  }
  if (/NOAUTH|WRONGPASS|invalid password|AUTH/i.test(message ?? '')) return 'authentication failed';
  if (/timeout|timed out/i.test(message ?? '')) return 'no answer in time';
  if (/offline queue|Stream isn't writeable|Connection is closed/i.test(message ?? ''))
    return 'not connected';
  return code ? `error ${code}` : 'unavailable';
}
