/** English texts for the ui layer's message ids. */
export const uiMessages: Readonly<Record<string, string>> = {
};
