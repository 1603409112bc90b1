import { defineErrors } from '../../common/errors/domain-error.js';

export const HealthErrors = defineErrors({
  notReady: {
    code: 'health.not_ready',
    kind: 'unavailable',
    title: 'A service the platform needs is not available',
  },
});
