/** The nominations screens' messages. English defines the keys; the other locales are typed by it. */
export const nominations = {
  title: 'Nominations',
};

export type NominationsMessages = typeof nominations;
