/**
 * unbounded-allocation: memory is allocated with a size that comes from input
 * and was never checked against a maximum. `make([]byte, n)` with `n` from a
 * length prefix, a request parameter or a decoded field lets one message ask
 * for gigabytes; the process is OOM-killed (or panics on a negative size)
 * before it reads a byte of the payload. The input-sizes analyzer finds them
 * (which allocations, which inputs, which bounds count; never in _test.go files).
 */
import * as path from "node:path";
import { inputSizesAnalyzer } from "../src/analysis/input-sizes/index.js";
import { reportWithEvidence } from "../src/eslint/evidence.js";
import { createRule } from "../src/eslint/rule-kit.js";
import { shortText, spanOf } from "../src/ir/syntax.js";

export const unboundedAllocation = createRule({
  name: "unbounded-allocation",
  meta: {
    type: "problem",
    docs: {
      description: "Memory is allocated with a size that comes from input (a length prefix, a request parameter, a decoded field) without checking it against a maximum first.",
      checklist: ["DP-12"],
      cwe: [789, 770],
      category: "robustness",
      defaultSeverity: "warning",
      precision: "high",
      securitySeverity: "6.5",
      recommended: true,
    },
    messages: {
      unbounded:
        "{{size}} comes from {{origin}} at {{where}} and sizes {{sink}} with no upper bound checked first. An attacker-controlled size can make this allocate gigabytes and get the process OOM-killed. Check it against a maximum before allocating (`if {{leaf}} > maxSize { return errTooLarge }`), or read through io.LimitReader / http.MaxBytesReader instead of sizing the buffer from the input.",
    },
    schema: [],
  },
  requires: { inputSizes: inputSizesAnalyzer },
  create(context, results, { file }) {
    return {
      source_file() {
        for (const u of results.inputSizes.unbounded) {
          if (u.file !== file) continue;
          const sizeText = shortText(u.size, 50);
          const leafText = shortText(u.leaf, 40);
          const where = `${path.basename(file.file.relPath)}:${u.origin.node.loc.start.line}`;
          const size = sizeText === leafText ? `\`${sizeText}\`` : `\`${sizeText}\` (through \`${leafText}\`)`;
          reportWithEvidence(
            context,
            { node: u.call, messageId: "unbounded", data: { size, origin: u.origin.desc, where, sink: u.sink, leaf: leafText } },
            {
              related: [{ ...spanOf(u.origin.node, file), message: `${leafText} is read here (${u.origin.desc})` }],
              fingerprintParts: [u.origin.desc, sizeText],
              object: leafText,
            },
          );
        }
      },
    };
  },
});
