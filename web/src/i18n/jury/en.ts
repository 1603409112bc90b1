/** The jury screens' messages. English defines the keys; the other locales are typed by it. */
export const jury = {
  title: 'Your jury work',
};

export type JuryMessages = typeof jury;
