import { defineErrors } from '../../common/errors/domain-error.js';

export const NotificationErrors = defineErrors({
  notFound: { code: 'notifications.not_found', kind: 'not_found', title: 'No such notification' },
  notRetryable: {
    code: 'notifications.not_retryable',
    kind: 'conflict',
    title: 'Only a failed notification can be retried',
  },
  invalidUnsubscribeToken: {
    code: 'notifications.invalid_unsubscribe_token',
    kind: 'invalid',
    title: 'This unsubscribe link is not valid',
  },
  listForbidden: {
    code: 'notifications.list_forbidden',
    kind: 'forbidden',
    title: "Only organisers list other people's notifications",
  },
});
