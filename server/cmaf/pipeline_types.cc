#include "server/cmaf/pipeline_types.h"

namespace ffsb::cmaf {

std::string_view PipelineErrorName(PipelineError e) {
  switch (e) {
    case PipelineError::kUnsupportedCodec: return "UNSUPPORTED_CODEC";
    case PipelineError::kUndecodable: return "UNDECODABLE_STREAM";
    case PipelineError::kOutputFailed: return "OUTPUT_FAILED";
    case PipelineError::kInternal: return "INTERNAL";
  }
  return "INTERNAL";
}

}  // namespace ffsb::cmaf
