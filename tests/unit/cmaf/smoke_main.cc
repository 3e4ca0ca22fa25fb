// Manual smoke run: smoke <flv> <outdir> [resume]
#include <cstdio>
#include <cstring>
#include "server/cmaf/ffmpeg_log.h"
#include "tests/unit/cmaf/pipeline_harness.h"
using namespace ffsb::cmaf;
using namespace ffsb::cmaf::testing;
int main(int argc, char** argv) {
  InstallFfmpegLogBridge();
  RunSpec s;
  s.tags = ReadFlvFile(argv[1]);
  s.dir = argv[2];
  s.resume = argc > 3 && !strcmp(argv[3], "resume");
  auto o = RunPipeline(s);
  printf("start=%d viewable=%d saw=%d errors=%d (%s) finished=%d segs=%llu frames=%llu\n", o.start_ok,
         o.viewable_calls, o.viewable_saw_every_rendition, o.error_calls, o.error_message.c_str(), o.finished_calls,
         (unsigned long long)o.stats.segments_published, (unsigned long long)o.stats.frames_encoded);
}
