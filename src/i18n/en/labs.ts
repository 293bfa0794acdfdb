/** English texts of the `lab.*` messages. */
export const labsMessages: Readonly<Record<string, string>> = {
};
