// Read use cases of video posts (contract §6) and transcoding profiles (§7).
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

Result<store::Page<VideoPostView>> Control::ListVideoPosts(const store::VideoPostFilter& filter,
                                                           const store::PageRequest& page) {
  return ReadResult<store::Page<VideoPostView>>(store_,
                                                [&](store::StoreTx& tx) -> Result<store::Page<VideoPostView>> {
    auto posts = tx.ListVideoPosts(filter, page);
    if (!posts.ok()) return posts.status();
    store::Page<VideoPostView> out;
    out.total = posts->total;
    for (auto& p : posts->items) {
      auto v = LoadPostView(tx, p);
      if (!v.ok()) return v.status();
      out.items.push_back(std::move(*v));
    }
    return out;
  });
}

Result<VideoPostView> Control::GetVideoPost(Id app_id, Id post_id) {
  return ReadResult<VideoPostView>(store_, [&](store::StoreTx& tx) -> Result<VideoPostView> {
    auto p = tx.GetVideoPost(app_id, post_id);
    if (!p.ok()) return p.status();
    return LoadPostView(tx, *p);
  });
}

Result<store::Page<TranscodingProfile>> Control::ListProfiles(const store::ProfileFilter& filter,
                                                              const store::PageRequest& page) {
  return ReadResult<store::Page<TranscodingProfile>>(
      store_, [&](store::StoreTx& tx) { return tx.ListProfiles(filter, page); });
}

Result<TranscodingProfile> Control::GetProfile(Id app_id, Id profile_id) {
  return ReadResult<TranscodingProfile>(store_, [&](store::StoreTx& tx) { return tx.GetProfile(app_id, profile_id); });
}

}  // namespace ffsb::control
