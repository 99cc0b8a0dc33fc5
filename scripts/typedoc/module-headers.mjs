/**
 * A typedoc plugin: every module page of the reference opens with the
 * module's header comment.
 *
 * Each file of src/ opens with a doc comment (responsibility, manual
 * section, PUC-Rio counterpart, invariant, "Read next"). TypeDoc takes a
 * file's first comment as the module's only when it carries `@module`;
 * otherwise it belongs to the first statement, usually an import, and is
 * lost. Rather than tag a hundred files, this plugin gives every module
 * that has no comment of its own the first `/** ... *\/` block of its file,
 * parsed as markdown like any other comment (so `{@link}` and relative
 * links work, and typedoc's link validation checks them).
 *
 * It also orders the modules as the layers are stacked (docs/architecture.md),
 * from src/value at the bottom to src/cli at the top, so that the reference
 * reads in the same direction as the guide.
 *
 * Used by typedoc.json (`plugin`). See docs/index.md for the site's layout.
 */
import ts from 'typescript';
import { Comment, Converter, MinimalSourceFile, ReflectionKind } from 'typedoc';

/** The first block doc comment at the top of a file, without its stars. */
function headerOf(text) {
  const m = /^(?:#![^\n]*\n)?\s*\/\*\*([\s\S]*?)\*\//.exec(text);
  if (!m) return undefined;
  return m[1].split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n').trim();
}

/** The layers from the bottom; a module's folder is the start of its name. */
const LAYERS = ['index', 'version', 'value', 'bytecode', 'object', 'gc', 'parser', 'compiler',
  'vm', 'api', 'lib', 'platform', 'cli'];

function layerOf(name) {
  const i = LAYERS.indexOf(name.split('/')[0]);
  return i < 0 ? LAYERS.length : i;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module) || reflection.comment) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.find((d) => ts.isSourceFile(d));
    if (!file) return;
    const header = headerOf(file.text);
    if (!header) return;
    const parsed = context.converter.parseRawComment(
      new MinimalSourceFile(header, file.fileName), context.project.files);
    reflection.comment = new Comment(parsed.content);
  });  // before the group plugin builds the navigation from the children's order
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const children = context.project.children;
    if (!children) return;
    children.sort((a, b) => layerOf(a.name) - layerOf(b.name) || a.name.localeCompare(b.name));
  }, 1000);
}
