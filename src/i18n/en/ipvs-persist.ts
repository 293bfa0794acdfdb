/** English texts for ipvs-persist message ids (see src/i18n/index.ts). */
export const ipvsPersistMessages: Readonly<Record<string, string>> = {
};
