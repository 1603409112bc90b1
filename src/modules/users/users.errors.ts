import { defineErrors } from '../../common/errors/domain-error.js';

export const UsersErrors = defineErrors({
  userNotFound: { code: 'users.not_found', kind: 'not_found', title: 'No such user' },
  lastOrganiser: {
    code: 'users.last_organiser',
    kind: 'conflict',
    title: 'The last active organiser cannot be disabled or lose the role',
  },
  cannotDisableSelf: {
    code: 'users.cannot_disable_self',
    kind: 'conflict',
    title: 'An organiser cannot disable their own account; another organiser may',
  },
});
