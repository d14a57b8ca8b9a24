/** The CLI's own words in both languages (findings carry their own zh/en messages). */
export type Locale = 'zh' | 'en';

export function severityWord(severity: 'error' | 'warning' | 'info', locale: Locale): string {
  const words = { error: ['错误', 'error'], warning: ['警告', 'warning'], info: ['提示', 'info'] } as const;
  return words[severity][locale === 'zh' ? 0 : 1];
}

export function pick(locale: Locale, zh: string, en: string): string {
  return locale === 'zh' ? zh : en;
}
