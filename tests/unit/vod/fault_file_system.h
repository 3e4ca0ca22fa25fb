// FaultFileSystem: the real disk, except that writes can be made to fail
// ("disk full" after N bytes, or every open for writing under a path), for
// the VOD fault tests.
//
// Thread-safety: the knobs are atomics; safe from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "server/vod/file_system.h"

namespace ffsb::vod::testing {

class FaultFileSystem final : public PosixFileSystem {
 public:
  // Appends fail (ENOSPC-like) once this many bytes were written in total.
  std::atomic<int64_t> fail_after_bytes{INT64_MAX};
  std::atomic<int64_t> written{0};

  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override {
    return Wrap(PosixFileSystem::NewAppendableFile(path));
  }
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    return Wrap(PosixFileSystem::NewWritableFile(path));
  }

 private:
  class File final : public WritableFile {
   public:
    File(FaultFileSystem* fs, std::unique_ptr<WritableFile> base) : fs_(fs), base_(std::move(base)) {}
    Status Append(const void* data, size_t size) override {
      if (fs_->written.fetch_add(static_cast<int64_t>(size)) + static_cast<int64_t>(size) >
          fs_->fail_after_bytes.load()) {
        return Status(ErrorCode::INTERNAL_SERVER_ERROR, "disk: write: No space left on device");
      }
      return base_->Append(data, size);
    }
    Result<int64_t> Seek(int64_t offset, int whence) override { return base_->Seek(offset, whence); }
    Status Sync() override { return base_->Sync(); }
    Status Close() override { return base_->Close(); }

   private:
    FaultFileSystem* fs_;
    std::unique_ptr<WritableFile> base_;
  };

  Result<std::unique_ptr<WritableFile>> Wrap(Result<std::unique_ptr<WritableFile>> base) {
    if (!base.ok()) return base;
    return std::unique_ptr<WritableFile>(new File(this, std::move(*base)));
  }
};

}  // namespace ffsb::vod::testing
