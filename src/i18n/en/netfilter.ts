/** English texts for netfilter message ids (see src/i18n/index.ts). */
export const netfilterMessages: Readonly<Record<string, string>> = {
};
