/** Synthetic IDL of a given size, for the scaling series: `n` declarations in one library file. */
export function syntheticIdl(declarations: number): string {
  const out: string[] = ['import "oaidl.idl";', ""];
  // A mix close to real headers: per group of 4, an enum, a struct, an interface using both, a typedef.
  for (let i = 0; i < declarations; i++) {
    const g = Math.floor(i / 4);
    switch (i % 4) {
      case 0:
        out.push(`typedef enum E${g} { E${g}_A = 0, E${g}_B = 1, E${g}_C = ${g % 1000} } E${g};`);
        break;
      case 1:
        out.push(`typedef struct S${g} { long a; short b; E${g} e; BSTR s; } S${g};`);
        break;
      case 2:
        out.push(
          `[object, uuid(${uuid(g)}), dual, oleautomation]`,
          `interface I${g} : IDispatch {`,
          `  [id(1)] HRESULT M${g}([in] long a, [in] BSTR b, [out, retval] long* r);`,
          `  [id(2), propget] HRESULT P${g}([out, retval] E${g}* v);`,
          `  [id(2), propput] HRESULT P${g}([in] E${g} v);`,
          `  HRESULT S${g}([in] S${g}* s);`,
          "}",
        );
        break;
      default:
        out.push(`typedef I${g}* P_I${g};`);
    }
  }
  return `${out.join("\n")}\n`;
}

function uuid(n: number): string {
  const h = n.toString(16).padStart(12, "0");
  return `6a1b2c3d-0000-4000-8000-${h}`;
}
