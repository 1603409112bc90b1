import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

// Used by the TypeORM CLI (`npm run migration:*`).
export default new DataSource(dataSourceOptions(loadConfig()));
