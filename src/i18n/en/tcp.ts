/** English texts for the tcp layer's message ids. */
export const tcpMessages: Readonly<Record<string, string>> = {
};
