#include "server/http/api/api.h"

#include "server/http/api/handlers.h"

namespace ffsb::http::api {

void RegisterApi(Router& router, control::Control& control, const ApiConfig& config) {
  // Ctx holds references only; handlers keep copies of it.
  Ctx ctx{router, control, config};
  RegisterMembers(ctx);
  RegisterStreamKeys(ctx);
  RegisterVideoRooms(ctx);
  RegisterVideoPosts(ctx);
  RegisterVideoPostUploads(ctx);
  RegisterTranscodingProfiles(ctx);
  RegisterAppSettings(ctx);
  RegisterMemberApi(ctx);
  RegisterOpenApi(ctx);
}

}  // namespace ffsb::http::api
