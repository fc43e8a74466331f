// TypeDoc plugin for `npm run docs` (typedoc.json loads it).
//
// 1. Groups the API reference as the README is organised, by the folder an export is declared in
//    (src/model/train.ts → Training, src/plot/ → Plots, …), so that no source file needs a
//    @group tag and a new export lands in its folder's group by itself.
// 2. Renders a {@link} to a symbol that is not part of the public API (a TSDoc comment may point
//    source readers at an internal helper such as `proximalNewton`) as code, not as a dead link.
//    Links that resolve to nothing at all still fail the build.
import { Comment, CommentTag, Converter, ReflectionSymbolId } from 'typedoc';

/** Folder (or file) under src/ → group; the first match wins. */
const groups = [
  [
    /src\/model\/(logisticRegressionModel|multinomialModel|oneVsRestModel|modelFromJSON|multiclassModelData)\.ts$/,
    'Models',
  ],
  [/src\/(model|options|solvers|objectives|math|validation|kernels|browser)\//, 'Training'],
  [/src\/(inference|stats)\//, 'Inference'],
  [/src\/metrics\//, 'Metrics'],
  [/src\/selection\//, 'Selection'],
  [/src\/(node|linalg)\//, 'Data'],
  [/src\/plot\//, 'Plots'],
  [/src\/(onnx|report)\//, 'Export and report'],
  [/src\/errors\.ts$/, 'Errors'],
];

function groupOf(reflection) {
  const file = reflection.sources?.[0]?.fullFileName ?? '';
  return groups.find(([pattern]) => pattern.test(file))?.[1];
}

function internalLinksAsCode(parts) {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'inline-tag' && part.target instanceof ReflectionSymbolId) {
      parts[i] = { kind: 'code', text: `\`${part.text.trim()}\`` };
    }
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of [context.project, ...(context.project.children ?? [])]) {
      for (const child of module.children ?? []) {
        if (child.kindOf?.(2 /* Module */)) continue;
        const group = groupOf(child);
        if (group === undefined) continue;
        child.comment ??= new Comment();
        child.comment.blockTags.push(new CommentTag('@group', [{ kind: 'text', text: group }]));
      }
    }
  });
  // After TypeDoc resolves links (priority −300) and before it validates them.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const reflection of Object.values(context.project.reflections)) {
        const comment = reflection.comment;
        if (comment === undefined) continue;
        internalLinksAsCode(comment.summary);
        for (const tag of comment.blockTags) internalLinksAsCode(tag.content);
      }
    },
    -400,
  );
}
