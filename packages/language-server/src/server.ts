/** Placeholder until the server lands. */
export function startServer(): void {
  throw new Error('not yet');
}
