# go-hazard's optional native tree export (native/tree_export.c). It builds the
# tree-sitter runtime and the Go grammar from the C sources the `tree-sitter`
# and `tree-sitter-go` packages ship, wherever npm put those packages. When it
# can't be built, go-hazard falls back to the tree-sitter Node binding.
{
  "variables": {
    "tree_sitter_dir": "<!(node -p \"require('path').relative('.', require('path').dirname(require.resolve('tree-sitter/package.json')))\")",
    "tree_sitter_go_dir": "<!(node -p \"require('path').relative('.', require('path').dirname(require.resolve('tree-sitter-go/package.json')))\")",
  },
  "targets": [
    {
      "target_name": "go_hazard_tree",
      "sources": [
        "native/tree_export.c",
        "<(tree_sitter_dir)/vendor/tree-sitter/lib/src/lib.c",
        "<(tree_sitter_go_dir)/src/parser.c",
      ],
      "include_dirs": [
        "<(tree_sitter_dir)/vendor/tree-sitter/lib/include",
        "<(tree_sitter_dir)/vendor/tree-sitter/lib/src",
        "<(tree_sitter_go_dir)/src",
      ],
      "defines": ["NAPI_VERSION=8", "_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE"],
      "conditions": [
        ["OS!='win'", {
          "cflags_c": ["-std=c11", "-fvisibility=hidden"],
        }, {
          "cflags_c": ["/std:c11", "/utf-8"],
        }],
      ],
    },
  ],
}
