/** English texts for the scenarios layer's message ids. */
export const scenarioMessages: Readonly<Record<string, string>> = {
};
