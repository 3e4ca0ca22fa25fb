// Entity <-> JSON document, the `doc` column of every table. The SQLite engine
// stores each entity whole in `doc` and copies the fields it filters, sorts
// or enforces uniqueness on into plain columns written by the same statement
// (see migrations.cc). Reading decodes `doc` only, so adding a field to an
// entity needs no migration: an absent field decodes to its default.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "server/base/status.h"
#include "server/domain/entities.h"
#include "server/store/store.h"

namespace ffsb::store::sqlite {

std::string Encode(const domain::App& v);
std::string Encode(const domain::Member& v);
std::string Encode(const domain::StreamKey& v);
std::string Encode(const domain::VideoRoom& v);
std::string Encode(const domain::VideoPost& v);
std::string Encode(const domain::TranscodingProfile& v);
std::string Encode(const WebhookDelivery& v);

// INTERNAL_SERVER_ERROR when the document is not valid JSON of the right shape.
Status Decode(const std::string& doc, domain::App* v);
Status Decode(const std::string& doc, domain::Member* v);
Status Decode(const std::string& doc, domain::StreamKey* v);
Status Decode(const std::string& doc, domain::VideoRoom* v);
Status Decode(const std::string& doc, domain::VideoPost* v);
Status Decode(const std::string& doc, domain::TranscodingProfile* v);
Status Decode(const std::string& doc, WebhookDelivery* v);

}  // namespace ffsb::store::sqlite
