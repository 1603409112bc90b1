import { jest } from '@jest/globals';
import * as contentDisposition from 'content-disposition';

// Every test process runs as the test environment; nothing reads a developer's .env by accident.
process.env.NODE_ENV = 'test';

// Jest's module VM can't require() an ES module (Node 20 can): @fastify/static (Swagger UI) is CommonJS
// and requires the ESM-only content-disposition. Hand it the module already loaded as ESM.
jest.mock('content-disposition', () => contentDisposition);
