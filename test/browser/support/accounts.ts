import { randomBytes } from 'node:crypto';
import type { NewAccount } from '../pages/register.page.js';

/** A new person's details: a unique address, a password long and rare enough for the server's checks. */
export function newAccount(prefix = 'browser'): NewAccount {
  const id = randomBytes(4).toString('hex');
  return {
    fullName: `Aigerim Browser ${id}`,
    email: `${prefix}-${id}@example.test`,
    password: `Caspian-Freight-${id}-Corridor`,
  };
}
