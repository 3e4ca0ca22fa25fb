#include "server/app/serve.h"

#include <pthread.h>
#include <signal.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "server/app/archiving.h"
#include "server/app/auto_end.h"
#include "server/app/ingest_bridge.h"
#include "server/app/media_routes.h"
#include "server/app/notifications.h"
#include "server/app/serial_worker.h"
#include "server/app/recordings.h"
#include "server/app/sandbox_wiring.h"
#include "server/app/stream_sinks.h"
#include "server/app/seed.h"
#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/base/random.h"
#include "server/cmaf/ffmpeg_log.h"
#include "server/console/console.h"
#include "server/console/console_events.h"
#include "server/console/operator_account.h"
#include "server/http/sse.h"
#include "server/notify/webhook_dispatcher.h"
#include "server/control/control.h"
#include "server/http/api/api.h"
#include "server/http/server.h"
#include "server/media/media_server.h"
#include "server/store/sqlite/sqlite_store.h"

namespace ffsb::app {
namespace {

LogLevel ParseLevel(const std::string& s) {
  if (s == "debug") return LogLevel::kDebug;
  if (s == "warn") return LogLevel::kWarn;
  if (s == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

// Blocks SIGINT/SIGTERM in this thread and every thread it starts later, so
// that only sigwait() in the main thread sees them.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return set;
}

bool WriteFileAtomically(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    if (!f) return false;
    f << content;
  }
  return ::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int RunServe(const ServeConfig& config) {
  sigset_t stop_signals = BlockStopSignals();
  SetLogLevel(ParseLevel(config.log_level));
  if (config.log_file) SetLogFile(*config.log_file);
  cmaf::InstallFfmpegLogBridge();
  Logger log("serve");

  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    fprintf(stderr, "ffsandbox: cannot create data dir %s: %s\n", config.data_dir.c_str(), ec.message().c_str());
    return 1;
  }
  const std::string data_dir = std::filesystem::absolute(config.data_dir).lexically_normal().string();
  MediaRoutesConfig media_dirs{data_dir + "/cmaf", data_dir + "/vod"};
  const std::string recordings_dir = data_dir + "/recordings";
  for (const auto& d : {media_dirs.cmaf_dir, media_dirs.vod_dir, recordings_dir})
    std::filesystem::create_directories(d, ec);

  SystemClock clock;
  SecureRandom random;
  auto store = store::sqlite::SqliteStore::Open(data_dir + "/ffsandbox.db", clock);
  if (!store.ok()) {
    fprintf(stderr, "ffsandbox: cannot open the database: %s\n", store.status().ToString().c_str());
    return 1;
  }
  control::Control control(**store, clock, random);
  if (!SeedDefaultApp(control, config)) return 1;
  control.RecoverAfterRestart();
  auto operator_password = console::EnsureOperator(data_dir, config.operator_password, random);
  if (!operator_password.ok()) {
    fprintf(stderr, "ffsandbox: console operator account: %s\n", operator_password.status().ToString().c_str());
    return 1;
  }
  if (*operator_password)
    printf("console operator account created (shown once):\n  user:     operator\n  password: %s\n",
           (*operator_password)->c_str());

  // The media plane: one loop, one thread.
  boost::asio::io_context media_io(1);
  auto media_work = boost::asio::make_work_guard(media_io);
  IngestBridge bridge(control, media_io);
  MediaServerOptions media_options;
  media_options.stall_timeout = std::chrono::seconds(config.stall_timeout_seconds);
  MediaServer media(media_io, media_options, bridge);
  bridge.SetMediaServer(&media);
  control.SetIngestDropper(&bridge);
  // Drained explicitly at shutdown, after the media loop and before the
  // objects its jobs use.
  auto worker = std::make_unique<SerialWorker>();
  Archiving archiving(control, {data_dir, recordings_dir, config.archive_workers});
  control.AddListener(&archiving);
  AutoEnd auto_end(control, clock);
  control.AddListener(&auto_end);
  Recordings recordings(recordings_dir, media_io, *worker,
                        [&archiving](domain::Id room, const std::string& dir) { archiving.OnRecordingFinished(room, dir); });
  control.AddListener(&recordings);
  StreamSinks sinks({media_dirs.cmaf_dir}, bridge, recordings, *worker, clock);
  media.SetSinkFactory([&sinks](const PublishGrant& g) { return sinks.Make(g); });
  auto rtmp_port = media.Listen(static_cast<uint16_t>(config.rtmp_port), config.bind);
  if (!rtmp_port.ok()) {
    fprintf(stderr, "ffsandbox: cannot listen for RTMP on %s:%d: %s\n", config.bind.c_str(), config.rtmp_port,
            rtmp_port.status().ToString().c_str());
    return 1;
  }
  std::thread media_thread([&media_io] { media_io.run(); });

  // The HTTP side. URLs handed out need the bound ports, known only after
  // listening: the API config is filled in before the ready file is written.
  std::atomic<bool> ready{false};
  http::api::ApiConfig api_config;
  http::Router router;
  http::api::RegisterApi(router, control, api_config);
  RegisterMediaRoutes(router, media, media_dirs, ready);

  // Notifications (contract §8): webhooks, the member event source, the
  // console's live updates.
  notify::DispatcherOptions webhook_options;
  webhook_options.clock = &clock;
  notify::WebhookDispatcher webhooks(webhook_options);
  std::unique_ptr<SandboxWiring> sandbox;  // --sandbox-api: /_sandbox/ (docs/sandbox-api.md)
  if (config.sandbox_api) sandbox = std::make_unique<SandboxWiring>(control, media, webhooks);
  api_config.data_dir = data_dir;
  api_config.webhook_deliveries = [&webhooks](int64_t app_id) {
    std::vector<http::api::ApiConfig::WebhookDelivery> out;
    for (const auto& d : webhooks.RecentDeliveries(app_id))
      out.push_back({d.id, d.event_type, d.entity_key, d.url, d.error, d.http_status, d.duration_ms, d.at, d.ok()});
    return out;
  };
  http::SseHub member_sse;
  auto console_events = std::make_shared<console::ConsoleEvents>(clock);
  if (Status s = member_sse.Start(); !s.ok()) log.Error("member event source: " + s.ToString());
  if (Status s = console_events->Start(); !s.ok()) log.Error("console events: " + s.ToString());
  Notifications notifications(control, webhooks, member_sse, console_events.get(), api_config, clock, random);
  control.AddListener(sandbox ? sandbox->Filter(&notifications) : &notifications);
  notifications.RegisterRoutes(router);
  console::ConsoleConfig console_config;
  console_config.data_dir = data_dir;
  if (!config.web_dir.empty()) console_config.web_dir = config.web_dir;
  console_config.events = console_events;
  console::RegisterConsole(router, control, console_config);
  if (sandbox) {
    sandbox->Install(router);
    bridge.SetViewableDelay([s = sandbox.get()] { return s->TakePublishDelayMs(); });
    sandbox->SetFailNextArchive([&archiving] { archiving.FailNextArchive(); });
  }
  http::HttpServer::Options http_options;
  http_options.bind = config.bind;
  http_options.port = static_cast<uint16_t>(config.http_port);
  http_options.threads = config.http_threads;
  http_options.max_body_bytes = config.max_body_bytes;
  http_options.upload_dir = data_dir + "/uploads";
  std::filesystem::create_directories(http_options.upload_dir, ec);
  http::HttpServer http_server(http_options, router);
  Status started = http_server.Start();
  if (!started.ok()) {
    fprintf(stderr, "ffsandbox: cannot listen for HTTP on %s:%d: %s\n", config.bind.c_str(), config.http_port,
            started.ToString().c_str());
    media.Stop();
    media_work.reset();
    media_io.stop();
    media_thread.join();
    return 1;
  }
  const int http_port = http_server.port();
  const std::string host = config.public_host;
  api_config.http_base = "http://" + host + ":" + std::to_string(http_port);
  api_config.ingest_url = "rtmp://" + host + ":" + std::to_string(*rtmp_port) + "/live";
  api_config.rtmp_base = api_config.ingest_url;
  archiving.ResumePending();
  ready = true;

  log.Info("ready: http=" + std::to_string(http_port) + " rtmp=" + std::to_string(*rtmp_port) +
           " data=" + data_dir);
  printf("ffsandbox ready\n  API      %s/v2/apps/me\n  ingest   %s/{streamKey}\n  data     %s\n",
         api_config.http_base.c_str(), api_config.ingest_url.c_str(), data_dir.c_str());
  fflush(stdout);
  if (config.ready_file)
    WriteFileAtomically(*config.ready_file, "{\"http\": " + std::to_string(http_port) +
                                                ", \"rtmp\": " + std::to_string(*rtmp_port) + "}\n");

  int sig = 0;
  sigwait(&stop_signals, &sig);
  log.Info(std::string("shutting down on ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
  ready = false;

  http_server.Stop();
  boost::asio::post(media_io, [&media] { media.Stop(); });
  media_work.reset();
  media_thread.join();
  worker.reset();  // waits for CMAF workers and recordings being finished
  auto_end.Stop();
  archiving.Stop();
  member_sse.Stop();
  console_events->Stop();
  webhooks.Stop();
  log.Info("stopped");
  return 0;
}

}  // namespace ffsb::app
