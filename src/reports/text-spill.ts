/**
 * Texts a fold must keep for the whole history but rarely reads back (a closed consultation's end
 * event): put gives a number to get it back with. The infrastructure keeps them in a temporary file
 * (file-run-store.ts), so the fold holds one number each.
 */
export interface TextSpill {
  put(text: string): number;
  get(handle: number): string;
}

/** The texts in memory (tests, small reports). */
export class MemoryTextSpill implements TextSpill {
  private readonly texts: string[] = [];

  put(text: string): number {
    return this.texts.push(text) - 1;
  }

  get(handle: number): string {
    return this.texts[handle] ?? '';
  }
}
