/**
 * Where a value sits in a JSON text, by JSON Pointer (`/targets/0/emit/1`), so that configuration
 * errors point at a line and column. A small scanner over the already-valid text: it only tracks
 * offsets; `JSON.parse` has checked the syntax.
 */
export function locateJsonPointer(text: string, pointer: string): number {
  const want = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      while (i < text.length && text[i] !== close) {
        if (c === "{") {
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
      return;
    }
    while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  ws();
  for (const key of want) {
    const c = text[i];
    if (c === "{") {
      i++;
      let found = false;
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const start = i;
        skipString();
        const name = JSON.parse(text.slice(start, i)) as string;
        ws();
        i++; // ':'
        ws();
        if (name === key) {
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ",") i++;
      }
      if (!found) return i;
    } else if (c === "[") {
      i++;
      const index = Number(key);
      for (let n = 0; n < index; n++) {
        skipValue();
        ws();
        if (text[i] === ",") i++;
      }
      ws();
    } else return i;
  }
  return i;
}
