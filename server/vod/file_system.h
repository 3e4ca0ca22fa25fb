// The file-system seam of the VOD layer. The recorder and the archiver touch
// the disk only through a FileSystem, so a fault test can make writes fail
// (tests/unit/vod/fault_file_system.h) without root tricks or full disks.
//
// Thread-safety: PosixFileSystem is stateless and safe from any thread. A
// WritableFile / ReadableFile is used by one thread at a time.
// Ownership: files returned by New*File are owned by the caller; DefaultFileSystem()
// is a process-lifetime singleton (stateless, so not a mutable global).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/status.h"

namespace ffsb::vod {

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(const void* data, size_t size) = 0;
  // lseek(2) semantics; returns the new position. Files opened for append
  // always write at the end whatever the position.
  virtual Result<int64_t> Seek(int64_t offset, int whence) = 0;
  // fdatasync(2): everything appended so far survives a crash.
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  // Reads up to `size` bytes at `offset`; returns the count (0 at end of file).
  virtual Result<size_t> ReadAt(uint64_t offset, void* out, size_t size) = 0;
  virtual Result<uint64_t> Size() = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Appends to an existing file or creates it.
  virtual Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) = 0;
  // Creates or truncates.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  virtual Result<std::unique_ptr<ReadableFile>> NewReadableFile(const std::string& path) = 0;
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Writes `data` to path.tmp, syncs it, renames it over `path` and syncs the
  // directory: readers see the old or the new content, never a mix.
  virtual Status WriteFileAtomic(const std::string& path, std::string_view data) = 0;
  virtual Status CreateDirs(const std::string& path) = 0;
  // Removes a file or a directory tree; OK when it does not exist.
  virtual Status RemoveAll(const std::string& path) = 0;
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status SyncDir(const std::string& path) = 0;
  virtual bool Exists(const std::string& path) = 0;
  // Names (not paths) of the entries of a directory, sorted.
  virtual Result<std::vector<std::string>> ListDir(const std::string& path) = 0;
  // Total size of a file, or of all files under a directory.
  virtual Result<int64_t> TotalSize(const std::string& path) = 0;
};

// The real disk. Not final: fault-injecting test file systems derive from it.
class PosixFileSystem : public FileSystem {
 public:
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<ReadableFile>> NewReadableFile(const std::string& path) override;
  Result<std::string> ReadFile(const std::string& path) override;
  Status WriteFileAtomic(const std::string& path, std::string_view data) override;
  Status CreateDirs(const std::string& path) override;
  Status RemoveAll(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status SyncDir(const std::string& path) override;
  bool Exists(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& path) override;
  Result<int64_t> TotalSize(const std::string& path) override;
};

FileSystem* DefaultFileSystem();

// "dir/name" without doubling the slash.
std::string JoinPath(std::string_view dir, std::string_view name);
// The directory part of a path ("." when none).
std::string ParentDir(std::string_view path);

}  // namespace ffsb::vod
