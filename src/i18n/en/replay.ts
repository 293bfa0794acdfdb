/** English texts of the `replay.*` messages. */
export const replayMessages: Readonly<Record<string, string>> = {
};
