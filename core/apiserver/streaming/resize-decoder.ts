import { EventEmitter } from 'node:events';

/**
 * Terminal sizes as the client streams them: JSON objects `{"Width":w,"Height":h}`, one
 * after another (client-go adds a newline, others may not), split across messages or
 * frames anywhere. Emits 'size' (width, height) for each; malformed objects are skipped.
 */
export class ResizeDecoder extends EventEmitter {
  private text = '';

  push(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    for (;;) {
      const start = this.text.indexOf('{');
      if (start < 0) {
        this.text = '';
        return;
      }
      const end = closingBrace(this.text, start);
      if (end < 0) {
        this.text = this.text.slice(start);
        // A runaway object is garbage, not a size.
        if (this.text.length > 4096) this.text = '';
        return;
      }
      const json = this.text.slice(start, end + 1);
      this.text = this.text.slice(end + 1);
      this.emitSize(json);
    }
  }

  private emitSize(json: string): void {
    try {
      const v = JSON.parse(json) as { Width?: unknown; Height?: unknown };
      const w = Number(v.Width ?? 0);
      const h = Number(v.Height ?? 0);
      if (Number.isInteger(w) && Number.isInteger(h) && w >= 0 && h >= 0) this.emit('size', w, h);
    } catch {
      // Not JSON: ignore, as the kubelet stops at the first bad object but keeps the session.
    }
  }
}

function closingBrace(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
