// Uploaded video posts (contract §6): POST/PATCH/DELETE /video-posts, the
// multipart upload (request-upload-urls, PUT of each part, complete-upload)
// and, beyond the contract, GET /webhook-deliveries.
//
// Upload layout (docs/api.md "Uploads"): request-upload-urls makes
// {data}/uploads/post-{id}/{token}/ with meta.json; each part URL is
// {http_base}/uploads/{token}/{partNumber} (token = "{postId}.{random hex}",
// the capability: no auth header, like a presigned URL). A PUT spools its
// body to part-N (Router::AddUpload) and answers ETag = FNV-1a-64 of the
// bytes. complete-upload checks every part and ETag, concatenates them into
// {data}/uploads/post-{id}/source and moves the post CREATED -> UPLOADED ->
// QUEUED; the archive pipeline does the rest. A size mismatch is FAILED_UPLOAD.
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "server/http/api/handlers.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

namespace fs = std::filesystem;

namespace {

Status Bad(const std::string& m) { return Status(ErrorCode::INVALID_REQUEST_PARAMETER, m); }

Result<control::PostFields> ReadPostFields(const json& body) {
  control::PostFields f;
  auto title = ReadString(body, "title");
  if (!title.ok()) return title.status();
  f.title = *title;
  auto desc = ReadString(body, "description");
  if (!desc.ok()) return desc.status();
  f.description = *desc;
  auto level = ReadEnum<domain::AccessLevel>(body, "accessLevel", domain::ParseAccessLevel);
  if (!level.ok()) return level.status();
  if (*level && **level) f.access_level = ***level;
  auto data = ReadCustomData(body, "customData");
  if (!data.ok()) return data.status();
  f.custom_data = *data;
  return f;
}

std::string RandomHex() {
  std::random_device rd;
  std::string out;
  static const char* kHex = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) out += kHex[rd() % 16];
  return out;
}

Result<std::string> FileEtag(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status(ErrorCode::INTERNAL_SERVER_ERROR, "cannot read the part");
  uint64_t h = 1469598103934665603ULL;
  char buf[1 << 16];
  while (f) {
    f.read(buf, sizeof buf);
    for (std::streamsize i = 0; i < f.gcount(); ++i) h = (h ^ static_cast<uint8_t>(buf[i])) * 1099511628211ULL;
  }
  char hex[17];
  snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string(hex);
}

std::string Unquote(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

std::string PostDir(const Ctx& ctx, Id post_id) {
  return ctx.config.data_dir + "/uploads/post-" + std::to_string(post_id);
}

Result<json> ReadMeta(const std::string& dir) {
  std::ifstream f(dir + "/meta.json");
  if (!f) return Bad("no upload was requested for this video post");
  json j = json::parse(f, nullptr, false);
  if (j.is_discarded()) return Status(ErrorCode::INTERNAL_SERVER_ERROR, "corrupt upload metadata");
  return j;
}

Response RequestUploadUrls(const Ctx& ctx, Request& req, const domain::App& app) {
  if (ctx.config.data_dir.empty()) return Fail(Status(ErrorCode::SERVICE_UNAVAILABLE, "uploads are disabled"));
  auto id = PathId(req, "id", ErrorCode::VIDEO_POST_NOT_FOUND);
  if (!id.ok()) return Fail(id.status());
  auto body = ParseBody(req);
  if (!body.ok()) return Fail(body.status());
  auto name = ReadString(*body, "filename");
  auto type = ReadString(*body, "contentType");
  auto size = ReadInt(*body, "size");
  auto count = ReadInt(*body, "multipartCount");
  for (const Status& s : {name.status(), type.status(), size.status(), count.status()})
    if (!s.ok()) return Fail(s);
  if (!name->has_value() || !name->value() || name->value()->empty()) return Fail(Bad("filename is required"));
  if (!size->has_value() || !size->value() || *size->value() <= 0) return Fail(Bad("size must be > 0"));
  int64_t parts = count->has_value() && count->value() ? *count->value() : 1;
  if (parts < 1 || parts > 10000) return Fail(Bad("multipartCount must be 1 to 10000"));
  auto post = ctx.control.CheckUploadable(app.id, *id);
  if (!post.ok()) return Fail(post.status());

  const std::string token = std::to_string(*id) + "." + RandomHex();
  const std::string dir = PostDir(ctx, *id);
  std::error_code ec;
  fs::remove_all(dir, ec);  // a new request replaces an unfinished upload
  fs::create_directories(dir + "/" + token, ec);
  json meta = {{"token", token},
               {"filename", *name->value()},
               {"contentType", type->has_value() && type->value() ? *type->value() : "application/octet-stream"},
               {"size", *size->value()},
               {"multipartCount", parts}};
  std::ofstream(dir + "/meta.json") << meta.dump();
  if (ec || !fs::exists(dir + "/meta.json"))
    return Fail(Status(ErrorCode::INTERNAL_SERVER_ERROR, "cannot prepare the upload"));
  json out = json::array();
  for (int64_t n = 1; n <= parts; ++n)
    out.push_back({{"partNumber", n},
                   {"uploadUrl", ctx.config.http_base + "/uploads/" + token + "/" + std::to_string(n)}});
  return Json(200, out);
}

Response PutPart(const Ctx& ctx, Request& req) {
  const std::string& token = req.params["token"];
  auto dot = token.find('.');
  int64_t part = 0;
  try {
    part = std::stoll(req.params["part"]);
  } catch (...) {
  }
  if (dot == std::string::npos || token.find('/') != std::string::npos || token.find("..") != std::string::npos ||
      ctx.config.data_dir.empty())
    return Fail(Status(ErrorCode::API_NOT_FOUND, "unknown upload URL"));
  const std::string dir = ctx.config.data_dir + "/uploads/post-" + token.substr(0, dot);
  auto meta = ReadMeta(dir);
  if (!meta.ok() || (*meta)["token"] != token || !fs::is_directory(dir + "/" + token))
    return Fail(Status(ErrorCode::API_NOT_FOUND, "unknown or expired upload URL"));
  if (part < 1 || part > (*meta)["multipartCount"].get<int64_t>()) return Fail(Bad("no such part number"));
  const std::string target = dir + "/" + token + "/part-" + std::to_string(part);
  std::error_code ec;
  if (!req.body_file.empty()) {
    fs::rename(req.body_file, target, ec);
  } else {
    std::ofstream(target, std::ios::binary | std::ios::trunc) << req.body;
  }
  if (ec) return Fail(Status(ErrorCode::INTERNAL_SERVER_ERROR, "cannot store the part: " + ec.message()));
  auto etag = FileEtag(target);
  if (!etag.ok()) return Fail(etag.status());
  std::ofstream(target + ".etag") << *etag;
  Response r;
  r.status = 200;
  r.body = "";
  r.Header("ETag", "\"" + *etag + "\"");
  return r;
}

Response CompleteUpload(const Ctx& ctx, Request& req, const domain::App& app) {
  auto id = PathId(req, "id", ErrorCode::VIDEO_POST_NOT_FOUND);
  if (!id.ok()) return Fail(id.status());
  json parts = json::parse(req.body, nullptr, false);
  if (parts.is_discarded() || !parts.is_array())
    return Fail(Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "the body must be [{partNumber, eTag}]"));
  auto post = ctx.control.CheckUploadable(app.id, *id);
  if (!post.ok()) return Fail(post.status());
  const std::string dir = PostDir(ctx, *id);
  auto meta = ReadMeta(dir);
  if (!meta.ok()) return Fail(meta.status());
  const int64_t count = (*meta)["multipartCount"].get<int64_t>();
  const std::string token_dir = dir + "/" + (*meta)["token"].get<std::string>();
  std::map<int64_t, std::string> given;
  for (const json& p : parts) {
    if (!p.is_object() || !p.contains("partNumber") || !p["partNumber"].is_number_integer() || !p.contains("eTag") ||
        !p["eTag"].is_string())
      return Fail(Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "each part needs partNumber and eTag"));
    given[p["partNumber"].get<int64_t>()] = Unquote(p["eTag"].get<std::string>());
  }
  if (static_cast<int64_t>(given.size()) != count)
    return Fail(Bad("expected " + std::to_string(count) + " parts, got " + std::to_string(given.size())));
  for (auto& [n, etag] : given) {
    std::ifstream f(token_dir + "/part-" + std::to_string(n) + ".etag");
    std::string stored;
    f >> stored;
    if (!f && stored.empty()) return Fail(Bad("part " + std::to_string(n) + " was not uploaded"));
    if (stored != etag) return Fail(Bad("part " + std::to_string(n) + ": eTag does not match"));
  }
  const std::string source = dir + "/source";
  {
    std::ofstream out(source, std::ios::binary | std::ios::trunc);
    for (auto& [n, etag] : given) {
      std::ifstream in(token_dir + "/part-" + std::to_string(n), std::ios::binary);
      out << in.rdbuf();
    }
    if (!out) return Fail(Status(ErrorCode::INTERNAL_SERVER_ERROR, "cannot write the uploaded file"));
  }
  std::error_code ec;
  const int64_t size = static_cast<int64_t>(fs::file_size(source, ec));
  fs::remove_all(token_dir, ec);
  if (size != (*meta)["size"].get<int64_t>()) {
    std::string reason = "uploaded " + std::to_string(size) + " bytes, announced " +
                         std::to_string((*meta)["size"].get<int64_t>());
    ctx.control.UploadFailed(app.id, *id, reason);
    return Fail(Bad(reason));
  }
  domain::MediaFile src;
  src.content_type = (*meta)["contentType"].get<std::string>();
  src.size = size;
  src.original_file_name = (*meta)["filename"].get<std::string>();
  src.path = "uploads/post-" + std::to_string(*id) + "/source";
  auto r = ctx.control.UploadCompleted(app.id, *id, src);
  if (!r.ok()) return Fail(r.status());
  return Json(200, VideoPostJson(*r, ctx.config));
}

}  // namespace

void RegisterVideoPostUploads(const Ctx& ctx) {
  AddApp(ctx, "POST", "/video-posts", [ctx](Request& req, const domain::App& app) {
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto owner = ReadString(*body, "appUserId");
    if (!owner.ok()) return Fail(owner.status());
    auto fields = ReadPostFields(*body);
    if (!fields.ok()) return Fail(fields.status());
    std::string app_user_id = owner->has_value() && owner->value() ? *owner->value() : "";
    auto r = ctx.control.CreateVideoPost(app.id, {domain::CreatorType::APP, app.id, std::nullopt}, app_user_id,
                                         *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(201, VideoPostJson(*r, ctx.config));
  });
  AddApp(ctx, "PATCH", "/video-posts/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_POST_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto fields = ReadPostFields(*body);
    if (!fields.ok()) return Fail(fields.status());
    auto r = ctx.control.UpdateVideoPost(app.id, *id, *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoPostJson(*r, ctx.config));
  });
  AddApp(ctx, "DELETE", "/video-posts/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_POST_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    if (Status s = ctx.control.DeleteVideoPost(app.id, *id); !s.ok()) return Fail(s);
    return NoContent();
  });
  AddApp(ctx, "POST", "/video-posts/{id}/src-file/request-upload-urls",
         [ctx](Request& req, const domain::App& app) { return RequestUploadUrls(ctx, req, app); });
  AddApp(ctx, "POST", "/video-posts/{id}/src-file/complete-upload",
         [ctx](Request& req, const domain::App& app) { return CompleteUpload(ctx, req, app); });
  ctx.router.AddUpload("PUT", "/uploads/{token}/{part}", [ctx](Request& req) { return PutPart(ctx, req); });

  AddApp(ctx, "GET", "/webhook-deliveries", [ctx](Request&, const domain::App& app) {
    json content = json::array();
    if (ctx.config.webhook_deliveries)
      for (const auto& d : ctx.config.webhook_deliveries(app.id))
        content.push_back({{"id", d.id},
                           {"type", d.event_type},
                           {"entityKey", d.entity_key},
                           {"url", d.url},
                           {"httpStatus", d.http_status},
                           {"error", d.error.empty() ? json(nullptr) : json(d.error)},
                           {"durationMs", d.duration_ms},
                           {"attemptedAt", Time(d.at)},
                           {"succeeded", d.ok}});
    return Json(200, {{"content", content}, {"totalElements", content.size()}});
  });
}

}  // namespace ffsb::http::api
