import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { loadDotEnv } from '../config/env-file.js';
import { dataSourceOptions } from './data-source-options.js';

// Used by the TypeORM CLI (`npm run migration:*`), which reads `.env` like the server does.
loadDotEnv();
export default new DataSource(dataSourceOptions(loadConfig()));
