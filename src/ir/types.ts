/**
 * The package IR: all files of one Go package with their declarations,
 * named types, functions and methods, and imports. Built once per package
 * from the shared syntax trees; read by the analysis and by rules.
 */
import type { GoFile, GoPackage } from "../loader/types.js";
import type { GoNode } from "../parse/node.js";
import type { ParsedFile } from "../parse/parser.js";

/** A Go type as far as go-hazard understands it; anything else is `unknown`. */
export type GoType =
  | { k: "map"; key: GoType; val: GoType }
  | { k: "slice"; elem: GoType }
  | { k: "array"; elem: GoType }
  | { k: "ptr"; elem: GoType }
  | { k: "chan"; elem: GoType }
  | { k: "func"; params: GoType[]; results: GoType[]; node: GoNode | null }
  | { k: "struct"; fields: FieldIR[] }
  /** A type declared in this package (`Cache`) or imported (`pkg` = import path, e.g. `sync`). */
  | { k: "named"; name: string; pkg: string | null; args?: GoType[] }
  | { k: "basic"; name: string }
  | { k: "iface" }
  | { k: "tuple"; items: GoType[] }
  | { k: "unknown" };

export interface FieldIR {
  /** Field name; for an embedded field, the type's name (`Mutex`, `Base`). */
  name: string;
  type: GoType;
  embedded: boolean;
  node: GoNode;
}

export interface TypeDeclIR {
  name: string;
  /** The type on the right-hand side (`struct{...}`, `map[string]Entry`, ...). */
  type: GoType;
  alias: boolean;
  node: GoNode;
  file: FileIR;
}

export interface ParamIR {
  /** "" for unnamed parameters or results. */
  name: string;
  type: GoType;
  node: GoNode | null;
  variadic: boolean;
}

export interface FuncIR {
  /** `Put` for functions, `Put` for methods too; see `key`. */
  name: string;
  /** Unique within the package: `Put` or `(*Cache).Put` / `(Cache).Len`. */
  key: string;
  recv: { name: string; typeName: string; pointer: boolean; node: GoNode } | null;
  params: ParamIR[];
  results: ParamIR[];
  /** function_declaration / method_declaration. */
  node: GoNode;
  body: GoNode | null;
  file: FileIR;
  exported: boolean;
}

export interface VarIR {
  name: string;
  type: GoType;
  /** The initializer expression, when the spec has one (matched by position). */
  value: GoNode | null;
  node: GoNode;
  file: FileIR;
  isConst: boolean;
}

export interface FileIR {
  file: GoFile;
  parsed: ParsedFile;
  /** Local import name → import path (`sync` → `sync`, `nethttp` → `net/http`; dot and blank imports are skipped). */
  imports: Map<string, string>;
  /** Effective Go language version for the file: its `//go:build go1.N`, else the module's `go` line. */
  goVersion: string | null;
}

export interface PackageIR {
  pkg: GoPackage;
  files: FileIR[];
  types: Map<string, TypeDeclIR>;
  /** By FuncIR.key. */
  funcs: Map<string, FuncIR>;
  /** Receiver type name → method name → method. */
  methods: Map<string, Map<string, FuncIR>>;
  /** Package-level variables and constants by name. */
  vars: Map<string, VarIR>;
}
