/*
 * go-hazard's native tree export: parse Go source with tree-sitter and hand
 * the syntax tree to JavaScript as one flat array, in one call.
 *
 * Why: reading a tree through the tree-sitter Node binding costs one N-API
 * call per node property (~0.1-0.2 us each). Converting the Go standard
 * library took ~25 M such calls, more time than parsing it. Here the walk
 * happens in C, where each step is a few nanoseconds, and JavaScript rebuilds
 * its objects from the array (src/parse/native.ts).
 *
 * It compiles the same C sources the binding uses: the tree-sitter runtime
 * vendored by the `tree-sitter` package and the grammar of `tree-sitter-go`
 * (see binding.gyp). Symbol and field ids are the grammar's own, so they
 * agree with the binding's `nodeTypeId` / `currentFieldId`.
 *
 * The array, 32-bit words: a 2-word header (record count, 1 if the tree has
 * syntax errors), then one 4-word record per exported node in pre-order:
 *   [0] symbol | field id << 16 | missing << 31
 *   [1] start, [2] end  (UTF-16 code units, like JavaScript string indices)
 *   [3] number of exported descendants (lets the reader skip a subtree)
 * A node is exported when it is named, sits in a field, or is missing (a
 * recovery token); an anonymous node is not descended into. Nothing else is
 * decided here: which nodes to keep is the reader's business.
 *
 * Each parse has a time budget (milliseconds, 0 for none): tree-sitter's
 * error recovery is about quadratic on some broken inputs (a few thousand
 * string literals in a row after an unclosed brace take seconds, 66 k take
 * minutes), so a parse past its budget is cancelled through tree-sitter's
 * progress callback and reported as such (parse() returns -1, parseAsync()
 * resolves with null), and the parser is reset for the next file.
 *
 * Two ways in. parse()/read() parse on the calling JavaScript thread.
 * parseAsync() parses on libuv's thread pool and resolves with the array;
 * the parses a thread queues run one at a time, with one parser (its
 * "stream"), so a JavaScript thread can have the next package's files parsed
 * while it analyses this one, at about the CPU cost of parsing them itself.
 * (Several parses at once, each with its own parser, cost 20-30 % more CPU
 * on two cores, and their results waited for the JavaScript thread anyway.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <node_api.h>
#include <uv.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_go(void);

#define HEADER_WORDS 2
#define RECORD_WORDS 4

/* An export being written: the array (header and records) and the walk's stack. */
typedef struct {
  uint32_t *words;
  size_t capacity; /* in words */
  size_t exported; /* words of the finished export */
  uint32_t *open;  /* record indexes of the nodes whose children are being walked */
  size_t open_capacity;
} Export;

static void free_export(Export *out) {
  free(out->words);
  free(out->open);
  out->words = NULL;
  out->open = NULL;
  out->capacity = out->open_capacity = out->exported = 0;
}

static TSParser *new_go_parser(void) {
  TSParser *parser = ts_parser_new();
  if (parser && !ts_parser_set_language(parser, tree_sitter_go())) {
    ts_parser_delete(parser);
    return NULL;
  }
  return parser;
}

/*
 * The parser and export that one JavaScript thread's parseAsync() jobs share,
 * used by one job at a time (`parsing`). Freed by whoever lets go last (`refs`,
 * under its own lock so that queueing a job never waits for a parse): the
 * thread's state, or a job that was still running when the thread ended.
 */
typedef struct {
  uv_mutex_t parsing;
  uv_mutex_t refs_lock;
  unsigned refs;
  TSParser *parser;
  Export out;
} Stream;

static Stream *stream_new(void) {
  Stream *stream = calloc(1, sizeof(Stream));
  if (!stream) return NULL;
  if (uv_mutex_init(&stream->parsing) != 0) {
    free(stream);
    return NULL;
  }
  if (uv_mutex_init(&stream->refs_lock) != 0) {
    uv_mutex_destroy(&stream->parsing);
    free(stream);
    return NULL;
  }
  stream->refs = 1;
  return stream;
}

static void stream_retain(Stream *stream) {
  uv_mutex_lock(&stream->refs_lock);
  stream->refs++;
  uv_mutex_unlock(&stream->refs_lock);
}

static void stream_release(Stream *stream) {
  uv_mutex_lock(&stream->refs_lock);
  unsigned left = --stream->refs;
  uv_mutex_unlock(&stream->refs_lock);
  if (left > 0) return;
  uv_mutex_destroy(&stream->refs_lock);
  uv_mutex_destroy(&stream->parsing);
  if (stream->parser) ts_parser_delete(stream->parser);
  free_export(&stream->out);
  free(stream);
}

/* Per JavaScript thread (Node worker), kept between calls: parse()'s parser and last export, and parseAsync()'s stream. */
typedef struct {
  TSParser *parser;
  Export out;
  Stream *stream;
} ThreadState;

static void free_state(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  ThreadState *state = data;
  ts_parser_delete(state->parser);
  free_export(&state->out);
  if (state->stream) stream_release(state->stream);
  free(state);
}

static int reserve(void **items, size_t *capacity, size_t needed, size_t item_size) {
  if (needed <= *capacity) return 1;
  size_t next = *capacity ? *capacity : 1024;
  while (next < needed) next *= 2;
  void *grown = realloc(*items, next * item_size);
  if (!grown) return 0;
  *items = grown;
  *capacity = next;
  return 1;
}

/* Walk the tree into out->words; returns the record count, or -1 when out of memory. */
static int64_t export_tree(Export *out, TSTree *tree) {
  TSNode root = ts_tree_root_node(tree);
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  size_t records = 0;
  size_t depth = 0;
  int64_t result = -1;

#define APPEND(node, field)                                                                  \
  do {                                                                                       \
    if (!reserve((void **)&out->words, &out->capacity,                                       \
                 HEADER_WORDS + (records + 1) * RECORD_WORDS, sizeof(uint32_t)))             \
      goto done;                                                                             \
    uint32_t *record = out->words + HEADER_WORDS + records * RECORD_WORDS;                   \
    record[0] = (uint32_t)ts_node_symbol(node) | ((uint32_t)(field) << 16) |                 \
                (ts_node_is_missing(node) ? 0x80000000u : 0);                                \
    /* UTF-16 input: byte offsets are twice the string index. */                             \
    record[1] = ts_node_start_byte(node) / 2;                                                \
    record[2] = ts_node_end_byte(node) / 2;                                                  \
    record[3] = 0;                                                                           \
    records++;                                                                               \
  } while (0)

#define OPEN(index)                                                                          \
  do {                                                                                       \
    if (!reserve((void **)&out->open, &out->open_capacity, depth + 1, sizeof(uint32_t)))     \
      goto done;                                                                             \
    out->open[depth++] = (uint32_t)(index);                                                  \
  } while (0)

#define CLOSE()                                                                              \
  do {                                                                                       \
    uint32_t index = out->open[--depth];                                                     \
    out->words[HEADER_WORDS + index * RECORD_WORDS + 3] = (uint32_t)(records - index - 1);   \
  } while (0)

  APPEND(root, 0);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    OPEN(0);
    for (;;) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      TSFieldId field = ts_tree_cursor_current_field_id(&cursor);
      int named = ts_node_is_named(node);
      if (named || field || ts_node_is_missing(node)) {
        size_t index = records;
        APPEND(node, field);
        if (named && ts_tree_cursor_goto_first_child(&cursor)) {
          OPEN(index);
          continue;
        }
      }
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!ts_tree_cursor_goto_parent(&cursor)) goto walked;
        CLOSE();
      }
    }
  walked:
    while (depth > 0) CLOSE();
  }
  result = (int64_t)records;
done:
  ts_tree_cursor_delete(&cursor);
  return result;
#undef APPEND
#undef OPEN
#undef CLOSE
}

static ThreadState *thread_state(napi_env env) {
  ThreadState *state = NULL;
  if (napi_get_instance_data(env, (void **)&state) == napi_ok && state) return state;
  state = calloc(1, sizeof(ThreadState));
  if (!state) return NULL;
  state->parser = new_go_parser();
  if (!state->parser || napi_set_instance_data(env, state, free_state, NULL) != napi_ok) {
    if (state->parser) ts_parser_delete(state->parser);
    free(state);
    return NULL;
  }
  return state;
}

static const char OUT_OF_MEMORY[] = "go-hazard native parser: out of memory";
/* Not an error: compared by address to tell a parse past its budget from a failure. */
static const char OVER_BUDGET[] = "go-hazard native parser: parse budget exceeded";

/* The text being parsed, handed to tree-sitter whole on its first read. */
typedef struct {
  const char *bytes;
  uint32_t length;
} TextInput;

static const char *read_text(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read) {
  (void)position;
  const TextInput *input = payload;
  if (byte_index >= input->length) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = input->length - byte_index;
  return input->bytes + byte_index;
}

/* tree-sitter asks every 100 parse operations; uv_hrtime is a monotonic clock safe on any thread. */
static bool past_deadline(TSParseState *state) {
  const uint64_t *deadline = state->payload;
  return *deadline != 0 && uv_hrtime() > *deadline;
}

/*
 * Parses UTF-16 text into `out` (the layout above), within `budget_ms` (0: no
 * limit). Needs no JavaScript, so it also runs on the thread pool. Returns
 * NULL, an error message, or OVER_BUDGET.
 */
static const char *parse_into(TSParser *parser, const char16_t *text, size_t length, uint32_t budget_ms, Export *out) {
  out->exported = 0;
  TextInput input = {(const char *)text, (uint32_t)(length * sizeof(char16_t))};
  uint64_t deadline = budget_ms == 0 ? 0 : uv_hrtime() + (uint64_t)budget_ms * 1000000u;
  TSParseOptions options = {&deadline, past_deadline};
  TSTree *tree = ts_parser_parse_with_options(parser, NULL, (TSInput){&input, read_text, TSInputEncodingUTF16LE, NULL}, options);
  if (!tree) {
    /* A cancelled parse would otherwise be resumed by the next call, with the next file's text. */
    ts_parser_reset(parser);
    return deadline != 0 && uv_hrtime() > deadline ? OVER_BUDGET : "go-hazard native parser: tree-sitter returned no tree";
  }
  int64_t records = export_tree(out, tree);
  int has_error = ts_node_has_error(ts_tree_root_node(tree));
  ts_tree_delete(tree);
  if (records < 0 || HEADER_WORDS + (size_t)records * RECORD_WORDS > UINT32_MAX) return OUT_OF_MEMORY;
  out->words[0] = (uint32_t)records;
  out->words[1] = has_error ? 1 : 0;
  out->exported = HEADER_WORDS + (size_t)records * RECORD_WORDS;
  return NULL;
}

/* The arguments (text: string, budgetMs?: number): the text as UTF-16 (malloc'ed; the caller frees it); NULL after throwing. */
static char16_t *text_argument(napi_env env, napi_callback_info info, size_t *length, uint32_t *budget_ms, const char *usage) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_string_utf16(env, argv[0], NULL, 0, length) != napi_ok) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  *budget_ms = 0;
  if (argc >= 2 && napi_get_value_uint32(env, argv[1], budget_ms) != napi_ok) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  char16_t *text = malloc((*length + 1) * sizeof(char16_t));
  if (!text) {
    napi_throw_error(env, NULL, OUT_OF_MEMORY);
    return NULL;
  }
  napi_get_value_string_utf16(env, argv[0], text, *length + 1, length);
  return text;
}

/*
 * parse(text: string, budgetMs?: number): number. Parses, keeps the export
 * (the layout above) in the thread's buffer and returns its size in words
 * (-1 past the budget); read(out) copies it.
 * Two calls so that JavaScript can reuse one array file after file, growing
 * it when a file needs more, instead of a new one per file that the garbage
 * collector would have to account for.
 */
static napi_value parse(napi_env env, napi_callback_info info) {
  size_t length = 0;
  uint32_t budget_ms = 0;
  char16_t *text = text_argument(env, info, &length, &budget_ms, "parse(text, budgetMs?) needs a string and a number");
  if (!text) return NULL;
  ThreadState *state = thread_state(env);
  const char *error = state ? parse_into(state->parser, text, length, budget_ms, &state->out) : OUT_OF_MEMORY;
  free(text);
  napi_value result;
  if (error == OVER_BUDGET) {
    napi_create_double(env, -1, &result);
    return result;
  }
  if (error) {
    napi_throw_error(env, NULL, error);
    return NULL;
  }
  napi_create_double(env, (double)state->out.exported, &result);
  return result;
}

/* read(out: Uint32Array): copies the last parse's export into `out` (which must be big enough). */
static napi_value read(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_typedarray_type type;
  size_t out_words = 0;
  void *out = NULL;
  ThreadState *state = thread_state(env);
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_typedarray_info(env, argv[0], &type, &out_words, &out, NULL, NULL) != napi_ok ||
      type != napi_uint32_array || !state || out_words < state->out.exported) {
    napi_throw_type_error(env, NULL, "read(out) needs a Uint32Array as long as parse() said");
    return NULL;
  }
  if (state->out.exported > 0) memcpy(out, state->out.words, state->out.exported * sizeof(uint32_t));
  return NULL;
}

/* One parseAsync() call: its text, then its export, copied out of the stream's buffer. */
typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  Stream *stream;
  char16_t *text;
  size_t length;
  uint32_t budget_ms;
  uint32_t *words;
  size_t count;
  const char *error;
} ParseJob;

static void parse_job_execute(napi_env env, void *data) {
  (void)env;
  ParseJob *job = data;
  Stream *stream = job->stream;
  uv_mutex_lock(&stream->parsing);
  if (!stream->parser) stream->parser = new_go_parser();
  job->error = stream->parser ? parse_into(stream->parser, job->text, job->length, job->budget_ms, &stream->out) : OUT_OF_MEMORY;
  if (!job->error) {
    job->count = stream->out.exported;
    job->words = malloc(job->count * sizeof(uint32_t));
    if (job->words) memcpy(job->words, stream->out.words, job->count * sizeof(uint32_t));
    else job->error = OUT_OF_MEMORY;
  }
  uv_mutex_unlock(&stream->parsing);
  job->stream = NULL;
  stream_release(stream);
  free(job->text);
  job->text = NULL;
}

static void parse_job_complete(napi_env env, napi_status status, void *data) {
  ParseJob *job = data;
  const char *error = status == napi_ok ? job->error : "go-hazard native parser: parse cancelled";
  napi_value value = NULL;
  if (error == OVER_BUDGET) {
    napi_get_null(env, &value);
    error = NULL;
  } else if (!error) {
    void *bytes = NULL;
    napi_value buffer;
    if (napi_create_arraybuffer(env, job->count * sizeof(uint32_t), &bytes, &buffer) == napi_ok &&
        napi_create_typedarray(env, napi_uint32_array, job->count, buffer, 0, &value) == napi_ok) {
      memcpy(bytes, job->words, job->count * sizeof(uint32_t));
    } else {
      error = OUT_OF_MEMORY;
    }
  }
  if (error) {
    napi_value message;
    napi_create_string_utf8(env, error, NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, NULL, message, &value);
    napi_reject_deferred(env, job->deferred, value);
  } else {
    napi_resolve_deferred(env, job->deferred, value);
  }
  napi_delete_async_work(env, job->work);
  if (job->stream) stream_release(job->stream); /* never ran (cancelled) */
  free(job->text);
  free(job->words);
  free(job);
}

/*
 * parseAsync(text: string, budgetMs?: number): Promise<Uint32Array | null>:
 * parse()'s export (null past the budget, which starts when the parse does),
 * parsed on libuv's thread pool in this thread's stream.
 */
static napi_value parse_async(napi_env env, napi_callback_info info) {
  size_t length = 0;
  uint32_t budget_ms = 0;
  char16_t *text = text_argument(env, info, &length, &budget_ms, "parseAsync(text, budgetMs?) needs a string and a number");
  if (!text) return NULL;
  ThreadState *state = thread_state(env);
  if (state && !state->stream) state->stream = stream_new();
  ParseJob *job = calloc(1, sizeof(ParseJob));
  napi_value promise, name;
  if (!state || !state->stream || !job || napi_create_promise(env, &job->deferred, &promise) != napi_ok) {
    free(text);
    free(job);
    napi_throw_error(env, NULL, OUT_OF_MEMORY);
    return NULL;
  }
  job->text = text;
  job->length = length;
  job->budget_ms = budget_ms;
  napi_create_string_utf8(env, "go-hazard:parse", NAPI_AUTO_LENGTH, &name);
  if (napi_create_async_work(env, NULL, name, parse_job_execute, parse_job_complete, job, &job->work) != napi_ok) {
    free(text);
    free(job);
    napi_throw_error(env, NULL, "go-hazard native parser: could not queue the parse");
    return NULL;
  }
  stream_retain(state->stream);
  job->stream = state->stream;
  if (napi_queue_async_work(env, job->work) != napi_ok) {
    stream_release(job->stream);
    napi_delete_async_work(env, job->work);
    free(text);
    free(job);
    napi_throw_error(env, NULL, "go-hazard native parser: could not queue the parse");
    return NULL;
  }
  return promise;
}

/* The one numeric argument of symbol() and field(); throws `usage` when there is none. */
static int id_argument(napi_env env, napi_callback_info info, uint32_t *id, const char *usage) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_uint32(env, argv[0], id) != napi_ok) {
    napi_throw_type_error(env, NULL, usage);
    return 0;
  }
  return 1;
}

/* symbol(id): [name, named] for a symbol id as found in a record. */
static napi_value symbol(napi_env env, napi_callback_info info) {
  uint32_t id = 0;
  if (!id_argument(env, info, &id, "symbol(id) needs a number")) return NULL;
  const TSLanguage *language = tree_sitter_go();
  const char *name = ts_language_symbol_name(language, (TSSymbol)id);
  napi_value pair, js_name, js_named;
  napi_create_array_with_length(env, 2, &pair);
  napi_create_string_utf8(env, name ? name : "", NAPI_AUTO_LENGTH, &js_name);
  napi_get_boolean(env, ts_language_symbol_type(language, (TSSymbol)id) == TSSymbolTypeRegular, &js_named);
  napi_set_element(env, pair, 0, js_name);
  napi_set_element(env, pair, 1, js_named);
  return pair;
}

/* field(id): the field's name. */
static napi_value field(napi_env env, napi_callback_info info) {
  uint32_t id = 0;
  if (!id_argument(env, info, &id, "field(id) needs a number")) return NULL;
  const char *name = ts_language_field_name_for_id(tree_sitter_go(), (TSFieldId)id);
  napi_value js_name;
  napi_create_string_utf8(env, name ? name : "", NAPI_AUTO_LENGTH, &js_name);
  return js_name;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  /* `budgets: true`: parse() and parseAsync() take a budget. An addon built before that ignores it, which JavaScript can tell. */
  napi_value budgets;
  if (napi_get_boolean(env, true, &budgets) != napi_ok) return NULL;
  napi_property_descriptor properties[] = {
      {"budgets", NULL, NULL, NULL, NULL, budgets, napi_enumerable, NULL},
      {"parse", NULL, parse, NULL, NULL, NULL, napi_enumerable, NULL},
      {"read", NULL, read, NULL, NULL, NULL, napi_enumerable, NULL},
      {"parseAsync", NULL, parse_async, NULL, NULL, NULL, napi_enumerable, NULL},
      {"symbol", NULL, symbol, NULL, NULL, NULL, napi_enumerable, NULL},
      {"field", NULL, field, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties) != napi_ok) return NULL;
  return exports;
}
