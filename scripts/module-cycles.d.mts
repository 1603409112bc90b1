// Types of scripts/module-cycles.mjs for its unit test (src/database/table-owners.spec.ts).
export function localImportsOf(file: string, source: string, exists: (path: string) => boolean): string[];
export function moduleGraph(importsByFile: Map<string, string[]>): Map<string, Map<string, string>>;
export function circleEdgesOf(graph: Map<string, Map<string, string>>): string[];
export function circlesOf(edges: string[]): string[][];
