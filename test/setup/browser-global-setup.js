// The e2e project's global setup (a migrated template database this run's files clone), run once when both
// projects run: Jest calls every project's global setup in the same process, and a second template would
// be left behind (the teardown drops the one the variable names).
import globalSetup from './global-setup.js';

export default async function browserGlobalSetup() {
  if (process.env.MAGISTRAL_TEST_TEMPLATE?.startsWith('magistral_test_tpl_')) return;
  await globalSetup();
}
