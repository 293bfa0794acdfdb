/** English texts for ipvs-sched message ids (see src/i18n/index.ts). */
export const ipvsSchedMessages: Readonly<Record<string, string>> = {
};
