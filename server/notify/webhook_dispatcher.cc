#include "server/notify/webhook_dispatcher.h"

#include <chrono>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "server/notify/http_post.h"
#include "server/notify/signature.h"

namespace ffsb::notify {
namespace {

std::string Base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(n);
  return out;
}

std::string Describe(const DeliveryRecord& r) {
  std::string s = "id=" + r.id + " app=" + std::to_string(r.app_id) + " type=" + r.event_type +
                  " entity=" + r.entity_key;
  if (r.http_status) s += " status=" + std::to_string(r.http_status);
  if (!r.error.empty()) s += " error=\"" + r.error + "\"";
  return s + " ms=" + std::to_string(r.duration_ms);
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(DispatcherOptions options)
    : opt_(std::move(options)),
      clock_(opt_.clock ? opt_.clock : &system_clock_),
      random_(opt_.random ? opt_.random : &secure_random_),
      faults_(clock_) {
  if (opt_.threads < 1) opt_.threads = 1;
  if (opt_.max_queue_per_app < 1) opt_.max_queue_per_app = 1;
  for (int i = 0; i < opt_.threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

WebhookDispatcher::~WebhookDispatcher() { Stop(); }

Status WebhookDispatcher::Enqueue(int64_t app_id, const CallbackConfig& callback, const WebhookEvent& event) {
  return Enqueue(app_id, callback, event.entity_key, event.BodyJson());
}

Status WebhookDispatcher::Enqueue(int64_t app_id, const CallbackConfig& callback, std::string entity_key,
                                  std::string body_json) {
  if (callback.url.empty()) return Status::Ok();
  Result<CallbackUrl> url = ParseCallbackUrl(callback.url);
  if (!url.ok()) return url.status();
  nlohmann::json parsed = nlohmann::json::parse(body_json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains("type") || !parsed["type"].is_string()) {
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "webhook body must be an object with a string type");
  }
  Job job{"", app_id, callback, std::move(*url), parsed["type"].get<std::string>(), std::move(entity_key),
          std::move(body_json)};
  std::vector<DeliveryRecord> dropped;
  {
    std::lock_guard<std::mutex> l(mu_);
    if (stopping_) return Status(ErrorCode::SERVICE_UNAVAILABLE, "webhook dispatcher stopped");
    job.id = random_->Uuid4();
    AppState& app = apps_[app_id];
    while (app.queue.size() >= opt_.max_queue_per_app) {
      dropped.push_back(DropRecord(app.queue.front(), "dropped: queue full"));
      app.queue.pop_front();
      RememberLocked(dropped.back());
      if (app.dropped++ % 100 == 0) {
        log_.Warn("queue full, dropped oldest " + Describe(dropped.back()) +
                  " dropped_total=" + std::to_string(app.dropped));
      }
    }
    app.queue.push_back(std::move(job));
    if (!app.scheduled) {
      app.scheduled = true;
      ready_.push_back(app_id);
      work_cv_.notify_one();
    }
  }
  Notify(dropped);
  return Status::Ok();
}

void WebhookDispatcher::WorkerLoop() {
  std::unique_lock<std::mutex> l(mu_);
  for (;;) {
    work_cv_.wait(l, [&] { return stopping_ || !ready_.empty(); });
    if (stopping_) return;
    int64_t app_id = ready_.front();
    ready_.pop_front();
    AppState& app = apps_[app_id];  // std::map: stable reference
    Job job = std::move(app.queue.front());
    app.queue.pop_front();
    ++in_flight_;
    Observer observer = observer_;
    l.unlock();

    DeliveryRecord record = Deliver(job);
    if (observer) observer(record);  // before the app's next delivery: in order

    l.lock();
    --in_flight_;
    RememberLocked(record);
    if (!app.queue.empty() && !stopping_) {
      ready_.push_back(app_id);  // back of the line: fair between apps
      work_cv_.notify_one();
    } else {
      app.scheduled = false;
    }
    idle_cv_.notify_all();
  }
}

DeliveryRecord WebhookDispatcher::Deliver(const Job& job) {
  DeliveryRecord r;
  r.id = job.id;
  r.app_id = job.app_id;
  r.event_type = job.event_type;
  r.entity_key = job.entity_key;
  r.url = job.callback.url;
  r.at = clock_->Now();
  const auto start = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  };

  std::optional<FaultAction> fault = faults_.Next(job.app_id);
  if (fault && fault->fail) {
    r.error = "injected fault";
  } else if (fault && fault->delay_ms > 0 && !SleepMs(fault->delay_ms)) {
    r.error = "dropped: dispatcher stopped";
  } else {
    HeaderList headers;
    if (!job.callback.access_id.empty() || !job.callback.access_password.empty()) {
      headers.emplace_back("Authorization",
                           "Basic " + Base64(job.callback.access_id + ":" + job.callback.access_password));
    }
    headers.emplace_back(std::string(kSignatureHeader),
                         SignatureHeader(clock_->Now() / 1'000'000, job.body, job.callback.access_password));
    headers.emplace_back(std::string(kDeliveryIdHeader), job.id);
    headers.emplace_back(std::string(kEventTypeHeader), job.event_type);
    headers.emplace_back("User-Agent", opt_.user_agent);
    PostOutcome out = PostJson(job.url, headers, job.body, opt_.timeout);
    r.http_status = out.http_status;
    r.error = out.error;
  }
  r.duration_ms = elapsed_ms();
  std::string line = Describe(r) + " url=" + job.url.ForLog();
  if (r.ok()) {
    log_.Info("delivered " + line);
  } else {
    log_.Warn("delivery failed (not retried) " + line);
  }
  return r;
}

bool WebhookDispatcher::SleepMs(int ms) {
  std::unique_lock<std::mutex> l(mu_);
  return !stop_cv_.wait_for(l, std::chrono::milliseconds(ms), [&] { return stopping_; });
}

DeliveryRecord WebhookDispatcher::DropRecord(const Job& job, const char* why) const {
  DeliveryRecord r;
  r.id = job.id;
  r.app_id = job.app_id;
  r.event_type = job.event_type;
  r.entity_key = job.entity_key;
  r.url = job.callback.url;
  r.error = why;
  r.at = clock_->Now();
  return r;
}

void WebhookDispatcher::RememberLocked(const DeliveryRecord& r) {
  auto& recent = apps_[r.app_id].recent;
  recent.push_front(r);
  while (recent.size() > opt_.recent_per_app) recent.pop_back();
}

void WebhookDispatcher::Notify(const std::vector<DeliveryRecord>& records) {
  if (records.empty()) return;
  Observer observer;
  {
    std::lock_guard<std::mutex> l(mu_);
    observer = observer_;
  }
  if (!observer) return;
  for (const auto& r : records) observer(r);
}

std::vector<DeliveryRecord> WebhookDispatcher::RecentDeliveries(int64_t app_id) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = apps_.find(app_id);
  if (it == apps_.end()) return {};
  return {it->second.recent.begin(), it->second.recent.end()};
}

size_t WebhookDispatcher::Pending(int64_t app_id) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = apps_.find(app_id);
  return it == apps_.end() ? 0 : it->second.queue.size();
}

void WebhookDispatcher::SetObserver(Observer observer) {
  std::lock_guard<std::mutex> l(mu_);
  observer_ = std::move(observer);
}

bool WebhookDispatcher::WaitIdle(Micros timeout) {
  std::unique_lock<std::mutex> l(mu_);
  return idle_cv_.wait_for(l, std::chrono::microseconds(timeout), [&] {
    if (in_flight_ > 0) return false;
    for (const auto& [id, app] : apps_) {
      if (!app.queue.empty()) return false;
    }
    return true;
  });
}

void WebhookDispatcher::Stop() {
  std::vector<DeliveryRecord> dropped;
  {
    std::lock_guard<std::mutex> l(mu_);
    if (stopping_) return;
    stopping_ = true;
    for (auto& [id, app] : apps_) {
      for (const Job& job : app.queue) dropped.push_back(DropRecord(job, "dropped: dispatcher stopped"));
      app.queue.clear();
    }
    for (const auto& r : dropped) RememberLocked(r);
    ready_.clear();
    work_cv_.notify_all();
    stop_cv_.notify_all();
  }
  for (auto& t : workers_) t.join();
  workers_.clear();
  if (!dropped.empty()) log_.Warn("stopped, dropped " + std::to_string(dropped.size()) + " queued deliveries");
  Notify(dropped);
}

}  // namespace ffsb::notify
