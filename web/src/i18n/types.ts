/** A message that depends on a count: the forms Intl.PluralRules selects for the locale (`other` always). */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
