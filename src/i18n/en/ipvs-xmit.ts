/** English texts for ipvs-xmit message ids (see src/i18n/index.ts). */
export const ipvsXmitMessages: Readonly<Record<string, string>> = {
};
