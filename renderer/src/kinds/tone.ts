/** The colour a status is drawn in: the same five everywhere. */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle' | 'info';

export interface StatusText {
  text: string;
  tone: Tone;
}
