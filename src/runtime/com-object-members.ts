/**
 * The methods `ComObject` (com-object.ts) defines on its prototype, by name. The emitter needs
 * them (a stub member of the same name is an `override`) but must not load the runtime to learn
 * them: importing its modules costs every emitting run ~15 ms. A test compares this list with the
 * class, so the two cannot drift apart.
 */
export const COM_OBJECT_METHODS: readonly string[] = [
  "QueryInterface",
  "AddRef",
  "Release",
  "onFinalRelease",
  "onSinkError",
  "GetTypeInfoCount",
  "GetTypeInfo",
  "GetIDsOfNames",
  "Invoke",
  "EnumConnectionPoints",
  "FindConnectionPoint",
];
