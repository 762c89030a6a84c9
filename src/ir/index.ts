/**
 * Builds the package IR from the loader's package and the parsed files:
 * imports per file, named types, package-level variables, functions and
 * methods by receiver type. Malformed declarations (syntax errors) are
 * skipped one by one; the rest of the package is still described.
 */
import type { GoPackage } from "../loader/types.js";
import type { GoNode } from "../parse/node.js";
import type { ParsedFile } from "../parse/parser.js";
import { paramsFrom, resultsFrom, typeFromNode, UNKNOWN } from "./type-expr.js";
import type { FileIR, FuncIR, PackageIR, TypeDeclIR, VarIR } from "./types.js";

export type { PackageIR, FileIR, FuncIR, GoType, TypeDeclIR, VarIR, FieldIR } from "./types.js";

export function buildPackageIR(pkg: GoPackage, parsed: ParsedFile[]): PackageIR {
  const ir: PackageIR = { pkg, files: [], types: new Map(), funcs: new Map(), methods: new Map(), vars: new Map() };
  pkg.files.forEach((file, i) => {
    const p = parsed[i]!;
    const fileIR: FileIR = {
      file,
      parsed: p,
      imports: readImports(p.root),
      goVersion: file.buildGoVersion ?? pkg.module?.goVersion ?? null,
    };
    ir.files.push(fileIR);
    for (const decl of p.root.children) addDeclaration(ir, fileIR, decl);
  });
  return ir;
}

function readImports(root: GoNode): Map<string, string> {
  const imports = new Map<string, string>();
  for (const decl of root.children) {
    if (decl.type !== "import_declaration") continue;
    const specs = decl.children.flatMap((c) => (c.type === "import_spec_list" ? c.children : [c]));
    for (const spec of specs) {
      if (spec.type !== "import_spec") continue;
      const pathNode = spec.field("path");
      if (!pathNode) continue;
      const path = pathNode.text.slice(1, -1);
      const alias = spec.field("name");
      if (alias && (alias.type === "blank_identifier" || alias.type === "dot")) continue;
      // Without an alias the local name is the last path element; good enough
      // for the standard library and most modules (`gopkg.in/x.v2` aside).
      const local = alias ? alias.text : path === "C" ? "C" : path.split("/").pop()!.replace(/\.v\d+$/, "");
      imports.set(local, path);
    }
  }
  return imports;
}

function addDeclaration(ir: PackageIR, file: FileIR, decl: GoNode): void {
  switch (decl.type) {
    case "function_declaration":
    case "method_declaration":
      addFunc(ir, file, decl);
      break;
    case "type_declaration":
      for (const spec of decl.children) {
        if (spec.type !== "type_spec" && spec.type !== "type_alias") continue;
        const name = spec.field("name")?.text;
        if (!name) continue;
        const t: TypeDeclIR = { name, type: typeFromNode(spec.field("type"), file.imports), alias: spec.type === "type_alias", node: spec, file };
        ir.types.set(name, t);
      }
      break;
    case "var_declaration":
    case "const_declaration": {
      const specs = decl.children.flatMap((c) => (c.type === "var_spec_list" ? c.children : [c]));
      for (const spec of specs) {
        if (spec.type !== "var_spec" && spec.type !== "const_spec") continue;
        const names = spec.fieldAll("name").filter((n) => n.type === "identifier");
        const values = spec.field("value")?.children ?? [];
        const type = typeFromNode(spec.field("type"), file.imports);
        names.forEach((n, i) => {
          const v: VarIR = { name: n.text, type, value: values[i] ?? null, node: n, file, isConst: decl.type === "const_declaration" };
          if (n.text !== "_") ir.vars.set(n.text, v);
        });
      }
      break;
    }
  }
}

function addFunc(ir: PackageIR, file: FileIR, decl: GoNode): void {
  const nameNode = decl.field("name");
  if (!nameNode) return;
  const name = nameNode.text;
  let recv: FuncIR["recv"] = null;
  if (decl.type === "method_declaration") {
    const r = paramsFrom(decl.field("receiver"), file.imports)[0];
    if (!r) return;
    const pointer = r.type.k === "ptr";
    const base = pointer && r.type.k === "ptr" ? r.type.elem : r.type;
    if (base.k !== "named") return;
    recv = { name: r.name, typeName: base.name, pointer, node: decl.field("receiver")! };
  }
  const key = recv ? `(${recv.pointer ? "*" : ""}${recv.typeName}).${name}` : name;
  const f: FuncIR = {
    name,
    key,
    recv,
    params: paramsFrom(decl.field("parameters"), file.imports),
    results: resultsFrom(decl.field("result"), file.imports),
    node: decl,
    body: decl.field("body") ?? null,
    file,
    exported: /^[A-Z]/.test(name),
  };
  // `init` may be declared many times; keep each under a unique key.
  const unique = ir.funcs.has(key) ? `${key}#${ir.funcs.size}` : key;
  ir.funcs.set(unique, f);
  if (recv) {
    let byName = ir.methods.get(recv.typeName);
    if (!byName) ir.methods.set(recv.typeName, (byName = new Map()));
    byName.set(name, f);
  }
}

/** The underlying type of a named type declared in the package (following local names), else the type itself. */
export function underlying(ir: PackageIR, t: import("./types.js").GoType, depth = 0): import("./types.js").GoType {
  if (t.k !== "named" || t.pkg !== null || depth > 10) return t;
  const decl = ir.types.get(t.name);
  if (!decl) return t;
  return underlying(ir, decl.type, depth + 1);
}

export { UNKNOWN };
