/** English texts for the net layer's message ids. */
export const netMessages: Readonly<Record<string, string>> = {
};
