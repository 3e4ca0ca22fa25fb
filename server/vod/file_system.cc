#include "server/vod/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace ffsb::vod {
namespace {

namespace stdfs = std::filesystem;

Status IoError(std::string_view what, const std::string& path, int err) {
  return Status(ErrorCode::INTERNAL_SERVER_ERROR,
                "disk: " + std::string(what) + " " + path + ": " + std::strerror(err));
}

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Append(const void* data, size_t size) override {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
      ssize_t n = ::write(fd_, p, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError("write", path_, errno);
      }
      p += n;
      size -= static_cast<size_t>(n);
    }
    return Status::Ok();
  }
  Result<int64_t> Seek(int64_t offset, int whence) override {
    off_t pos = ::lseek(fd_, static_cast<off_t>(offset), whence);
    if (pos < 0) return IoError("seek", path_, errno);
    return static_cast<int64_t>(pos);
  }
  Status Sync() override {
    if (::fdatasync(fd_) != 0) return IoError("fdatasync", path_, errno);
    return Status::Ok();
  }
  Status Close() override {
    if (fd_ < 0) return Status::Ok();
    int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) return IoError("close", path_, errno);
    return Status::Ok();
  }

 private:
  int fd_;
  std::string path_;
};

class PosixReadableFile final : public ReadableFile {
 public:
  PosixReadableFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixReadableFile() override { ::close(fd_); }
  Result<size_t> ReadAt(uint64_t offset, void* out, size_t size) override {
    for (;;) {
      ssize_t n = ::pread(fd_, out, size, static_cast<off_t>(offset));
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return IoError("read", path_, errno);
    }
  }
  Result<uint64_t> Size() override {
    struct stat st;
    if (::fstat(fd_, &st) != 0) return IoError("stat", path_, errno);
    return static_cast<uint64_t>(st.st_size);
  }

 private:
  int fd_;
  std::string path_;
};

Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0644);
  if (fd < 0) return IoError("open", path, errno);
  return std::unique_ptr<WritableFile>(new PosixWritableFile(fd, path));
}

}  // namespace

Result<std::unique_ptr<WritableFile>> PosixFileSystem::NewAppendableFile(const std::string& path) {
  return OpenForWrite(path, O_APPEND);
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::NewWritableFile(const std::string& path) {
  return OpenForWrite(path, O_TRUNC);
}

Result<std::unique_ptr<ReadableFile>> PosixFileSystem::NewReadableFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("open", path, errno);
  return std::unique_ptr<ReadableFile>(new PosixReadableFile(fd, path));
}

Result<std::string> PosixFileSystem::ReadFile(const std::string& path) {
  auto file = NewReadableFile(path);
  if (!file.ok()) return file.status();
  std::string data;
  char buf[64 * 1024];
  for (uint64_t off = 0;;) {
    auto n = (*file)->ReadAt(off, buf, sizeof buf);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    data.append(buf, *n);
    off += *n;
  }
  return data;
}

Status PosixFileSystem::WriteFileAtomic(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp";
  auto file = NewWritableFile(tmp);
  if (!file.ok()) return file.status();
  Status s = (*file)->Append(data.data(), data.size());
  if (s.ok()) s = (*file)->Sync();
  Status c = (*file)->Close();
  if (s.ok()) s = c;
  if (s.ok()) s = Rename(tmp, path);
  if (s.ok()) s = SyncDir(ParentDir(path));
  return s;
}

Status PosixFileSystem::CreateDirs(const std::string& path) {
  std::error_code ec;
  stdfs::create_directories(path, ec);
  if (ec) return IoError("mkdir", path, ec.value());
  return Status::Ok();
}

Status PosixFileSystem::RemoveAll(const std::string& path) {
  std::error_code ec;
  stdfs::remove_all(path, ec);
  if (ec) return IoError("remove", path, ec.value());
  return Status::Ok();
}

Status PosixFileSystem::Rename(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return IoError("rename", from, errno);
  return Status::Ok();
}

Status PosixFileSystem::SyncDir(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("open dir", path, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return IoError("fsync dir", path, err);
  return Status::Ok();
}

bool PosixFileSystem::Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Result<std::vector<std::string>> PosixFileSystem::ListDir(const std::string& path) {
  std::error_code ec;
  std::vector<std::string> names;
  for (stdfs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) return IoError("list", path, ec.value());
  std::sort(names.begin(), names.end());
  return names;
}

Result<int64_t> PosixFileSystem::TotalSize(const std::string& path) {
  std::error_code ec;
  if (!stdfs::is_directory(path, ec)) {
    auto size = stdfs::file_size(path, ec);
    if (ec) return IoError("stat", path, ec.value());
    return static_cast<int64_t>(size);
  }
  int64_t total = 0;
  for (stdfs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) total += static_cast<int64_t>(it->file_size(ec));
  }
  if (ec) return IoError("stat", path, ec.value());
  return total;
}

FileSystem* DefaultFileSystem() {
  static PosixFileSystem fs;
  return &fs;
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.empty() && out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string ParentDir(std::string_view path) {
  auto pos = path.find_last_of('/');
  if (pos == std::string_view::npos) return ".";
  if (pos == 0) return "/";
  return std::string(path.substr(0, pos));
}

}  // namespace ffsb::vod
