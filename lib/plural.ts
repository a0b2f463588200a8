/** "1 row", "3 rows": a count with its noun (the plural is the noun with an s unless given). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : nouns}`;
}
