import { Foundation1764316800000 } from './1764316800000-Foundation.js';
import { Editions1764316900000 } from './1764316900000-Editions.js';

// Every migration, in order. `npm run migration:generate` writes a new file; review it, then add its class here.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  Foundation1764316800000,
  Editions1764316900000,
];
