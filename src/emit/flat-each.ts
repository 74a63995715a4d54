/**
 * Handlebars' `#each`, for arrays, returning a flat string. The built-in helper appends each
 * iteration's output to the text so far with `+`, which V8 keeps as a rope: one small node per
 * concatenation, all alive until the module is done (a big module such as mshtml.ts is millions of
 * them, copied by every young-generation collection on the way), then walked node by node when the
 * text is first read. Joining the iterations' outputs gives the same text, flat, at the cost of one
 * copy per nesting level.
 *
 * Arrays only, with the built-in helper's data frame (`@index`, `@key`, `@first`, `@last`) and
 * block parameters (`as |item i|`); anything else (objects, iterables, functions, templates
 * compiled to track ids) goes to the built-in helper.
 */
import type HandlebarsApi from "handlebars";

type Env = typeof HandlebarsApi;

/** Replaces `env`'s `#each` with one that joins array iterations (see the module comment). */
export function registerFlatEach(env: Env): void {
  const builtIn = env.helpers["each"] as HandlebarsApi.HelperDelegate;
  env.registerHelper("each", function (this: unknown, context: unknown, options: HandlebarsApi.HelperOptions & { ids?: unknown }) {
    if (!Array.isArray(context) || !options || options.ids) return builtIn.call(this, context, options);
    if (context.length === 0) return options.inverse(this);
    const data = options.data ? env.createFrame(options.data) : undefined;
    const parts: string[] = [];
    for (let i = 0; i < context.length; i++) {
      if (!(i in context)) continue;
      const value: unknown = context[i];
      if (data) {
        data.key = i;
        data.index = i;
        data.first = i === 0;
        data.last = i === context.length - 1;
      }
      // The item and its index, as the built-in helper passes them (their paths only matter when
      // ids are tracked, which go to the built-in helper).
      parts.push(options.fn(value, { data, blockParams: [value, i] }));
    }
    return parts.join("");
  });
}
