/** The server's password rule (src/modules/auth/passwords.ts), for hints and the browser's own checks. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
