import type { JuryMessages } from './en';

export const jury: JuryMessages = {
  title: 'Работа в жюри',
};
