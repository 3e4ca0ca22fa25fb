#include "server/app/notifications.h"

#include "server/console/console_events.h"
#include "server/http/api/render.h"
#include "server/notify/signal_message.h"
#include "server/notify/webhook_event.h"

namespace ffsb::app {
namespace {

std::optional<std::string> StringOrNull(const nlohmann::json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

Notifications::Notifications(control::Control& control, notify::WebhookDispatcher& webhooks,
                             http::SseHub& member_sse, console::ConsoleEvents* console,
                             const http::api::ApiConfig& api, const Clock& clock, Random& random)
    : control_(control),
      webhooks_(webhooks),
      member_sse_(member_sse),
      console_(console),
      api_(api),
      clock_(clock),
      random_(random) {}

Notifications::~Notifications() = default;

void Notifications::OnEvent(const control::DomainEvent& event) {
  worker_.Adopt([this, event] { Deliver(event); });
}

void Notifications::Webhook(const domain::App& app, const std::string& entity_key, const nlohmann::json& body) {
  if (console_) console_->Publish(app.id, body);
  if (app.callback.url.empty()) return;
  notify::CallbackConfig cb{app.callback.url, app.callback.access_id, app.callback.access_password};
  Status s = webhooks_.Enqueue(app.id, cb, entity_key, body.dump());
  if (!s.ok()) log_.Warn("webhook not queued for app " + std::to_string(app.id) + ": " + s.ToString());
}

void Notifications::Member(domain::Id member_id, const nlohmann::json& message) {
  member_sse_.Publish(MemberChannel(member_id), "message", message.dump());
}

void Notifications::Deliver(const control::DomainEvent& e) {
  auto app = control_.GetApp(e.app_id);
  if (!app.ok()) return;
  const Micros now = clock_.Now();
  switch (e.kind) {
    case control::EventKind::STREAM_KEY: {
      if (!e.key || e.previous_state == e.state) return;
      auto view = control_.GetStreamKey(e.app_id, e.id);
      std::optional<std::string> live_url;
      if (view.ok()) live_url = StringOrNull(http::api::StreamKeyJson(*view, api_), "liveUrl");
      auto hook = notify::StreamKeyWebhook(e.id, e.key->stream_key_state);
      Webhook(*app, hook.entity_key, hook.body);
      notify::StreamKeySignal sig{e.id, e.key->stream_key_state, live_url};
      Member(e.member_id, notify::StreamKeySignalMessage(random_.Uuid4(), now, sig));
      return;
    }
    case control::EventKind::VIDEO_ROOM: {
      if (!e.room) return;
      const domain::VideoRoom& r = *e.room;
      const bool state_changed = e.previous_state != e.state;
      const bool vod_changed = e.previous_vod_state != std::string(domain::ToString(r.vod_state));
      const bool session_changed = e.session_changed;
      if (state_changed) {
        if (auto hook = notify::VideoRoomWebhook(e.id, r.video_room_state)) Webhook(*app, hook->entity_key, hook->body);
      }
      if (vod_changed) {
        if (auto hook = notify::VideoRoomVodWebhook(e.id, r.video_room_state, r.vod_state))
          Webhook(*app, hook->entity_key, hook->body);
      }
      if (!state_changed && !session_changed) return;
      notify::VideoRoomSignal sig;
      sig.video_room_id = e.id;
      sig.state = r.video_room_state;
      if (r.forcibly_terminated) sig.forcibly_terminated = true;
      if (auto view = control_.GetVideoRoom(e.app_id, control::Caller{}, e.id); view.ok()) {
        nlohmann::json j = http::api::VideoRoomJson(*view, api_);
        sig.play_url = StringOrNull(j, "playUrl");
        sig.cmaf_hls_play_url = StringOrNull(j, "cmafHlsPlayUrl");
        sig.cmaf_dash_play_url = StringOrNull(j, "cmafDashPlayUrl");
        sig.rtmp_play_url = StringOrNull(j, "rtmpPlayUrl");
        sig.http_flv_play_url = StringOrNull(j, "httpFlvPlayUrl");
      }
      Member(e.member_id, notify::VideoRoomSignalMessage(random_.Uuid4(), now, sig));
      return;
    }
    case control::EventKind::VIDEO_POST: {
      if (!e.post || e.previous_state == e.state) return;
      auto hook = notify::VideoPostWebhook(e.id, e.post->video_post_state);
      Webhook(*app, hook.entity_key, hook.body);
      return;
    }
  }
}

void Notifications::RegisterRoutes(http::Router& router) {
  router.Add("GET", "/v2/members/me/event-sources", [this](http::Request& req) {
    const std::string* auth = req.Header("Authorization");
    std::string token;
    if (auth && auth->rfind("Bearer ", 0) == 0) token = auth->substr(7);
    auto who = control_.AuthenticateMember(token);
    if (!who.ok()) return http::Error(who.status().code(), who.status().message());
    return member_sse_.Subscribe(MemberChannel(who->member.id), req);
  });
}

}  // namespace ffsb::app
