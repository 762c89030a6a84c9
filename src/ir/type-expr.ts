/**
 * Type expressions (syntax) → GoType, and small queries on GoType. No type
 * checker: a name that isn't declared in the package or imported from a known
 * path becomes `named` with what we know, and `unknown` where we know nothing.
 */
import type { GoNode } from "../parse/node.js";
import type { FieldIR, GoType, ParamIR } from "./types.js";

export const UNKNOWN: GoType = { k: "unknown" };

const BASIC = new Set([
  "bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
  "uintptr", "byte", "rune", "float32", "float64", "complex64", "complex128", "error", "any", "comparable",
]);

/** Converts a type node; `imports` maps local package names to import paths. */
export function typeFromNode(node: GoNode | undefined, imports: Map<string, string>): GoType {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case "type_identifier": {
      const name = node.text;
      if (name === "any" || name === "error") return name === "any" ? { k: "iface" } : { k: "named", name, pkg: "" };
      return BASIC.has(name) ? { k: "basic", name: name === "byte" ? "uint8" : name === "rune" ? "int32" : name } : { k: "named", name, pkg: null };
    }
    case "qualified_type": {
      const pkgName = node.field("package")?.text ?? "";
      return { k: "named", name: node.field("name")?.text ?? "", pkg: imports.get(pkgName) ?? pkgName };
    }
    case "generic_type": {
      const base = typeFromNode(node.field("type"), imports);
      const args = node.field("type_arguments")?.children.map((c) => typeFromNode(c.type === "type_elem" ? c.children[0] : c, imports)) ?? [];
      return base.k === "named" ? { ...base, args } : base;
    }
    case "pointer_type":
      return { k: "ptr", elem: typeFromNode(node.children[0], imports) };
    case "map_type":
      return { k: "map", key: typeFromNode(node.field("key"), imports), val: typeFromNode(node.field("value"), imports) };
    case "slice_type":
      return { k: "slice", elem: typeFromNode(node.field("element"), imports) };
    case "array_type":
    case "implicit_length_array_type":
      return { k: "array", elem: typeFromNode(node.field("element"), imports) };
    case "channel_type":
      return { k: "chan", elem: typeFromNode(node.field("value"), imports) };
    case "function_type":
      return funcType(node, imports);
    case "struct_type":
      return { k: "struct", fields: structFields(node, imports) };
    case "interface_type":
      return { k: "iface" };
    case "parenthesized_type":
      return typeFromNode(node.children[0], imports);
    default:
      return UNKNOWN;
  }
}

export function funcType(node: GoNode, imports: Map<string, string>): GoType {
  return {
    k: "func",
    params: paramsFrom(node.field("parameters"), imports).map((p) => p.type),
    results: resultsFrom(node.field("result"), imports).map((p) => p.type),
    node,
  };
}

export function structFields(node: GoNode, imports: Map<string, string>): FieldIR[] {
  const list = node.children.find((c) => c.type === "field_declaration_list");
  const fields: FieldIR[] = [];
  for (const decl of list?.children ?? []) {
    if (decl.type !== "field_declaration") continue;
    const typeNode = decl.field("type");
    const type = typeFromNode(typeNode, imports);
    const names = decl.fieldAll("name");
    if (names.length === 0) {
      // Embedded field: its name is the type's name without pointer or package.
      const base = type.k === "ptr" ? type.elem : type;
      const name = base.k === "named" ? base.name : typeNode?.text ?? "";
      fields.push({ name, type, embedded: true, node: decl });
    } else {
      for (const n of names) fields.push({ name: n.text, type, embedded: false, node: decl });
    }
  }
  return fields;
}

/** Parameters of a parameter_list (grouped names share one type). */
export function paramsFrom(list: GoNode | undefined, imports: Map<string, string>): ParamIR[] {
  const out: ParamIR[] = [];
  for (const decl of list?.children ?? []) {
    if (decl.type !== "parameter_declaration" && decl.type !== "variadic_parameter_declaration") continue;
    const variadic = decl.type === "variadic_parameter_declaration";
    let type = typeFromNode(decl.field("type"), imports);
    if (variadic) type = { k: "slice", elem: type };
    const names = decl.fieldAll("name");
    if (names.length === 0) out.push({ name: "", type, node: null, variadic });
    for (const n of names) out.push({ name: n.text, type, node: n, variadic });
  }
  return out;
}

/** Results: a parameter_list or a single type. */
export function resultsFrom(result: GoNode | undefined, imports: Map<string, string>): ParamIR[] {
  if (!result) return [];
  if (result.type === "parameter_list") return paramsFrom(result, imports);
  return [{ name: "", type: typeFromNode(result, imports), node: null, variadic: false }];
}

export function typeString(t: GoType): string {
  switch (t.k) {
    case "map":
      return `map[${typeString(t.key)}]${typeString(t.val)}`;
    case "slice":
      return `[]${typeString(t.elem)}`;
    case "array":
      return `[...]${typeString(t.elem)}`;
    case "ptr":
      return `*${typeString(t.elem)}`;
    case "chan":
      return `chan ${typeString(t.elem)}`;
    case "func":
      return "func(...)";
    case "struct":
      return "struct{...}";
    case "named":
      return t.pkg ? `${t.pkg.split("/").pop()}.${t.name}` : t.name;
    case "basic":
      return t.name === "uint8" ? "byte" : t.name;
    case "iface":
      return "interface{...}";
    case "tuple":
      return `(${t.items.map(typeString).join(", ")})`;
    default:
      return "?";
  }
}

export function isNamed(t: GoType, pkg: string, name: string): boolean {
  return t.k === "named" && t.pkg === pkg && t.name === name;
}

/** Strip one level of pointer. */
export function derefType(t: GoType): GoType {
  return t.k === "ptr" ? t.elem : t;
}
