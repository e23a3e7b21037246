/** `npm run db:migrate`: applies the D1 migrations to the local database under .wrangler/. */
import { migrateLocal } from './lib/env';

migrateLocal({ verbose: true });
