#include <catch2/catch.hpp>

#include "server/protocol/byte_io.h"
#include "server/protocol/chunk_reader.h"
#include "server/protocol/chunk_writer.h"
#include "server/protocol/control.h"

using namespace ffsb;

namespace {
std::vector<uint8_t> Payload(size_t n, uint8_t seed) {
  std::vector<uint8_t> p(n);
  for (size_t i = 0; i < n; ++i) p[i] = uint8_t(seed + i * 7);
  return p;
}
std::vector<RtmpMessage> ReadAll(ChunkReader& r, const std::vector<uint8_t>& wire, size_t piece) {
  std::vector<RtmpMessage> out;
  for (size_t i = 0; i < wire.size(); i += piece) {
    r.Append(wire.data() + i, std::min(piece, wire.size() - i));
    RtmpMessage m;
    for (;;) {
      auto got = r.Next(&m);
      REQUIRE(got.ok());
      if (!*got) break;
      if (m.type == rtmp::kSetChunkSize) {
        REQUIRE(r.SetChunkSize(*ParseU32Payload(m.payload)).ok());
      }
      out.push_back(m);
    }
  }
  return out;
}
}  // namespace

TEST_CASE("chunk writer/reader round trip with header compression", "[chunk]") {
  struct In { uint32_t csid; uint8_t type; uint32_t ts; uint32_t sid; size_t len; };
  std::vector<In> ins = {
      {3, 20, 0, 0, 200},          {6, 9, 0, 1, 5000},     {6, 9, 33, 1, 5000},  // fmt 0, 3
      {6, 9, 66, 1, 5000},         {6, 9, 100, 1, 10},     {4, 8, 23, 1, 300},   // fmt 3, 1, 0
      {4, 8, 46, 1, 300},          {4, 8, 70, 1, 300},     {70, 18, 5, 1, 40},   // 2-byte csid
      {400, 18, 5, 1, 40},         {6, 9, 50, 1, 10},      // 3-byte csid; ts going back → fmt 0
      {6, 9, 0x1000000, 1, 700},   {6, 9, 0x1000000 + 0x1000000, 1, 700},  // extended ts, fmt 3
      {6, 9, 0x2000100, 1, 700},   {6, 9, 0, 1, 0},
  };
  for (uint32_t chunk : {1u, 128u, 4096u, 65536u}) {
    ChunkWriter w;
    std::vector<uint8_t> wire;
    if (chunk != 128) WriteSetChunkSize(w, chunk, &wire);
    for (const auto& in : ins) {
      auto p = Payload(in.len, uint8_t(in.ts));
      w.Write({in.csid, in.type, in.ts, in.sid}, p, &wire);
    }
    for (size_t piece : {size_t(1), size_t(13), wire.size()}) {
      ChunkReader r;
      auto msgs = ReadAll(r, wire, piece);
      size_t base = chunk != 128 ? 1 : 0;
      REQUIRE(msgs.size() == ins.size() + base);
      for (size_t i = 0; i < ins.size(); ++i) {
        const auto& m = msgs[base + i];
        INFO("chunk " << chunk << " msg " << i);
        CHECK(m.csid == ins[i].csid);
        CHECK(m.type == ins[i].type);
        CHECK(m.timestamp == ins[i].ts);
        CHECK(m.stream_id == ins[i].sid);
        CHECK(m.payload == Payload(ins[i].len, uint8_t(ins[i].ts)));
      }
      CHECK(r.bytes_consumed() == wire.size());
    }
  }
}

TEST_CASE("stateless fmt0 encoding repeats extended timestamps on fmt 3", "[chunk]") {
  std::vector<uint8_t> wire;
  auto p = Payload(300, 1);
  EncodeChunked({6, 9, 0x12345678, 1}, p.data(), p.size(), 128, &wire);
  // 12-byte header + 4 ext + 128, then (1 + 4 + 128), then (1 + 4 + 44).
  REQUIRE(wire.size() == 16 + 128 + 5 + 128 + 5 + 44);
  CHECK(wire[16 + 128] == 0xC6);
  CHECK(wire[16 + 128 + 1] == 0x12);
  ChunkReader r;
  auto msgs = ReadAll(r, wire, 7);
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].timestamp == 0x12345678);
  CHECK(msgs[0].payload == p);
}

TEST_CASE("fmt 3 continuations without the extended timestamp are accepted", "[chunk]") {
  // Hand-built: fmt0 with ext ts, 200-byte message, chunk size 128, the fmt3
  // continuation omits the 4-byte extension (what some encoders do).
  std::vector<uint8_t> wire;
  ByteWriter w(&wire);
  w.U8(0x06); w.U24(0xFFFFFF); w.U24(200); w.U8(9); w.U32LE(1); w.U32(0x01000000);
  auto p = Payload(200, 9);
  w.Bytes(p.data(), 128);
  w.U8(0xC6);
  w.Bytes(p.data() + 128, 72);
  ChunkReader r;
  auto msgs = ReadAll(r, wire, wire.size());
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].timestamp == 0x01000000);
  CHECK(msgs[0].payload == p);
}

TEST_CASE("chunk protocol violations are errors", "[chunk]") {
  ChunkReader r;
  CHECK_FALSE(r.SetChunkSize(0).ok());
  CHECK_FALSE(r.SetChunkSize(0x80000000u).ok());
  CHECK(r.SetChunkSize(0x7FFFFFFF).ok());

  auto expect_error = [](std::vector<uint8_t> wire, ChunkReader::Limits lim = {}) {
    ChunkReader r(lim);
    r.Append(wire.data(), wire.size());
    RtmpMessage m;
    Result<bool> got = false;
    do { got = r.Next(&m); } while (got.ok() && *got);
    return !got.ok();
  };
  CHECK(expect_error({0x43, 0, 0, 0, 0, 0, 1, 20}));  // fmt1 on unknown csid 3
  CHECK(expect_error({0x83, 0, 0, 0}));              // fmt2 on unknown csid
  CHECK(expect_error({0xC5}));                       // fmt3 on unknown csid
  CHECK_FALSE(expect_error({0x42, 0, 0, 0, 0, 0, 4, 3, 0, 0, 0, 1}));  // librtmp: fmt1 on csid 2
  // Message longer than the limit.
  CHECK(expect_error({0x03, 0, 0, 0, 0x10, 0, 0, 20, 0, 0, 0, 0}, {1000, 64}));
  // New fmt0 header in the middle of a 200-byte message on the same csid.
  std::vector<uint8_t> wire = {0x03, 0, 0, 0, 0, 0, 200, 20, 0, 0, 0, 0};
  wire.resize(wire.size() + 128, 0);
  for (uint8_t b : {0x03, 0, 0, 0, 0, 0, 10, 20, 0, 0, 0, 0}) wire.push_back(b);
  CHECK(expect_error(wire));
  // Too many chunk streams.
  std::vector<uint8_t> many;
  for (int c = 3; c < 63; ++c) {
    for (uint8_t b : {uint8_t(c), uint8_t(0), uint8_t(0), uint8_t(0), uint8_t(0), uint8_t(0),
                      uint8_t(0), uint8_t(20), uint8_t(0), uint8_t(0), uint8_t(0), uint8_t(0)}) {
      many.push_back(b);
    }
  }
  CHECK(expect_error(many, {1 << 20, 10}));
  CHECK_FALSE(expect_error(many, {1 << 20, 64}));
}

TEST_CASE("Abort discards a partial message", "[chunk]") {
  std::vector<uint8_t> wire = {0x04, 0, 0, 0, 0, 0, 200, 8, 1, 0, 0, 0};
  wire.resize(wire.size() + 128, 0xAA);
  ChunkReader r;
  r.Append(wire.data(), wire.size());
  RtmpMessage m;
  REQUIRE(r.Next(&m).ok());
  r.Abort(4);
  // A fresh message may now start on csid 4 with fmt 1.
  std::vector<uint8_t> next = {0x44, 0, 0, 10, 0, 0, 2, 8, 0xBB, 0xCC};
  r.Append(next.data(), next.size());
  auto got = r.Next(&m);
  REQUIRE(got.ok());
  REQUIRE(*got);
  CHECK(m.payload == std::vector<uint8_t>{0xBB, 0xCC});
  CHECK(m.timestamp == 10);
}

TEST_CASE("control and user control messages", "[chunk]") {
  ChunkWriter w;
  std::vector<uint8_t> wire;
  WriteWindowAckSize(w, 2500000, &wire);
  WriteSetPeerBandwidth(w, 2500000, rtmp::kBandwidthDynamic, &wire);
  WriteUserControl(w, rtmp::kStreamBegin, 1, &wire);
  WriteUserControl(w, rtmp::kPingRequest, 1234, &wire);
  WriteAcknowledgement(w, 99, &wire);
  ChunkReader r;
  r.Append(wire.data(), wire.size());
  RtmpMessage m;
  REQUIRE(*r.Next(&m));
  CHECK(m.type == rtmp::kWindowAckSize);
  CHECK(*ParseU32Payload(m.payload) == 2500000);
  REQUIRE(*r.Next(&m));
  CHECK(m.type == rtmp::kSetPeerBandwidth);
  CHECK(m.payload.size() == 5);
  REQUIRE(*r.Next(&m));
  auto ev = ParseUserControl(m.payload);
  REQUIRE(ev.ok());
  CHECK(ev->type == rtmp::kStreamBegin);
  CHECK(ev->arg == 1);
  REQUIRE(*r.Next(&m));
  CHECK(ParseUserControl(m.payload)->arg == 1234);
  REQUIRE(*r.Next(&m));
  CHECK(m.type == rtmp::kAcknowledgement);
  CHECK_FALSE(ParseUserControl({0, 3, 0, 0, 0, 1}).ok());  // SetBufferLength without length
  CHECK_FALSE(ParseU32Payload({1, 2}).ok());
}
