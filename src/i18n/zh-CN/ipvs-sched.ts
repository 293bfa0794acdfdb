/** Simplified Chinese texts for ipvs-sched's message ids (mirrors ../en/ipvs-sched.ts). */
export const ipvsSchedMessages: Readonly<Record<string, string>> = {
};
