import type { JuryMessages } from './en';

export const jury: JuryMessages = {
  title: 'Ihre Jury-Arbeit',
};
