/**
 * Builds the package IR from the loader's package and the parsed files.
 * (The real builder lands in this module; this placeholder only records files.)
 */
import type { GoPackage } from "../loader/types.js";
import type { ParsedFile } from "../parse/parser.js";
import type { PackageIR } from "./types.js";

export function buildPackageIR(pkg: GoPackage, parsed: ParsedFile[]): PackageIR {
  return {
    pkg,
    files: pkg.files.map((file, i) => ({ file, parsed: parsed[i]!, imports: new Map(), goVersion: file.buildGoVersion ?? pkg.module?.goVersion ?? null })),
    types: new Map(),
    funcs: new Map(),
    methods: new Map(),
    vars: new Map(),
  };
}
