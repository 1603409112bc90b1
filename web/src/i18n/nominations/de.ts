import type { NominationsMessages } from './en';

export const nominations: NominationsMessages = {
  title: 'Einreichungen',
};
