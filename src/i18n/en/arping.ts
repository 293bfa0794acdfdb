/** English texts of the `arping.*` messages. */
export const arpingMessages: Readonly<Record<string, string>> = {
};
