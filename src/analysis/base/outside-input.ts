/**
 * What counts as outside input, once: the types a request arrives in
 * (`*net/http.Request`, `http.ResponseWriter`, the request contexts of gin,
 * echo and fiber), the decoders that fill values from a peer's bytes (json,
 * gob, xml), length prefixes (`binary.BigEndian.Uint32`, varints,
 * `binary.Read`), numbers parsed from text (`strconv.Atoi`, `fmt.Sscanf`),
 * lines and buffers read from a reader or a connection; and what does not:
 * local files, standard input, bytes the kernel wrote. Also which imports make
 * a package a network service (outside input keeps arriving while it runs).
 *
 * A table with matchers, like the concurrency API (src/analysis/concurrency-api.ts),
 * not an analyzer: each question is about one node or one type. Following a
 * value through locals to one of these reads is the asking analyzer's job
 * (input-sizes for sizes; map-growth asks only about handlers and services).
 */
import type { FileScopes } from "../../ir/scopes.js";
import { underlying } from "../../ir/index.js";
import { derefType } from "../../ir/type-expr.js";
import type { FileIR, FuncIR, GoType, PackageIR } from "../../ir/types.js";
import { args, exprKey, unparen } from "../../ir/syntax.js";
import type { GoNode } from "../../parse/node.js";
import { importedCall, importedName } from "../../ir/names.js";

/** A file of a package, with its scopes: what resolving `pkg.Name` and builtins needs. */
export interface SourceEnv {
  ir: PackageIR;
  file: FileIR;
  scopes: FileScopes;
}

// ---- requests and services ------------------------------------------------------------

/** Web frameworks whose handlers take a request context of theirs instead of `*http.Request`. */
const FRAMEWORK_PACKAGES = /(^|\/)(gin-gonic\/gin|labstack\/echo(\/v\d+)?|gofiber\/fiber(\/v\d+)?)$/;
const FRAMEWORK_CONTEXTS: ReadonlySet<string> = new Set(["Context", "Ctx"]);

/** Is the type (through local named types and one pointer) `net/http.Request` or a web framework's request context? */
export function isRequestType(ir: PackageIR, t: GoType): boolean {
  const n = derefType(underlying(ir, t));
  if (n.k !== "named") return false;
  if (n.pkg === "net/http" && n.name === "Request") return true;
  return FRAMEWORK_CONTEXTS.has(n.name) && FRAMEWORK_PACKAGES.test(n.pkg ?? "");
}

/** `http.ResponseWriter`: the other half of a handler's signature. */
export function isResponseWriterType(t: GoType): boolean {
  return t.k === "named" && t.pkg === "net/http" && t.name === "ResponseWriter";
}

/** Does the function take a request or a response writer: is it (part of) a request handler? */
export function handlesRequests(ir: PackageIR, fn: FuncIR): boolean {
  return fn.params.some((p) => isRequestType(ir, p.type) || isResponseWriterType(p.type));
}

/** Imports of network servers and web frameworks: a package with one runs for long and takes requests. */
const SERVICE_IMPORTS = /^(net|net\/http|net\/rpc|google\.golang\.org\/grpc|github\.com\/(gin-gonic\/gin|labstack\/echo(\/v\d+)?|gofiber\/fiber(\/v\d+)?|go-chi\/chi(\/v\d+)?|gorilla\/mux|valyala\/fasthttp))$/;

/** Does the package (outside its tests) import a network server or web framework? */
export function isServicePackage(ir: PackageIR): boolean {
  return ir.files.some((f) => !f.file.isTest && [...f.imports.values()].some((p) => SERVICE_IMPORTS.test(p)));
}

// ---- length prefixes and decoded values -----------------------------------------------

const BYTE_ORDERS: ReadonlySet<string> = new Set(["BigEndian", "LittleEndian", "NativeEndian"]);
const VARINT_READS: readonly string[] = ["Uvarint", "Varint", "ReadUvarint", "ReadVarint"];
const DECODER_PACKAGES: readonly string[] = ["encoding/json", "encoding/gob", "encoding/xml"];
const UNMARSHAL_PACKAGES: readonly string[] = ["encoding/json", "encoding/xml"];
const DECODE_METHODS: ReadonlySet<string> = new Set(["Decode", "DecodeElement"]);
const NUMBER_PARSES: readonly string[] = ["Atoi", "ParseInt", "ParseUint"];
const SCANS: readonly string[] = ["Sscan", "Sscanf", "Sscanln"];

/**
 * `binary.BigEndian.Uint32(b)`, `order.Uint64(b)` (a `binary.ByteOrder`),
 * `byteorder.BEUint32(b)`: a 32- or 64-bit integer decoded from bytes, the
 * shape of a length prefix. Returns how to name it (`binary.BigEndian.Uint32`).
 */
export function byteOrderRead(env: SourceEnv, call: GoNode): string | null {
  const fn = unparen(call.field("function"));
  if (fn?.type !== "selector_expression") return null;
  const name = fn.field("field")?.text ?? "";
  const op = fn.field("operand");
  if (/^(BE|LE)Uint(32|64)$/.test(name) && importedName(env, fn, "internal/byteorder")) return `byteorder.${name}`;
  if ((name !== "Uint32" && name !== "Uint64") || !op) return null;
  const order = importedName(env, op, "encoding/binary");
  if (order && BYTE_ORDERS.has(order)) return `binary.${order}.${name}`;
  const t = underlying(env.ir, env.scopes.typeOf(op));
  if (t.k === "named" && t.pkg === "encoding/binary" && (t.name === "ByteOrder" || t.name === "AppendByteOrder")) return `${exprKey(op)}.${name}`;
  return null;
}

/** `binary.Uvarint(b)` and the other varint reads: their first result is decoded input (`binary.Uvarint`). */
export function varintRead(env: SourceEnv, call: GoNode): string | null {
  const bin = importedCall(env, call, "encoding/binary");
  return bin && VARINT_READS.includes(bin) ? `binary.${bin}` : null;
}

/** `strconv.Atoi(s)`, `ParseInt`, `ParseUint`: a number parsed from its first argument (input when that is). */
export function numberParse(env: SourceEnv, call: GoNode): string | null {
  const conv = importedCall(env, call, "strconv");
  return conv && NUMBER_PARSES.includes(conv) ? `strconv.${conv}` : null;
}

/** `binary.Read(r, order, &v)`: does it fill argument `index` from its reader? */
export function isBinaryReadInto(env: SourceEnv, call: GoNode, index: number): boolean {
  return index === 2 && importedCall(env, call, "encoding/binary") === "Read";
}

/** `json.Unmarshal(b, &v)` / `xml.Unmarshal`, filling argument `index` from the bytes of argument 0: `json`, `xml`. */
export function unmarshalInto(env: SourceEnv, call: GoNode, index: number): string | null {
  if (index !== 1) return null;
  const pkg = UNMARSHAL_PACKAGES.find((p) => importedCall(env, call, p) === "Unmarshal");
  return pkg ? pkg.slice("encoding/".length) : null;
}

/** `dec.Decode(&v)`, `dec.DecodeElement(&v, ...)` filling argument `index`: the decoder expression (its kind is the caller's question). */
export function decodeCallInto(call: GoNode, index: number): GoNode | null {
  const fn = unparen(call.field("function"));
  if (index !== 0 || fn?.type !== "selector_expression" || !DECODE_METHODS.has(fn.field("field")?.text ?? "")) return null;
  return fn.field("operand") ?? null;
}

/** `json.NewDecoder(r)` (or gob, xml): `json`, with the reader it decodes. */
export function newDecoderCall(env: SourceEnv, expr: GoNode): { kind: string; reader: GoNode | undefined } | null {
  const pkg = DECODER_PACKAGES.find((p) => importedCall(env, expr, p) === "NewDecoder");
  return pkg ? { kind: pkg.slice("encoding/".length), reader: args(expr)[0] } : null;
}

/** A `*json.Decoder` (gob, xml) by type: `json`. */
export function decoderType(ir: PackageIR, t: GoType): string | null {
  const n = underlying(ir, derefType(underlying(ir, t)));
  return n.k === "named" && n.name === "Decoder" && DECODER_PACKAGES.includes(n.pkg ?? "") ? n.pkg!.slice("encoding/".length) : null;
}

/** `fmt.Sscanf(s, "%d", &n)` and the other string scans: the name, and the first argument it fills. */
export function stringScan(env: SourceEnv, call: GoNode): { name: string; firstTarget: number } | null {
  const scan = importedCall(env, call, "fmt");
  if (!scan || !SCANS.includes(scan)) return null;
  return { name: `fmt.${scan}`, firstTarget: scan === "Sscanf" ? 2 : 1 };
}

// ---- lines and buffers read from readers and connections -------------------------------

const LINE_READS: ReadonlySet<string> = new Set(["ReadString", "ReadLine", "ReadBytes", "ReadSlice", "ReadContinuedLine", "ReadLineBytes"]);

/** `br.ReadString('\n')` and the other line reads of bufio/textproto readers (not a `strings.`/`bytes.` function), with the reader. */
export function lineRead(env: SourceEnv, call: GoNode): { reader: GoNode | undefined } | null {
  const fn = unparen(call.field("function"));
  if (fn?.type !== "selector_expression" || !LINE_READS.has(fn.field("field")?.text ?? "")) return null;
  if (importedName(env, fn, "strings") || importedName(env, fn, "bytes")) return null;
  return { reader: fn.field("operand") };
}

/** `sc.Text()`, `sc.Bytes()`, with the operand: a line when the operand is a scanner (isScannerType, isNewScannerCall). */
export function scannerLineCall(call: GoNode): { scanner: GoNode | undefined } | null {
  const fn = unparen(call.field("function"));
  if (fn?.type !== "selector_expression" || args(call).length !== 0) return null;
  const name = fn.field("field")?.text;
  return name === "Text" || name === "Bytes" ? { scanner: fn.field("operand") } : null;
}

export function isScannerType(ir: PackageIR, t: GoType): boolean {
  const n = derefType(underlying(ir, t));
  return n.k === "named" && n.pkg === "bufio" && n.name === "Scanner";
}

export function isNewScannerCall(env: SourceEnv, expr: GoNode | undefined): boolean {
  return importedCall(env, expr, "bufio") === "NewScanner";
}

/**
 * A call that fills a buffer from a reader: `io.ReadFull(r, buf)`,
 * `io.ReadAtLeast(r, buf, n)`, `conn.Read(buf)` (not math/rand's or
 * crypto/rand's Read). Which argument it fills, and the reader.
 */
export function readerFill(env: SourceEnv, call: GoNode): { index: number; reader: GoNode | undefined } | null {
  const io = importedCall(env, call, "io");
  if (io === "ReadFull" || io === "ReadAtLeast") return { index: 1, reader: args(call)[0] };
  const fn = unparen(call.field("function"));
  if (fn?.type !== "selector_expression" || fn.field("field")?.text !== "Read" || args(call).length !== 1) return null;
  if (importedName(env, fn, "math/rand") || importedName(env, fn, "crypto/rand")) return null;
  return { index: 0, reader: fn.field("operand") };
}

// ---- not outside input: local files, standard input, the kernel -------------------------

const FILE_READS: ReadonlySet<string> = new Set(["Open", "OpenFile", "ReadFile", "OpenInRoot"]);
const KERNEL_PACKAGES: readonly string[] = ["syscall", "golang.org/x/sys/unix", "golang.org/x/sys/windows"];

/** `os.Open`, `os.ReadFile`, `ioutil.ReadFile`...: configuration and the user's own files, not a peer's bytes. */
export function isLocalFileRead(env: SourceEnv, call: GoNode): boolean {
  const os = importedCall(env, call, "os");
  return (!!os && FILE_READS.has(os)) || importedCall(env, call, "io/ioutil") === "ReadFile";
}

/** `os.Stdin`: the user's own input. */
export function isStdin(env: SourceEnv, node: GoNode): boolean {
  return node.type === "selector_expression" && importedName(env, node, "os") === "Stdin";
}

/** `unsafe.Pointer(...)` or a syscall/unix/windows call: what a buffer handed to it holds comes from the kernel or C code. */
export function isKernelCall(env: SourceEnv, call: GoNode): boolean {
  if (importedName(env, call.field("function"), "unsafe") === "Pointer") return true;
  return KERNEL_PACKAGES.some((pkg) => !!importedCall(env, call, pkg));
}
