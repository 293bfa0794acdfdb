/** English texts for ipvs-fullnat message ids (see src/i18n/index.ts). */
export const ipvsFullnatMessages: Readonly<Record<string, string>> = {
};
