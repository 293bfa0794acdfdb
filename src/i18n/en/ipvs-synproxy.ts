/** English texts for ipvs-synproxy message ids (see src/i18n/index.ts). */
export const ipvsSynproxyMessages: Readonly<Record<string, string>> = {
};
