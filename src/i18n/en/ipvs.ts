/** English texts for the ipvs layer's message ids. */
export const ipvsMessages: Readonly<Record<string, string>> = {
};
