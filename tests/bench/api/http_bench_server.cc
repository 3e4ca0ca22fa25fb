// http_bench_server [port] [threads]: serves GET /v2/apps/me/ping (a small
// JSON body) and POST /v2/apps/me/echo (parses the JSON body and returns
// it) on HttpServer, prints "port N", and runs until SIGINT/SIGTERM. Lets
// bench_api.py measure the HTTP layer without storage or auth.
#include <signal.h>

#include <cstdio>
#include <cstdlib>

#include "server/http/server.h"

int main(int argc, char** argv) {
  using namespace ffsb::http;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // threads inherit: only sigwait sees them

  Router router;
  router.Add("GET", "/v2/apps/me/ping", [](Request&) {
    return Json(200, {{"id", 1}, {"state", "ACTIVE"}, {"name", "bench"}});
  });
  router.Add("POST", "/v2/apps/me/echo", [](Request& req) {
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded()) return Error(ffsb::ErrorCode::INVALID_HTTP_MESSAGE_BODY, "bad JSON");
    return Json(201, j);
  });
  HttpServer::Options o;
  o.bind = "127.0.0.1";
  o.port = argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 0;
  o.threads = argc > 2 ? std::atoi(argv[2]) : 2;
  HttpServer server(o, router);
  if (auto st = server.Start(); !st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("port %u\n", server.port());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  server.Stop();
  return 0;
}
