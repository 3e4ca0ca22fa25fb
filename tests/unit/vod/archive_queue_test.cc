#include "server/vod/archive_queue.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

namespace ffsb::vod {
namespace {

using namespace std::chrono_literals;

// Collects callback events from worker threads.
struct Events {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> done, failed, started;
  std::vector<std::string> reasons;

  ArchiveCallbacks Callbacks() {
    return ArchiveCallbacks{
        .on_started = [this](const std::string& id) { Add(&started, id); },
        .on_done = [this](const std::string& id, const ArchiveOutputs&) { Add(&done, id); },
        .on_failed =
            [this](const std::string& id, const Status& s) {
              std::lock_guard l(mu);
              reasons.push_back(s.message());
              failed.push_back(id);
              cv.notify_all();
            },
    };
  }
  void Add(std::vector<std::string>* v, const std::string& id) {
    std::lock_guard l(mu);
    v->push_back(id);
    cv.notify_all();
  }
  bool WaitFinished(size_t n) {
    std::unique_lock l(mu);
    return cv.wait_for(l, 10s, [&] { return done.size() + failed.size() >= n; });
  }
};

TEST_CASE("the queue never runs more jobs than its workers", "[vod][queue]") {
  std::atomic<int> now{0}, peak{0};
  ArchiveQueueOptions options{.workers = 2,
                              .archive = [&](const ArchiveRequest&, const ArchiveProgress& p,
                                             const std::atomic<bool>*) -> Result<ArchiveOutputs> {
                                int n = ++now;
                                int seen = peak.load();
                                while (n > seen && !peak.compare_exchange_weak(seen, n)) {}
                                p(0.5);
                                std::this_thread::sleep_for(50ms);
                                --now;
                                return ArchiveOutputs{};
                              }};
  Events ev;
  ArchiveQueue queue(options, ev.Callbacks());
  for (int i = 0; i < 6; ++i) REQUIRE(queue.Enqueue({.job_id = "job" + std::to_string(i)}).ok());
  REQUIRE(queue.Enqueue({.job_id = "job5"}).ok());  // duplicate: not queued twice
  REQUIRE(ev.WaitFinished(6));
  std::this_thread::sleep_for(100ms);
  CHECK(ev.done.size() == 6);
  CHECK(ev.started.size() == 6);
  CHECK(peak.load() == 2);
}

TEST_CASE("fail-next fails exactly the next job", "[vod][queue]") {
  std::atomic<int> runs{0};
  ArchiveQueueOptions options{.archive = [&](const ArchiveRequest&, const ArchiveProgress&,
                                             const std::atomic<bool>*) -> Result<ArchiveOutputs> {
    ++runs;
    return ArchiveOutputs{};
  }};
  Events ev;
  ArchiveQueue queue(options, ev.Callbacks());
  queue.FailNextArchive("chaos: disk on fire");
  REQUIRE(queue.Enqueue({.job_id = "a"}).ok());
  REQUIRE(queue.Enqueue({.job_id = "b"}).ok());
  REQUIRE(ev.WaitFinished(2));
  CHECK(ev.failed == std::vector<std::string>{"a"});
  CHECK(ev.reasons == std::vector<std::string>{"chaos: disk on fire"});
  CHECK(ev.done == std::vector<std::string>{"b"});
  CHECK(runs.load() == 1);
}

TEST_CASE("Stop cancels the running job and drops pending ones", "[vod][queue]") {
  std::atomic<bool> saw_cancel{false};
  ArchiveQueueOptions options{.archive = [&](const ArchiveRequest&, const ArchiveProgress&,
                                             const std::atomic<bool>* cancel) -> Result<ArchiveOutputs> {
    while (!cancel->load()) std::this_thread::sleep_for(1ms);
    saw_cancel = true;
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "cancelled");
  }};
  Events ev;
  ArchiveQueue queue(options, ev.Callbacks());
  REQUIRE(queue.Enqueue({.job_id = "long"}).ok());
  REQUIRE(queue.Enqueue({.job_id = "next"}).ok());
  while (queue.running() == 0) std::this_thread::sleep_for(1ms);
  auto t0 = std::chrono::steady_clock::now();
  queue.Stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  CHECK(saw_cancel.load());
  CHECK(queue.pending() == 0);
  CHECK(ev.failed.empty());  // no callbacks for jobs ended by Stop()
  CHECK(ev.done.empty());
  CHECK(queue.Enqueue({.job_id = "late"}).code() == ErrorCode::SERVICE_UNAVAILABLE);
}

}  // namespace
}  // namespace ffsb::vod
